import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hashPassword } from '../../auth/index.ts';
import type { TrunkStatus } from '../../pbx/index.ts';
import { type TempServices, tempServices } from '../../testing/temp-services.ts';
import { createApiApp } from '../app.ts';

const ROWS: TrunkStatus[] = [
  {
    name: 'carrier',
    enabled: true,
    register: true,
    registration: 'registered',
    registered_until: '2026-01-05T10:00:00.000Z',
    reachable: true,
    latency_ms: 12,
    channels_in_use: 3,
    max_channels: 30,
    last_error: null,
  },
];

let box: TempServices;
let app: ReturnType<typeof createApiApp>['app'];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  box = tempServices();
  const s = box.services;
  app = createApiApp(s, { version: 'test', startedAt: 0, webRoot: box.dir, recordingsDir: box.dir, sessionTtlMs: 3600_000, trunks: { status: () => ROWS } }).app;
  const hash = await hashPassword('Correct-horse-1');
  const reader = s.roles.create({ name: 'trunk-reader', permissions: ['trunks.read'] });
  const other = s.roles.create({ name: 'extension-reader', permissions: ['extensions.read'] });
  s.users.create({ username: 'reader', display_name: 'R', password_hash: hash, role_id: reader.id, enabled: true });
  s.users.create({ username: 'other', display_name: 'O', password_hash: hash, role_id: other.id, enabled: true });
  tokens.reader = (await s.auth.login('reader', 'Correct-horse-1', 't')).token;
  tokens.other = (await s.auth.login('other', 'Correct-horse-1', 't')).token;
});
afterAll(() => box.close());

const get = (token?: string) =>
  app.handle(new Request('http://localhost/api/trunks/status', { headers: token ? { authorization: `Bearer ${token}` } : {} }));

describe('GET /api/trunks/status', () => {
  test('answers the runtime status to a caller with trunks.read', async () => {
    const res = await get(tokens.reader);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: ROWS });
  });

  test('is refused without a session (401) and without trunks.read (403)', async () => {
    expect((await get()).status).toBe(401);
    expect((await get(tokens.other)).status).toBe(403);
  });

  test('is not taken for a trunk id by the CRUD routes', async () => {
    const res = await app.handle(new Request('http://localhost/api/trunks/1', { headers: { authorization: `Bearer ${tokens.reader}` } }));
    expect(res.status).toBe(404);
  });
});
