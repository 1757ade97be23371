import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';

test('005 keeps existing inbound routes and extensions, with the new defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migration-005-'));
  const db = openDatabase(join(dir, 'appliance.db'));
  try {
    migrate(db, MIGRATIONS.filter((m) => m.version < 5));
    const at = '2025-01-01T00:00:00.000Z';
    db.query('INSERT INTO inbound_routes (id, did, caller_pattern, destination, created_at, updated_at) VALUES (7, ?, ?, ?, ?, ?)').run('4008001234', '', '{"ivr":"main"}', at, at);
    db.query("INSERT INTO extensions (number, name, secret_enc, created_at, updated_at) VALUES ('1001', 'A', 'x', ?, ?)").run(at, at);
    migrate(db, MIGRATIONS);
    expect(db.query('SELECT * FROM inbound_routes').all()).toEqual([
      {
        id: 7,
        did: '4008001234',
        caller_pattern: '',
        area: '',
        destination: '{"ivr":"main"}',
        time_condition_id: null,
        after_hours: '[]',
        announce_recording: 0,
        created_at: at,
        updated_at: at,
      },
    ]);
    expect(db.query('SELECT call_permission, allow_premium FROM extensions').get()).toEqual({ call_permission: 'long_distance', allow_premium: 0 });
    // The same DID and caller may now have one route per area.
    db.query("INSERT INTO inbound_routes (did, caller_pattern, area, destination, created_at, updated_at) VALUES ('4008001234', '', '浙江', '{}', ?, ?)").run(at, at);
    expect(() => db.query("UPDATE extensions SET call_permission = 'galactic'").run()).toThrow();
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
