/**
 * Stored time conditions, by name. Routes refer to them by id (so a rename
 * follows), IVR branch nodes by name; one still used by a route cannot be
 * deleted (IVR references by name are not tracked here).
 */
import type { Database } from 'bun:sqlite';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { uniquely } from '../../store/index.ts';
import { type Clock, isoTime } from '../../system/index.ts';
import { type CompiledTimeCondition, compileTimeCondition } from './evaluate-time-condition.ts';
import { canonicalTimeCondition, checkTimeCondition, type TimeCondition, type TimeConditionCreate } from './time-condition.ts';

interface Row {
  id: number;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
}

export class TimeConditionsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): TimeCondition[] {
    return (this.db.query('SELECT * FROM time_conditions ORDER BY name').all() as Row[]).map(toItem);
  }

  get(id: number): TimeCondition {
    const row = this.db.query('SELECT * FROM time_conditions WHERE id = ?').get(id) as Row | null;
    if (!row) throw new NotFoundError(`time condition ${id}`);
    return toItem(row);
  }

  findByName(name: string): TimeCondition | null {
    const row = this.db.query('SELECT * FROM time_conditions WHERE name = ?').get(name) as Row | null;
    return row ? toItem(row) : null;
  }

  /** The evaluator of a stored condition, or null when there is none by that name. */
  compiled(name: string): CompiledTimeCondition | null {
    const item = this.findByName(name);
    return item ? compileTimeCondition(item) : null;
  }

  /** For IVR branch nodes: open or not at `at`; undefined when no such condition. */
  isOpen(name: string, at: Date): boolean | undefined {
    return this.compiled(name)?.isOpen(at);
  }

  create(input: TimeConditionCreate): TimeCondition {
    const def = checked(input);
    const now = isoTime(this.clock);
    const { id } = uniquely(
      () =>
        this.db
          .query('INSERT INTO time_conditions (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id')
          .get(def.name, JSON.stringify(definitionOf(def)), now, now),
      `a time condition named ${def.name} already exists`,
    ) as { id: number };
    return this.get(id);
  }

  update(id: number, input: TimeConditionCreate): TimeCondition {
    this.get(id);
    const def = checked(input);
    uniquely(
      () =>
        this.db
          .query('UPDATE time_conditions SET name = ?, definition = ?, updated_at = ? WHERE id = ?')
          .run(def.name, JSON.stringify(definitionOf(def)), isoTime(this.clock), id),
      `a time condition named ${def.name} already exists`,
    );
    return this.get(id);
  }

  delete(id: number): void {
    const item = this.get(id);
    // Checked here rather than by catching the constraint: SQLite reports ON DELETE RESTRICT under a generic code.
    const used = this.db.query('SELECT count(*) AS n FROM inbound_routes WHERE time_condition_id = ?').get(id) as { n: number };
    if (used.n > 0) throw new ConflictError(`time condition ${item.name} is still used by ${used.n} inbound route(s)`);
    this.db.query('DELETE FROM time_conditions WHERE id = ?').run(id);
  }
}

function checked(input: TimeConditionCreate): Required<TimeConditionCreate> {
  const issues = checkTimeCondition(input);
  if (issues.length > 0) throw new ValidationError(issues);
  return canonicalTimeCondition(input);
}

function definitionOf(def: Required<TimeConditionCreate>): Omit<TimeConditionCreate, 'name'> {
  const { name: _name, ...rest } = def;
  return rest;
}

function toItem(row: Row): TimeCondition {
  const def = JSON.parse(row.definition) as Required<Omit<TimeConditionCreate, 'name'>>;
  return { id: row.id, name: row.name, ...def, created_at: row.created_at, updated_at: row.updated_at };
}
