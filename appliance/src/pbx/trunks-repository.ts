/** Trunks (中继): connections to carriers. A trunk's secret is sealed; the box needs it in plain to authenticate out. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely, unreferenced } from '../store/index.ts';
import type { SecretBox } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { parseSourceRule } from './trunks/source-rules.ts';

export const CODECS = ['PCMU', 'PCMA', 'G722', 'opus', 'telephone-event'] as const;
export const DEFAULT_CODECS = ['PCMA', 'PCMU', 'telephone-event'];

export const TrunkName = T.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'letters, digits, _ and -' });
export const HostName = T.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$',
  description: 'host name, IPv4 or [IPv6]',
});

/** A source a peer trunk's calls may come from: address or host name, an IPv4 network, each with an optional port. */
export const SourceMatch = T.String({
  minLength: 1,
  maxLength: 260,
  pattern: '^(\\[[0-9A-Fa-f:.]+\\]|[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?$',
  description: 'address[:port], [IPv6][:port], a.b.c.d/n or a host name',
});

export const TrunkCreate = T.Object(
  {
    name: TrunkName,
    type: T.Optional(T.Literal('sip')),
    host: HostName,
    port: T.Optional(T.Integer({ minimum: 1, maximum: 65535 })),
    transport: T.Optional(T.Union([T.Literal('udp'), T.Literal('tcp')])),
    username: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 64 }), T.Null()])),
    secret: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 128 }), T.Null()])),
    register: T.Optional(T.Boolean()),
    max_channels: T.Optional(T.Union([T.Integer({ minimum: 1, maximum: 1000 }), T.Null()])),
    codecs: T.Optional(T.Array(T.Union(CODECS.map((c) => T.Literal(c))), { minItems: 1, uniqueItems: true })),
    enabled: T.Optional(T.Boolean()),
    caller_id: T.Optional(
      T.Union([T.String({ pattern: '^\\+?[0-9]{1,32}$', description: 'the number presented as caller on this trunk (e.g. the business number); null: the extension number' }), T.Null()]),
    ),
    from_domain: T.Optional(T.Union([HostName, T.Null()], { description: 'domain in From/To and the REGISTER Request-URI when not the host' })),
    register_expires: T.Optional(T.Union([T.Integer({ minimum: 10, maximum: 86400 }), T.Null()], { description: 'seconds asked for in each REGISTER; null: 3600' })),
    options_interval_s: T.Optional(
      T.Union([T.Integer({ minimum: 0, maximum: 3600 }), T.Null()], { description: 'seconds between OPTIONS pings; 0: no pings; null: 30' }),
    ),
    match: T.Optional(T.Array(SourceMatch, { maxItems: 32, uniqueItems: true, description: 'further source addresses trusted as this trunk' })),
  },
  { additionalProperties: false },
);
export type TrunkCreate = Static<typeof TrunkCreate>;
export const TrunkUpdate = T.Partial(TrunkCreate, { additionalProperties: false });
export type TrunkUpdate = Static<typeof TrunkUpdate>;

export const Trunk = T.Object({
  id: T.Integer(),
  name: T.String(),
  type: T.Literal('sip'),
  host: T.String(),
  port: T.Integer(),
  transport: T.Union([T.Literal('udp'), T.Literal('tcp')]),
  username: T.Union([T.String(), T.Null()]),
  has_secret: T.Boolean(),
  register: T.Boolean(),
  max_channels: T.Union([T.Integer(), T.Null()]),
  codecs: T.Array(T.String()),
  enabled: T.Boolean(),
  caller_id: T.Union([T.String(), T.Null()]),
  from_domain: T.Union([T.String(), T.Null()]),
  register_expires: T.Union([T.Integer(), T.Null()]),
  options_interval_s: T.Union([T.Integer(), T.Null()]),
  match: T.Array(T.String()),
  created_at: T.String(),
  updated_at: T.String(),
});
export type Trunk = Static<typeof Trunk>;

interface TrunkRow {
  id: number;
  name: string;
  type: 'sip';
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
  username: string | null;
  secret_enc: string | null;
  register: number;
  max_channels: number | null;
  codecs: string;
  enabled: number;
  caller_id: string | null;
  from_domain: string | null;
  register_expires: number | null;
  options_interval_s: number | null;
  match: string;
  created_at: string;
  updated_at: string;
}

export class TrunksRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {}

  list(): Trunk[] {
    return (this.db.query('SELECT * FROM trunks ORDER BY name').all() as TrunkRow[]).map(toTrunk);
  }

  get(id: number): Trunk {
    return toTrunk(this.row(id));
  }

  findByName(name: string): Trunk | null {
    const row = this.db.query('SELECT * FROM trunks WHERE name = ?').get(name) as TrunkRow | null;
    return row ? toTrunk(row) : null;
  }

  secretOf(id: number): string | null {
    const sealed = this.row(id).secret_enc;
    return sealed ? this.box.open(sealed) : null;
  }

  create(input: TrunkCreate): Trunk {
    checkMatch(input.match);
    const now = isoTime(this.clock);
    const { id } = uniquely(() =>
      this.db
        .query(
          `INSERT INTO trunks (name, type, host, port, transport, username, secret_enc, register, max_channels, codecs, enabled,
             caller_id, from_domain, register_expires, options_interval_s, match, created_at, updated_at)
           VALUES (?, 'sip', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          input.name,
          input.host,
          input.port ?? 5060,
          input.transport ?? 'udp',
          input.username ?? null,
          input.secret ? this.box.seal(input.secret) : null,
          input.register ? 1 : 0,
          input.max_channels ?? null,
          JSON.stringify(input.codecs ?? DEFAULT_CODECS),
          input.enabled === false ? 0 : 1,
          input.caller_id ?? null,
          input.from_domain ?? null,
          input.register_expires ?? null,
          input.options_interval_s ?? null,
          JSON.stringify(input.match ?? []),
          now,
          now,
        ),
      `trunk name ${input.name} is already used`,
    ) as { id: number };
    return this.get(id);
  }

  update(id: number, changes: TrunkUpdate): Trunk {
    checkMatch(changes.match);
    const c = this.row(id);
    const pick = <K extends keyof TrunkUpdate>(key: K, fallback: unknown) => (changes[key] === undefined ? fallback : changes[key]);
    const secret = changes.secret === undefined ? c.secret_enc : changes.secret ? this.box.seal(changes.secret) : null;
    const flag = (key: 'register' | 'enabled', current: number) => (changes[key] === undefined ? current : changes[key] ? 1 : 0);
    uniquely(() =>
      this.db
        .query(
          `UPDATE trunks SET name = ?, host = ?, port = ?, transport = ?, username = ?, secret_enc = ?, register = ?,
           max_channels = ?, codecs = ?, enabled = ?, caller_id = ?, from_domain = ?, register_expires = ?,
           options_interval_s = ?, match = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          pick('name', c.name) as string,
          pick('host', c.host) as string,
          pick('port', c.port) as number,
          pick('transport', c.transport) as string,
          pick('username', c.username) as string | null,
          secret,
          flag('register', c.register),
          pick('max_channels', c.max_channels) as number | null,
          changes.codecs ? JSON.stringify(changes.codecs) : c.codecs,
          flag('enabled', c.enabled),
          pick('caller_id', c.caller_id) as string | null,
          pick('from_domain', c.from_domain) as string | null,
          pick('register_expires', c.register_expires) as number | null,
          pick('options_interval_s', c.options_interval_s) as number | null,
          changes.match ? JSON.stringify(changes.match) : c.match,
          isoTime(this.clock),
          id,
        ),
      `trunk name ${changes.name ?? c.name} is already used`,
    );
    return this.get(id);
  }

  delete(id: number): void {
    const row = this.row(id);
    unreferenced(
      () => this.db.query('DELETE FROM trunks WHERE id = ?').run(id),
      `trunk ${row.name} is still used by an outbound route`,
    );
  }

  private row(id: number): TrunkRow {
    const row = this.db.query('SELECT * FROM trunks WHERE id = ?').get(id) as TrunkRow | null;
    if (!row) throw new NotFoundError(`trunk ${id}`);
    return row;
  }

}

/** The schema's pattern lets a few impossible entries through (300.1.1.1, /40, port 0): named here, by index. */
function checkMatch(match: readonly string[] | undefined): void {
  const issues = (match ?? []).flatMap((entry, i) =>
    parseSourceRule(entry) === null ? [{ path: `match[${i}]`, message: `${entry} is not an address[:port], a.b.c.d/n or a host name` }] : [],
  );
  if (issues.length > 0) throw new ValidationError(issues);
}

function toTrunk(row: TrunkRow): Trunk {
  return {
    id: row.id,
    name: row.name,
    type: 'sip',
    host: row.host,
    port: row.port,
    transport: row.transport,
    username: row.username,
    has_secret: row.secret_enc !== null,
    register: row.register === 1,
    max_channels: row.max_channels,
    codecs: JSON.parse(row.codecs) as string[],
    enabled: row.enabled === 1,
    caller_id: row.caller_id,
    from_domain: row.from_domain,
    register_expires: row.register_expires,
    options_interval_s: row.options_interval_s,
    match: JSON.parse(row.match) as string[],
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
