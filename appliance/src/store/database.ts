/**
 * Opens the appliance's SQLite file. WAL lets the API read while a write
 * commits; synchronous=FULL makes a commit durable before we answer 2xx, so a
 * kill -9 or a power cut loses nothing that was acknowledged.
 */
import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConflictError } from '../errors.ts';

export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { create: true, strict: true });
  db.run('PRAGMA journal_mode = WAL');
  db.run('PRAGMA synchronous = FULL');
  db.run('PRAGMA foreign_keys = ON');
  db.run('PRAGMA busy_timeout = 5000');
  return db;
}

/** True when a bun:sqlite error is a UNIQUE or PRIMARY KEY violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when a row is still referenced by another (ON DELETE RESTRICT). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  // An ON DELETE RESTRICT reference fails as a trigger constraint, with the foreign-key message.
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || (e?.code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/.test(e.message ?? ''));
}

/** Runs a write, turning a UNIQUE violation into a ConflictError with a readable message. */
export function uniquely<R>(write: () => R, conflictMessage: string): R {
  try {
    return write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(conflictMessage);
    throw error;
  }
}

/** Runs a delete, turning a still-referenced row into a ConflictError. */
export function unreferenced<R>(write: () => R, conflictMessage: string): R {
  try {
    return write();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new ConflictError(conflictMessage);
    throw error;
  }
}
