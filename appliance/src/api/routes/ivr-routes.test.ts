import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hashPassword } from '../../auth/index.ts';
import { type TempServices, tempServices } from '../../testing/temp-services.ts';
import { createApiApp } from '../app.ts';

let box: TempServices;
let app: ReturnType<typeof createApiApp>['app'];
let admin: string;
let reader: string;

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await app.handle(new Request(`http://localhost${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }));
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

beforeAll(async () => {
  box = tempServices();
  const s = box.services;
  app = createApiApp(s, { version: 'test', startedAt: 0, webRoot: box.dir, recordingsDir: box.dir, sessionTtlMs: 3600_000 }).app;
  const hash = await hashPassword('Correct-horse-1');
  const readOnly = s.roles.create({ name: 'ivr-reader', permissions: ['ivrs.read'] });
  s.users.create({ username: 'root', display_name: 'Root', password_hash: hash, role_id: s.roles.findByName('admin')?.id as number, enabled: true });
  s.users.create({ username: 'viewer', display_name: 'Viewer', password_hash: hash, role_id: readOnly.id, enabled: true });
  admin = (await s.auth.login('root', 'Correct-horse-1', 't')).token;
  reader = (await s.auth.login('viewer', 'Correct-horse-1', 't')).token;
  s.extensions.create({ number: '1001', name: 'Desk', secret: 'Secret-1001' });
  s.queues.create({ number: '6001', name: 'Service', strategy: 'ring_all' });
});
afterAll(() => box.close());

const flowIvr = (name: string, goto: object) => ({
  name,
  language: 'zh',
  flow: {
    start: 'welcome',
    nodes: {
      welcome: { type: 'play', prompt: { tts: '欢迎' }, next: 'out' },
      out: { type: 'goto', ...goto },
    },
  },
});

describe('IVR routes', () => {
  test('the simple menu form of the contract is still accepted', async () => {
    const res = await call('POST', '/api/ivrs', {
      token: admin,
      body: { name: 'main', greeting: { tts: 'Welcome. For service press 1.' }, options: { '1': { queue: '6001' }, '0': { extension: '1001' } }, timeout: 5 },
    });
    expect(res.status).toBe(201);
    expect(res.body.item).toMatchObject({ name: 'main', version: 1, definition: { options: { '1': { queue: '6001' } } } });
  });

  test('the simple form still names a missing target by its field', async () => {
    const res = await call('POST', '/api/ivrs', { token: admin, body: { name: 'menu2', greeting: { tts: 'x' }, options: { '1': { extension: '1999' } } } });
    expect(res.status).toBe(422);
    expect((res.body.error as { details: unknown[] }).details).toEqual([{ path: 'options.1.extension', message: 'no extension 1999' }]);
  });

  test('a flow is created, updated into a new version, and its versions listed', async () => {
    const created = await call('POST', '/api/ivrs', { token: admin, body: flowIvr('sales', { destination: { queue: '6001' } }) });
    expect(created.status).toBe(201);
    const id = (created.body.item as { id: number }).id;
    const updated = await call('PUT', `/api/ivrs/${id}`, { token: admin, body: flowIvr('sales', { flow: 'main' }) });
    expect(updated.status).toBe(200);
    expect((updated.body.item as { version: number }).version).toBe(2);
    const versions = await call('GET', `/api/ivrs/${id}/versions`, { token: reader });
    expect(versions.status).toBe(200);
    const items = versions.body.items as { version: number; definition: { flow: { nodes: { out: object } } } }[];
    expect(items.map((v) => v.version)).toEqual([2, 1]);
    expect(items[1]?.definition.flow.nodes.out).toEqual({ type: 'goto', destination: { queue: '6001' } });
  });

  test('an invalid flow is refused with 422 naming each node and reason', async () => {
    const body = flowIvr('broken', { destination: { queue: '6999' } }) as { flow: { nodes: Record<string, object> } };
    body.flow.nodes.welcome = { type: 'play', prompt: { tts: 'x' }, next: 'nowhere' };
    body.flow.nodes.lookup = { type: 'http', method: 'GET', url: 'ftp://erp/x', timeout_ms: 1000, assign: {}, next: 'out', on_error: 'out' };
    const res = await call('POST', '/api/ivrs', { token: admin, body });
    expect(res.status).toBe(422);
    const error = res.body.error as { code: string; message: string; details: { path: string; message: string }[] };
    expect(error.code).toBe('validation');
    expect(error.details).toEqual([
      { path: 'flow.nodes.welcome', message: 'next: no node nowhere' },
      { path: 'flow.nodes.out', message: 'destination.queue: no queue 6999' },
      { path: 'flow.nodes.lookup', message: 'url: must start with http:// or https:// and a host' },
      { path: 'flow.nodes.out', message: 'unreachable from the start node' },
      { path: 'flow.nodes.lookup', message: 'unreachable from the start node' },
    ]);
    expect(error.message).toContain('flow.nodes.welcome: next: no node nowhere');
    expect(box.services.ivrs.findByName('broken')).toBeNull();
  });

  test('a flow may go to itself by name, also when it is being created', async () => {
    const res = await call('POST', '/api/ivrs', { token: admin, body: flowIvr('loop', { flow: 'loop' }) });
    expect(res.status).toBe(201);
  });

  test('validate checks without saving', async () => {
    const ok = await call('POST', '/api/ivrs/validate', { token: admin, body: flowIvr('draft', { destination: { extension: '1001' } }) });
    expect(ok).toEqual({ status: 200, body: { valid: true, issues: [] } });
    const bad = await call('POST', '/api/ivrs/validate', { token: admin, body: flowIvr('draft', { flow: 'nothing' }) });
    expect(bad).toEqual({ status: 200, body: { valid: false, issues: [{ path: 'flow.nodes.out', message: 'flow: no IVR nothing' }] } });
    expect(box.services.ivrs.findByName('draft')).toBeNull();
  });

  test('permissions are those of the IVR routes: a reader may check a flow, not save one', async () => {
    expect((await call('POST', '/api/ivrs/validate', { token: reader, body: flowIvr('x', { flow: 'main' }) })).status).toBe(200);
    expect((await call('POST', '/api/ivrs/validate', { body: flowIvr('x', { flow: 'main' }) })).status).toBe(401);
    expect((await call('GET', '/api/ivrs/1/versions')).status).toBe(401);
    expect((await call('POST', '/api/ivrs', { token: reader, body: flowIvr('x', { flow: 'main' }) })).status).toBe(403);
  });
});
