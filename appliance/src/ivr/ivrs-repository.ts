/**
 * IVR menus (语音导航). For now a menu is a greeting, DTMF options and a
 * timeout, stored as JSON; the flow-graph engine of a later issue reads the
 * same definition. Every change bumps the version so calls in progress can
 * finish on the one they started with.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';
import { Destination } from '../pbx/index.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';

export const IvrName = T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

export const Prompt = T.Object(
  {
    tts: T.Optional(T.String({ minLength: 1, maxLength: 2000 })),
    file: T.Optional(T.String({ minLength: 1, maxLength: 255 })),
    voice: T.Optional(T.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

export const IvrDefinition = T.Object(
  {
    greeting: Prompt,
    options: T.Record(T.String({ pattern: '^[0-9*#]$' }), Destination),
    timeout: T.Optional(T.Integer({ minimum: 1, maximum: 60 })),
    retries: T.Optional(T.Integer({ minimum: 0, maximum: 10 })),
    on_timeout: T.Optional(Destination),
    on_invalid: T.Optional(Destination),
  },
  { additionalProperties: false },
);
export type IvrDefinition = Static<typeof IvrDefinition>;

export const IvrCreate = T.Composite([T.Object({ name: IvrName }), IvrDefinition], { additionalProperties: false });
export type IvrCreate = Static<typeof IvrCreate>;

export const Ivr = T.Object({
  id: T.Integer(),
  name: T.String(),
  version: T.Integer(),
  definition: IvrDefinition,
  created_at: T.String(),
  updated_at: T.String(),
});
export type Ivr = Static<typeof Ivr>;

interface IvrRow extends Omit<Ivr, 'definition'> {
  definition: string;
}

export class IvrsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): Ivr[] {
    return (this.db.query('SELECT * FROM ivrs ORDER BY name').all() as IvrRow[]).map(hydrate);
  }

  get(id: number): Ivr {
    const row = this.db.query('SELECT * FROM ivrs WHERE id = ?').get(id) as IvrRow | null;
    if (!row) throw new NotFoundError(`IVR ${id}`);
    return hydrate(row);
  }

  findByName(name: string): Ivr | null {
    const row = this.db.query('SELECT * FROM ivrs WHERE name = ?').get(name) as IvrRow | null;
    return row ? hydrate(row) : null;
  }

  create(name: string, definition: IvrDefinition): Ivr {
    const now = isoTime(this.clock);
    const { id } = uniquely(
      () =>
        this.db
          .query('INSERT INTO ivrs (name, definition, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?) RETURNING id')
          .get(name, JSON.stringify(definition), now, now),
      `IVR ${name} already exists`,
    ) as { id: number };
    return this.get(id);
  }

  update(id: number, changes: { name?: string; definition?: IvrDefinition }): Ivr {
    const c = this.get(id);
    uniquely(
      () =>
        this.db
          .query('UPDATE ivrs SET name = ?, definition = ?, version = version + 1, updated_at = ? WHERE id = ?')
          .run(changes.name ?? c.name, JSON.stringify(changes.definition ?? c.definition), isoTime(this.clock), id),
      `IVR ${changes.name} already exists`,
    );
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM ivrs WHERE id = ?').run(id);
  }
}

function hydrate(row: IvrRow): Ivr {
  return { ...row, definition: JSON.parse(row.definition) as IvrDefinition };
}
