import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hashPassword } from '../../auth/index.ts';
import type { BusEvent } from '../../events/event-map.ts';
import { type TempServices, tempServices } from '../../testing/temp-services.ts';
import { createApiApp } from '../app.ts';

let box: TempServices;
let app: ReturnType<typeof createApiApp>['app'];
let adminToken: string;
let supervisorToken: string;
const events: BusEvent[] = [];

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: BodyInit; type?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { status: res.status, body: json, text, headers: res.headers };
}

beforeAll(async () => {
  box = tempServices();
  const s = box.services;
  app = createApiApp(s, { version: 'test', startedAt: 0, webRoot: box.dir, recordingsDir: box.dir, sessionTtlMs: 3600_000 }).app;
  const hash = await hashPassword('Correct-horse-1');
  s.users.create({ username: 'root', display_name: 'Root', password_hash: hash, role_id: s.roles.findByName('admin')?.id as number, enabled: true });
  s.users.create({ username: 'boss', display_name: 'Boss', password_hash: hash, role_id: s.roles.findByName('supervisor')?.id as number, enabled: true });
  adminToken = (await s.auth.login('root', 'Correct-horse-1', 't')).token;
  supervisorToken = (await s.auth.login('boss', 'Correct-horse-1', 't')).token;
  s.bus.subscribe((e) => events.push(e));
  s.trunks.create({ name: 'carrier', host: '127.0.0.1' });
  s.extensions.create({ number: '1001', name: 'A', secret: 'secret-1001' });
  s.routes.saveOutbound({ pattern: '9X.', trunks: ['carrier'], strip: 1 });
});
afterAll(() => box.close());

const configEvents = (entity: string) => events.filter((e) => e.name === 'config.changed' && (e.data as { entity: string }).entity === entity).map((e) => e.data);

describe('time conditions API', () => {
  test('CRUD, audited, with config.changed events', async () => {
    const created = await call('POST', '/api/time-conditions', {
      token: adminToken,
      body: { name: 'hours', weekly: { mon: ['09:00-18:00'] }, holidays: [{ date: '2026-01-01', name: '元旦' }] },
    });
    expect(created.status).toBe(201);
    const item = created.body?.item as { id: number };
    expect(created.body?.item).toMatchObject({ name: 'hours', time_zone: 'Asia/Shanghai', workdays: [] });
    const updated = await call('PUT', `/api/time-conditions/${item.id}`, { token: adminToken, body: { name: 'hours', weekly: { tue: ['09:00-18:00'] } } });
    expect(updated.body?.item).toMatchObject({ weekly: { tue: ['09:00-18:00'] }, holidays: [] });
    expect((await call('GET', '/api/time-conditions', { token: supervisorToken })).body?.items).toHaveLength(1);
    expect((await call('DELETE', `/api/time-conditions/${item.id}`, { token: adminToken })).status).toBe(204);
    expect(configEvents('time_condition').map((d) => (d as { action: string }).action)).toEqual(['created', 'updated', 'deleted']);
    const audit = box.services.audit.list({ limit: 20 }).filter((a) => a.target === 'time_condition:hours');
    expect(audit.map((a) => a.action)).toEqual(['time_condition.delete', 'time_condition.update', 'time_condition.create']);
  });

  test('a bad time zone names the field', async () => {
    const res = await call('POST', '/api/time-conditions', { token: adminToken, body: { name: 'x', time_zone: 'Nowhere/City', weekly: {} } });
    expect(res.status).toBe(422);
    expect(res.body?.error).toMatchObject({ details: [{ path: 'time_zone', message: expect.stringContaining('not an IANA time zone') }] });
  });

  test('supervisors may read but not write', async () => {
    expect((await call('POST', '/api/time-conditions', { token: supervisorToken, body: { name: 'y', weekly: {} } })).status).toBe(403);
  });
});

describe('blacklist API', () => {
  test('create; a bad number names the field', async () => {
    expect((await call('POST', '/api/blacklist', { token: supervisorToken, body: { number: '13800138000', action: 'play' } })).status).toBe(201);
    const bad = await call('POST', '/api/blacklist', { token: adminToken, body: { number: '_9[' } });
    expect(bad.status).toBe(422);
    expect(bad.body?.error).toMatchObject({ details: [{ path: 'number' }] });
  });

  test('CSV import reports each bad line and imports nothing; a good file imports', async () => {
    const bad = await call('POST', '/api/blacklist/import', { token: adminToken, raw: 'number,direction\n13900000000,inbound\nxyz,\n', type: 'text/csv' });
    expect(bad.status).toBe(422);
    expect(bad.body?.error).toMatchObject({ details: [{ path: 'line 3', message: expect.stringContaining('xyz') }] });
    expect(box.services.blacklist.findByNumber('13900000000')).toBeNull();

    const csv = new TextEncoder().encode('\uFEFFnumber,direction,action,note\r\n13900000000,inbound,hangup,推销\r\n0755*,,,\r\n');
    const good = await call('POST', '/api/blacklist/import', { token: adminToken, raw: csv, type: 'text/csv' });
    expect(good.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(configEvents('blacklist_entry').at(-1)).toMatchObject({ action: 'updated', label: 'import' });
    expect(box.services.audit.list({ limit: 5, action: 'blacklist_entry.import' })).toHaveLength(1);
  });

  test('CSV export has the header, a BOM and every entry', async () => {
    const res = await call('GET', '/api/blacklist/export', { token: supervisorToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // Response.text() drops the BOM, so look at the bytes for it.
    expect(res.text.startsWith('number,direction,action,note\r\n')).toBe(true);
    const raw = await app.handle(new Request('http://localhost/api/blacklist/export', { headers: { authorization: `Bearer ${supervisorToken}` } }));
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).toContain('13900000000,inbound,hangup,推销');
    expect(res.text).toContain('0755*,both,reject,');
  });
});

describe('routing test and settings API', () => {
  test('the area code setting is read and written', async () => {
    expect((await call('GET', '/api/routing/settings', { token: adminToken })).body).toEqual({ home_area_code: null, mobile_prefixes: 0 });
    const bad = await call('PUT', '/api/routing/settings', { token: adminToken, body: { home_area_code: '571' } });
    expect(bad.status).toBe(422);
    expect(bad.body?.error).toMatchObject({ details: [{ path: 'home_area_code' }] });
    expect((await call('PUT', '/api/routing/settings', { token: adminToken, body: { home_area_code: '0571' } })).body).toMatchObject({ home_area_code: '0571' });
    expect(configEvents('setting').at(-1)).toMatchObject({ label: 'routing' });
  });

  test('outbound: route, trunks and the number sent, or why not', async () => {
    const ok = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'outbound', from: '1001', to: '9057188886666' } });
    expect(ok.body).toMatchObject({
      rights: { call_permission: 'long_distance', allow_premium: false },
      decision: { ok: true, number: '057188886666', trunks: ['carrier'], pattern: '9X.', numberClass: { kind: 'local' } },
    });
    const refused = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'outbound', from: '1001', to: '90014155550100' } });
    expect(refused.body).toMatchObject({ decision: { ok: false, reason: 'not_permitted', sipStatus: 403, message: { zh: expect.stringContaining('国际长途') } } });
  });

  test('inbound: the blacklist decision and the caller region', async () => {
    const res = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', from: '13900000000', to: '4008001234' } });
    expect(res.body).toMatchObject({ decision: { kind: 'blocked', action: 'hangup' } });
    const region = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', from: '02088886666', to: '4008001234' } });
    expect(region.body).toMatchObject({ region: { city: '广州' }, decision: { kind: 'none' } });
    const missing = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', to: '4008001234' } });
    expect(missing.status).toBe(422);
  });

  test('inbound at a given moment: the time condition decides', async () => {
    const s = box.services;
    s.timeConditions.create({ name: 'office', weekly: { mon: ['09:00-18:00'] } });
    s.routes.saveInbound({ did: '4008005678', destination: { extension: '1001' }, time_condition: 'office', after_hours: [{ external: '13800000000' }] });
    const at = async (iso: string) =>
      (await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', from: '02088886666', to: '4008005678', at: iso } })).body;
    expect(await at('2026-01-05T02:00:00Z')).toMatchObject({ decision: { kind: 'route', open: true, destinations: [{ extension: '1001' }] } });
    expect(await at('2026-01-05T12:00:00Z')).toMatchObject({ decision: { kind: 'route', open: false, destinations: [{ external: '13800000000' }] } });
    expect((await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', from: '1', to: '2', at: 'yesterday' } })).status).toBe(422);
  });

  test('the mobile range table is imported', async () => {
    const res = await call('POST', '/api/routing/mobile-prefixes/import', { token: adminToken, raw: 'prefix,region\n1390571,0571\n', type: 'text/csv' });
    expect(res.body).toEqual({ imported: 1 });
    const region = await call('POST', '/api/routing/test', { token: adminToken, body: { direction: 'inbound', from: '13905711234', to: '1' } });
    expect(region.body).toMatchObject({ region: { source: 'mobile', city: '杭州' } });
  });

  test('extensions carry their call permission', async () => {
    const res = await call('POST', '/api/extensions', { token: adminToken, body: { number: '1005', name: 'E', secret: 'secret-1005', call_permission: 'local' } });
    expect(res.body?.item).toMatchObject({ call_permission: 'local', allow_premium: false });
    const bad = await call('POST', '/api/extensions', { token: adminToken, body: { number: '1006', name: 'F', secret: 'secret-1006', call_permission: 'everywhere' } });
    expect(bad.status).toBe(422);
  });
});
