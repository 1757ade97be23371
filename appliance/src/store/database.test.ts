import { Database } from 'bun:sqlite';
import { expect, test } from 'bun:test';
import { ConflictError } from '../errors.ts';
import { unreferenced } from './database.ts';

function referenced(onDelete: string): Database {
  const db = new Database(':memory:');
  db.exec(`PRAGMA foreign_keys = ON;
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) ${onDelete});
    INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);`);
  return db;
}

test.each([
  ['a plain reference', ''],
  // SQLite reports this one as a trigger constraint, not as a foreign-key one.
  ['an ON DELETE RESTRICT reference', 'ON DELETE RESTRICT'],
])('deleting a row still in use through %s is a conflict, not a failure', (_, onDelete) => {
  const db = referenced(onDelete);
  expect(() => unreferenced(() => db.query('DELETE FROM parent WHERE id = 1').run(), 'parent 1 is in use')).toThrow(ConflictError);
});

test('other errors pass through unchanged', () => {
  const db = referenced('');
  expect(() => unreferenced(() => db.query('DELETE FROM nowhere').run(), 'x')).toThrow(/no such table/);
});
