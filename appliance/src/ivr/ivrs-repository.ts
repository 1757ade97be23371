/**
 * IVRs (语音导航) and every version of each. Saving a change adds a version;
 * `current(name)` gives the flow new calls start with, while a call in
 * progress keeps the flow object it was given, so it finishes on its own
 * version. A definition is checked on its own here (shape, graph,
 * templates); the API adds the checks against the rest of the box.
 */
import type { Database } from 'bun:sqlite';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { checkIvrDefinition } from './check-ivr.ts';
import type { LoadedFlow } from './flow/flow-session.ts';
import { menuToFlow } from './flow/menu-to-flow.ts';
import { type Ivr, type IvrDefinition, type IvrVersion, isFlowForm } from './ivr-schema.ts';

interface IvrRow extends Omit<Ivr, 'definition'> {
  definition: string;
}

interface VersionRow {
  version: number;
  definition: string;
  created_at: string;
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
    requireValid(definition);
    const now = isoTime(this.clock);
    const json = JSON.stringify(definition);
    const id = this.db.transaction(() => {
      const { id } = uniquely(
        () =>
          this.db
            .query('INSERT INTO ivrs (name, definition, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?) RETURNING id')
            .get(name, json, now, now),
        `IVR ${name} already exists`,
      ) as { id: number };
      this.db.query('INSERT INTO ivr_versions (ivr_id, version, definition, created_at) VALUES (?, 1, ?, ?)').run(id, json, now);
      return id;
    })();
    return this.get(id);
  }

  update(id: number, changes: { name?: string; definition?: IvrDefinition }): Ivr {
    if (changes.definition) requireValid(changes.definition);
    const now = isoTime(this.clock);
    this.db.transaction(() => {
      const c = this.get(id);
      const json = JSON.stringify(changes.definition ?? c.definition);
      uniquely(
        () =>
          this.db
            .query('UPDATE ivrs SET name = ?, definition = ?, version = ?, updated_at = ? WHERE id = ?')
            .run(changes.name ?? c.name, json, c.version + 1, now, id),
        `IVR ${changes.name} already exists`,
      );
      this.db.query('INSERT INTO ivr_versions (ivr_id, version, definition, created_at) VALUES (?, ?, ?, ?)').run(id, c.version + 1, json, now);
    })();
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM ivrs WHERE id = ?').run(id);
  }

  /** Every saved version of an IVR, newest first. */
  versions(id: number): IvrVersion[] {
    this.get(id);
    const rows = this.db.query('SELECT version, definition, created_at FROM ivr_versions WHERE ivr_id = ? ORDER BY version DESC').all(id) as VersionRow[];
    return rows.map((r) => ({ ...r, definition: JSON.parse(r.definition) as IvrDefinition }));
  }

  /** The flow new calls to `name` start with; null when there is no such IVR. */
  current(name: string): LoadedFlow | null {
    const row = this.db.query('SELECT name, version, definition FROM ivrs WHERE name = ?').get(name) as VersionRow & { name: string } | null;
    return row ? loaded(row.name, row.version, JSON.parse(row.definition) as IvrDefinition) : null;
  }

  /** One saved version of `name` as a runnable flow; null when either does not exist. */
  version(name: string, version: number): LoadedFlow | null {
    const row = this.db
      .query('SELECT v.definition FROM ivr_versions v JOIN ivrs i ON i.id = v.ivr_id WHERE i.name = ? AND v.version = ?')
      .get(name, version) as { definition: string } | null;
    return row ? loaded(name, version, JSON.parse(row.definition) as IvrDefinition) : null;
  }
}

/** The flow a definition runs as, whichever form it was saved in. */
export function loaded(name: string, version: number, definition: IvrDefinition): LoadedFlow {
  if (isFlowForm(definition)) return { name, version, flow: definition.flow, language: definition.language ?? 'zh' };
  return { name, version, ...menuToFlow(definition) };
}

function requireValid(definition: IvrDefinition): void {
  const issues = checkIvrDefinition(definition);
  if (issues.length > 0) throw new ValidationError(issues);
}

function hydrate(row: IvrRow): Ivr {
  return { ...row, definition: JSON.parse(row.definition) as IvrDefinition };
}
