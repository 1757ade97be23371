import { describe, expect, test } from 'bun:test';
import { openDatabase } from './database.ts';
import { type Migration, MigrationError, migrate, schemaVersion } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

describe('migrations', () => {
  test('apply once, in order, and record the version', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
  });

  test('a failing migration leaves the previous version and no partial tables', () => {
    const db = openDatabase(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (y); CREATE TABLE a (x)' },
    ];
    expect(() => migrate(db, broken)).toThrow(MigrationError);
    expect(schemaVersion(db)).toBe(1);
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeNull();
  });

  test('refuses a database newer than the software', () => {
    const db = openDatabase(':memory:');
    db.run('PRAGMA user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this software/);
  });

  test('refuses gaps in the numbering', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/1..n/);
  });
});
