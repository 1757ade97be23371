import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hashPassword } from '../auth/index.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import { createApiApp, PUBLIC_ROUTES } from './app.ts';

/** Routes any logged-in user may call, whatever their role. */
const ANY_USER_ROUTES = new Set(['POST /api/auth/logout', 'GET /api/auth/me']);

let box: TempServices;
let app: ReturnType<typeof createApiApp>['app'];
let adminToken: string;
let nobodyToken: string;

async function call(method: string, path: string, options: { token?: string; body?: unknown; ip?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await app.handle(
    new Request(`http://localhost${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, headers: res.headers };
}

beforeAll(async () => {
  box = tempServices();
  const s = box.services;
  app = createApiApp(s, { version: 'test', startedAt: 0, webRoot: box.dir, recordingsDir: box.dir, sessionTtlMs: 3600_000 }).app;
  const admin = s.roles.findByName('admin');
  const nobody = s.roles.create({ name: 'nobody', permissions: [] });
  const hash = await hashPassword('Correct-horse-1');
  s.users.create({ username: 'root', display_name: 'Root', password_hash: hash, role_id: admin?.id as number, enabled: true });
  s.users.create({ username: 'guest', display_name: 'Guest', password_hash: hash, role_id: nobody.id, enabled: true });
  adminToken = (await s.auth.login('root', 'Correct-horse-1', 't')).token;
  nobodyToken = (await s.auth.login('guest', 'Correct-horse-1', 't')).token;
});
afterAll(() => box.close());

const apiRoutes = () =>
  app.routes
    .filter((r) => r.path.startsWith('/api') && r.method !== 'WS')
    .map((r) => ({ method: r.method, path: r.path.replace(/\/$/, ''), concrete: r.path.replace(/:id/g, '1').replace(/\/$/, '') }));

describe('every API route declares a permission', () => {
  test('the walk finds the routes (sanity)', () => {
    expect(apiRoutes().length).toBeGreaterThan(40);
  });

  test('without a session, every non-public route answers 401', async () => {
    for (const r of apiRoutes().filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`))) {
      const res = await call(r.method, r.concrete, { body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
    }
  });

  test('with a role that has no permissions, every non-public route answers 403', async () => {
    const guarded = apiRoutes().filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`) && !ANY_USER_ROUTES.has(`${r.method} ${r.path}`));
    for (const r of guarded) {
      const res = await call(r.method, r.concrete, { token: nobodyToken, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });

  test('the public list names only routes that exist', () => {
    const existing = new Set(apiRoutes().map((r) => `${r.method} ${r.path}`));
    for (const route of PUBLIC_ROUTES) expect(existing.has(route)).toBe(true);
  });
});

describe('auth', () => {
  test('login sets an HttpOnly SameSite=Strict cookie and /me answers with it', async () => {
    const res = await call('POST', '/api/auth/login', { body: { username: 'root', password: 'Correct-horse-1' } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const value = /appliance_session=([^;]+)/.exec(cookie)?.[1];
    const me = await app.handle(new Request('http://localhost/api/auth/me', { headers: { cookie: `appliance_session=${value}` } }));
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('root');
  });

  test('unknown users and wrong passwords get the same answer', async () => {
    const a = await call('POST', '/api/auth/login', { body: { username: 'root', password: 'nope' } });
    const b = await call('POST', '/api/auth/login', { body: { username: 'ghost', password: 'nope' } });
    expect(a.status).toBe(401);
    expect(b).toEqual({ ...a, headers: b.headers });
  });

  test('repeated failures are rate limited with Retry-After, even with the right password', async () => {
    const s = box.services;
    const role = s.roles.findByName('agent');
    s.users.create({ username: 'target', display_name: 't', password_hash: await hashPassword('Target-pass-1'), role_id: role?.id as number, enabled: true });
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/login', { body: { username: 'target', password: `wrong-${i}` } });
    const res = await call('POST', '/api/auth/login', { body: { username: 'target', password: 'Target-pass-1' } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('logout ends the session', async () => {
    const { token } = await box.services.auth.login('root', 'Correct-horse-1', 't2');
    expect((await call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await call('GET', '/api/auth/me', { token })).status).toBe(401);
  });
});

describe('configuration CRUD', () => {
  test('create, read, update, delete an extension, each audited, the secret never returned', async () => {
    const created = await call('POST', '/api/extensions', { token: adminToken, body: { number: '2001', name: 'Desk', secret: 'Secret-2001' } });
    expect(created.status).toBe(201);
    const item = created.body?.item as { id: number; has_secret: boolean };
    expect(JSON.stringify(created.body)).not.toContain('Secret-2001');
    expect(item.has_secret).toBe(true);
    expect((await call('PUT', `/api/extensions/${item.id}`, { token: adminToken, body: { name: 'Front desk', secret: 'Another-2001' } })).status).toBe(200);
    expect(box.services.extensions.secretOf(item.id)).toBe('Another-2001');
    expect((await call('DELETE', `/api/extensions/${item.id}`, { token: adminToken })).status).toBe(204);
    expect((await call('GET', `/api/extensions/${item.id}`, { token: adminToken })).status).toBe(404);
    const audit = box.services.audit.list({ limit: 10 }).filter((a) => a.target === 'extension:2001');
    expect(audit.map((a) => a.action)).toEqual(['extension.delete', 'extension.update', 'extension.create']);
    expect(JSON.stringify(audit)).not.toContain('Another-2001');
  });

  test('validation errors name the field; conflicts are 409', async () => {
    const bad = await call('POST', '/api/extensions', { token: adminToken, body: { number: 'abc', name: 'X', secret: 'Secret-xyz' } });
    expect(bad.status).toBe(422);
    expect(bad.body?.error).toMatchObject({ details: [{ path: 'number' }] });
    await call('POST', '/api/extensions', { token: adminToken, body: { number: '2002', name: 'A', secret: 'Secret-xyz' } });
    const dup = await call('POST', '/api/extensions', { token: adminToken, body: { number: '2002', name: 'B', secret: 'Secret-xyz' } });
    expect(dup.status).toBe(409);
  });

  test('a queue naming a missing extension is refused with the member path', async () => {
    const res = await call('POST', '/api/queues', { token: adminToken, body: { number: '6001', name: 'Q', strategy: 'ring_all', agents: ['2002', '2999'] } });
    expect(res.status).toBe(422);
    expect(res.body?.error).toMatchObject({ details: [{ path: 'agents[1]', message: 'no extension 2999' }] });
    expect(box.services.queues.list()).toEqual([]);
  });

  test('the last administrator cannot be disabled or deleted', async () => {
    const root = box.services.users.findByUsername('root');
    const res = await call('PUT', `/api/users/${root?.id ?? 0}`, { token: adminToken, body: { enabled: false } });
    expect(res.status).toBe(409);
  });
});

describe('validation messages', () => {
  test('an over-long optional field says what is wrong, not just "string or null"', async () => {
    const res = await call('POST', '/api/trunks', { token: adminToken, body: { name: 'carrier', host: 'sip.example', secret: 'x'.repeat(200) } });
    expect(res.status).toBe(422);
    expect(res.body?.error).toMatchObject({ details: [{ path: 'secret', message: expect.stringContaining('128') }] });
  });
});
