import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import { migrate, openDatabase } from '../store/index.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import type { IvrFlowDefinition } from './flow/flow-schema.ts';
import type { IvrsRepository } from './ivrs-repository.ts';

const MENU = { greeting: { tts: '欢迎致电' }, options: { '1': { queue: '6001' } }, timeout: 5 };
const flowDef = (queue: string): IvrFlowDefinition => ({
  language: 'en',
  flow: { start: 'hi', nodes: { hi: { type: 'play', prompt: { tts: 'hi' }, next: 'go' }, go: { type: 'goto', destination: { queue } } } },
});

let box: TempServices;
let ivrs: IvrsRepository;
beforeEach(() => {
  box = tempServices();
  ivrs = box.services.ivrs;
});
afterEach(() => box.close());

describe('IVR versions', () => {
  test('every save adds a version; versions() lists them newest first', () => {
    const created = ivrs.create('main', MENU);
    box.clock.advance(60_000);
    const updated = ivrs.update(created.id, { definition: flowDef('6002') });
    expect([created.version, updated.version]).toEqual([1, 2]);
    const versions = ivrs.versions(created.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.definition).toEqual(MENU);
    expect(versions[0]?.definition).toEqual(flowDef('6002'));
    expect(versions[0]?.created_at).toBe(new Date(box.clock.now()).toISOString());
  });

  test('current() converts the menu form; version() returns an older one', () => {
    const { id } = ivrs.create('main', MENU);
    ivrs.update(id, { definition: flowDef('6002') });
    expect(ivrs.current('main')).toMatchObject({ name: 'main', version: 2, language: 'en', flow: flowDef('6002').flow });
    const v1 = ivrs.version('main', 1);
    expect(v1).toMatchObject({ version: 1, language: 'zh', flow: { start: 'menu' } });
    expect(v1?.flow.nodes.option_1).toEqual({ type: 'goto', destination: { queue: '6001' } });
    expect(ivrs.version('main', 3)).toBeNull();
    expect(ivrs.current('nothing')).toBeNull();
  });

  test('deleting an IVR removes its versions', () => {
    const { id } = ivrs.create('main', MENU);
    ivrs.delete(id);
    expect(box.services.db.query('SELECT COUNT(*) AS n FROM ivr_versions').get()).toEqual({ n: 0 });
  });

  test('an invalid flow is refused with the node and reason, and nothing is saved', () => {
    const bad = flowDef('6001');
    (bad.flow.nodes.hi as { next: string }).next = 'nowhere';
    let error: unknown;
    try {
      ivrs.create('main', bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'flow.nodes.hi', message: 'next: no node nowhere' },
      { path: 'flow.nodes.go', message: 'unreachable from the start node' },
    ]);
    expect(ivrs.list()).toEqual([]);
  });

  test('a refused update keeps the current version', () => {
    const { id } = ivrs.create('main', flowDef('6001'));
    expect(() => ivrs.update(id, { definition: { flow: { start: 'x', nodes: { hi: { type: 'hangup' } } } } })).toThrow(ValidationError);
    expect(ivrs.get(id).version).toBe(1);
    expect(ivrs.versions(id)).toHaveLength(1);
  });
});

describe('migration 004', () => {
  test('copies the IVRs that exist into ivr_versions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-migration-'));
    try {
      const db = openDatabase(join(dir, 'a.db'));
      migrate(db, MIGRATIONS.filter((m) => m.version < 4));
      db.run(`INSERT INTO ivrs (name, definition, version, created_at, updated_at) VALUES ('main', '{"greeting":{"tts":"x"},"options":{}}', 3, 't1', 't2')`);
      migrate(db, MIGRATIONS);
      expect(db.query('SELECT ivr_id, version, definition, created_at FROM ivr_versions').all()).toEqual([
        { ivr_id: 1, version: 3, definition: '{"greeting":{"tts":"x"},"options":{}}', created_at: 't2' },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
