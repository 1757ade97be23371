/**
 * Numbered migrations, applied in order at start. Each runs in its own
 * transaction together with the bump of PRAGMA user_version, so a crash
 * mid-migration leaves the previous version intact.
 */
import type { Database } from 'bun:sqlite';
import { AppError } from '../errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('migration', message, { cause });
  }
}

export function schemaVersion(db: Database): number {
  return (db.query('PRAGMA user_version').get() as { user_version: number }).user_version;
}

/** Applies pending migrations; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration numbers must run 1..n; found ${m.version} at position ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > ordered.length) {
    throw new MigrationError(`database is at schema ${current}, newer than this software (${ordered.length})`);
  }
  const applied: number[] = [];
  for (const m of ordered.slice(current)) {
    try {
      db.transaction(() => {
        db.run(m.sql);
        db.run(`PRAGMA user_version = ${m.version}`);
      })();
    } catch (error) {
      throw new MigrationError(`migration ${m.version} (${m.name}) failed`, error);
    }
    applied.push(m.version);
  }
  return applied;
}
