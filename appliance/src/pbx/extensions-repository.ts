/** Extensions (分机): the SIP accounts phones register with. Secrets are sealed at rest. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';
import { uniquely, unreferenced } from '../store/index.ts';
import type { SecretBox } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { CALL_PERMISSIONS, type CallPermission, type CallRights } from './routing/number-class.ts';

export const ExtensionNumber = T.String({ pattern: '^[0-9]{2,8}$', description: '2 to 8 digits' });
export const SipSecret = T.String({ minLength: 8, maxLength: 64, description: 'SIP password, 8 to 64 characters' });
export const CallPermissionSchema = T.Union(
  CALL_PERMISSIONS.map((p) => T.Literal(p)),
  { description: 'what the extension may dial out: internal < local < long_distance < international' },
);

export const ExtensionCreate = T.Object(
  {
    number: ExtensionNumber,
    name: T.String({ minLength: 1, maxLength: 64 }),
    secret: SipSecret,
    email: T.Optional(T.Union([T.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' }), T.Null()])),
    enabled: T.Optional(T.Boolean()),
    call_permission: T.Optional(CallPermissionSchema),
    allow_premium: T.Optional(T.Boolean({ description: 'may dial premium-rate (声讯) numbers; default false' })),
  },
  { additionalProperties: false },
);
export type ExtensionCreate = Static<typeof ExtensionCreate>;
export const ExtensionUpdate = T.Partial(ExtensionCreate, { additionalProperties: false });
export type ExtensionUpdate = Static<typeof ExtensionUpdate>;

export const Extension = T.Object({
  id: T.Integer(),
  number: T.String(),
  name: T.String(),
  email: T.Union([T.String(), T.Null()]),
  enabled: T.Boolean(),
  call_permission: CallPermissionSchema,
  allow_premium: T.Boolean(),
  has_secret: T.Boolean(),
  created_at: T.String(),
  updated_at: T.String(),
});
export type Extension = Static<typeof Extension>;

interface ExtensionRow {
  id: number;
  number: string;
  name: string;
  secret_enc: string;
  email: string | null;
  enabled: number;
  call_permission: string;
  allow_premium: number;
  created_at: string;
  updated_at: string;
}

export class ExtensionsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {}

  list(): Extension[] {
    return (this.db.query('SELECT * FROM extensions ORDER BY number').all() as ExtensionRow[]).map(toExtension);
  }

  get(id: number): Extension {
    return toExtension(this.row('id', id));
  }

  findByNumber(number: string): Extension | null {
    const row = this.db.query('SELECT * FROM extensions WHERE number = ?').get(number) as ExtensionRow | null;
    return row ? toExtension(row) : null;
  }

  /** The extension's own recording rule: 'always', 'never' or 'inherit' (the box-wide setting). */
  recordingRuleOf(number: string): 'always' | 'never' | 'inherit' {
    const row = this.db.query('SELECT recording FROM extensions WHERE number = ?').get(number) as { recording: string } | null;
    const rule = row?.recording;
    return rule === 'always' || rule === 'never' ? rule : 'inherit';
  }

  /** What the extension may dial out; null when there is no such extension. */
  rightsOf(number: string): CallRights | null {
    const e = this.findByNumber(number);
    return e ? { call_permission: e.call_permission, allow_premium: e.allow_premium } : null;
  }

  /** The plain SIP secret, for digest authentication and export. */
  secretOf(id: number): string {
    return this.box.open(this.row('id', id).secret_enc);
  }

  create(input: ExtensionCreate): Extension {
    const now = isoTime(this.clock);
    const { id } = uniquely(() =>
      this.db
        .query(
          `INSERT INTO extensions (number, name, secret_enc, email, enabled, call_permission, allow_premium, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          input.number,
          input.name,
          this.box.seal(input.secret),
          input.email ?? null,
          input.enabled === false ? 0 : 1,
          input.call_permission ?? 'long_distance',
          input.allow_premium ? 1 : 0,
          now,
          now,
        ),
      `extension number ${input.number} is already used`,
    ) as { id: number };
    return this.get(id);
  }

  update(id: number, changes: ExtensionUpdate): Extension {
    const current = this.row('id', id);
    uniquely(() =>
      this.db
        .query(
          'UPDATE extensions SET number = ?, name = ?, secret_enc = ?, email = ?, enabled = ?, call_permission = ?, allow_premium = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          changes.number ?? current.number,
          changes.name ?? current.name,
          changes.secret === undefined ? current.secret_enc : this.box.seal(changes.secret),
          changes.email === undefined ? current.email : changes.email,
          changes.enabled === undefined ? current.enabled : changes.enabled ? 1 : 0,
          changes.call_permission ?? current.call_permission,
          changes.allow_premium === undefined ? current.allow_premium : changes.allow_premium ? 1 : 0,
          isoTime(this.clock),
          id,
        ),
      `extension number ${changes.number ?? current.number} is already used`,
    );
    return this.get(id);
  }

  delete(id: number): void {
    const row = this.row('id', id);
    unreferenced(
      () => this.db.query('DELETE FROM extensions WHERE id = ?').run(id),
      `extension ${row.number} is still a member of a queue`,
    );
  }

  private row(column: 'id', value: number): ExtensionRow {
    const row = this.db.query(`SELECT * FROM extensions WHERE ${column} = ?`).get(value) as ExtensionRow | null;
    if (!row) throw new NotFoundError(`extension ${value}`);
    return row;
  }

}

function toExtension(row: ExtensionRow): Extension {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    email: row.email,
    enabled: row.enabled === 1,
    call_permission: row.call_permission as CallPermission,
    allow_premium: row.allow_premium === 1,
    has_secret: row.secret_enc.length > 0,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
