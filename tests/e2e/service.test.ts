/**
 * The real service, started as installers and systemd start it: provisioning
 * at start, health, login, CRUD over HTTP, the audit log, restarts, the
 * first-run setup token, sd_notify and graceful stop.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnixDatagramReceiver } from '../../appliance/src/system/unix-datagram.ts';
import { ApiClient, type ApplianceProcess, ROOT, startAppliance } from '../support/appliance-process.ts';

const EXAMPLE = readFileSync(join(ROOT, 'provisioning/example.yaml'), 'utf8');
const started: ApplianceProcess[] = [];
const start = async (...args: Parameters<typeof startAppliance>) => {
  const p = await startAppliance(...args);
  started.push(p);
  return p;
};
afterAll(async () => {
  for (const p of started) {
    await p.kill9().catch(() => {});
    p.cleanup();
  }
});

describe('service with the CONTRACT.md provisioning file', () => {
  test('is healthy, logs in, serves CRUD and records the audit log', async () => {
    const box = await start({ provision: EXAMPLE });
    const health = await fetch(`${box.httpUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const api = new ApiClient(box.httpUrl);
    expect((await api.request('GET', '/api/extensions')).status).toBe(401);
    await api.login('admin', 'Adm1n-pass!');
    const list = await api.request('GET', '/api/extensions');
    expect((list.body as { items: { number: string }[] }).items.map((e) => e.number)).toEqual(['1001', '1002', '1003']);

    const created = await api.request('POST', '/api/extensions', { number: '1004', name: 'Dave', secret: 'pw-1004-xyz' });
    expect(created.status).toBe(201);
    const id = (created.body as { item: { id: number } }).item.id;
    expect((await api.request('PUT', `/api/extensions/${id}`, { name: 'David' })).status).toBe(200);
    expect((await api.request('POST', '/api/trunks', { name: 'backup', host: '127.0.0.1', port: 5091 })).status).toBe(201);
    expect((await api.request('DELETE', `/api/extensions/${id}`)).status).toBe(204);
    const queues = await api.request('GET', '/api/queues');
    expect((queues.body as { items: { agents: string[] }[] }).items[0]?.agents).toEqual(['1002', '1003']);

    const audit = (await api.request('GET', '/api/audit?limit=20')).body as { items: { action: string; actor: string | null }[] };
    const actions = audit.items.map((a) => a.action);
    expect(actions).toContain('provisioning.apply');
    expect(actions).toContain('auth.login');
    expect(actions.slice(0, 4)).toEqual(['extension.delete', 'trunk.create', 'extension.update', 'extension.create']);
    expect(audit.items[0]?.actor).toBe('admin');

    const docs = await fetch(`${box.httpUrl}/api/docs/json`);
    const spec = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/extensions/{id}');
    expect(await box.stop()).toBe(0);
  });

  test('applying the same file again at restart changes nothing', async () => {
    const first = await start({ provision: EXAMPLE });
    const api = new ApiClient(first.httpUrl);
    await api.login('admin', 'Adm1n-pass!');
    const before = (await api.request('GET', '/api/provisioning/export')).body as string;
    expect(await first.stop()).toBe(0);

    const second = await start({ provision: EXAMPLE, dataDir: first.dataDir });
    const applied = second.records().find((r) => r.msg === 'provisioning applied');
    expect(applied).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    const again = new ApiClient(second.httpUrl);
    await again.login('admin', 'Adm1n-pass!');
    const after = (await again.request('GET', '/api/provisioning/export')).body as string;
    const strip = (yaml: string) => yaml.replace(/^# Generated .*$/m, '');
    expect(strip(after)).toBe(strip(before));
    const extensions = (await again.request('GET', '/api/extensions')).body as { items: unknown[] };
    expect(extensions.items).toHaveLength(3);
    await second.stop();
  });

  test('an invalid file is refused whole, naming the key path; nothing is applied', async () => {
    const bad = EXAMPLE.replace('agents: ["1002", "1003"]', 'agents: ["1002", "1009"]');
    const box = await start({ provision: bad });
    const refused = box.records().find((r) => r.msg === 'provisioning file refused');
    expect(String(refused?.reason)).toContain('queues[0].agents[1]: no extension 1009');
    // Nothing applied: no administrator exists, so the box asks for first-run setup.
    const setup = await fetch(`${box.httpUrl}/api/auth/setup`);
    expect(await setup.json()).toEqual({ required: true });
    await box.stop();
  });
});

describe('first start without provisioning', () => {
  test('prints a one-time setup token that creates the first administrator, once', async () => {
    const box = await start();
    const notice = box.records().find((r) => typeof r.setup_token === 'string');
    expect(notice?.setup_url).toContain('/setup?token=');
    const token = notice?.setup_token as string;
    const api = new ApiClient(box.httpUrl);
    const wrong = await api.request('POST', '/api/auth/setup', { token: 'guess', username: 'owner', password: 'Chief-pass-123' });
    expect(wrong.status).toBe(401);
    const ok = await api.request('POST', '/api/auth/setup', { token, username: 'owner', password: 'Chief-pass-123' });
    expect(ok.status).toBe(201);
    const again = await api.request('POST', '/api/auth/setup', { token, username: 'other', password: 'Other-pass-123' });
    expect(again.status).toBe(409);
    await api.login('owner', 'Chief-pass-123');
    expect((await api.request('GET', '/api/auth/me')).body).toMatchObject({ user: { username: 'owner', role: 'admin' } });
    await box.stop();
  });
});

describe('systemd integration', () => {
  test('sends READY=1 when serving and STOPPING=1 on SIGTERM, then exits 0', async () => {
    const socketPath = `@appliance-e2e-${process.pid}-${Date.now()}`;
    const systemd = UnixDatagramReceiver.listen(socketPath);
    try {
      const box = await start({ env: { NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '400000' } });
      expect(systemd.tryReceive()).toStartWith('READY=1');
      await Bun.sleep(450);
      expect(systemd.tryReceive()).toBe('WATCHDOG=1');
      expect(await box.stop()).toBe(0);
      const rest: string[] = [];
      for (let m = systemd.tryReceive(); m !== null; m = systemd.tryReceive()) rest.push(m);
      expect(rest).toContain('STOPPING=1');
      expect(box.records().map((r) => r.msg)).toContain('stopped');
    } finally {
      systemd.close();
    }
  });
});

describe('events WebSocket', () => {
  test('streams config changes to a logged-in browser and refuses anonymous sockets', async () => {
    const box = await start({ provision: EXAMPLE });
    const anonymous = new WebSocket(`${box.httpUrl.replace('http', 'ws')}/api/events`);
    const refused = await new Promise<string>((resolve) => {
      anonymous.onopen = () => resolve('open');
      anonymous.onerror = () => resolve('error');
      anonymous.onclose = () => resolve('closed');
    });
    expect(refused).not.toBe('open');

    const api = new ApiClient(box.httpUrl);
    await api.login('admin', 'Adm1n-pass!');
    const socket = new WebSocket(`${box.httpUrl.replace('http', 'ws')}/api/events`, {
      headers: { cookie: `appliance_session=${api.token}` },
    } as unknown as string[]);
    const frames: { name: string; data: Record<string, unknown> }[] = [];
    socket.onmessage = (m) => frames.push(JSON.parse(String(m.data)));
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    await api.request('POST', '/api/extensions', { number: '1005', name: 'Eve', secret: 'pw-1005-xyz' });
    for (let i = 0; i < 100 && !frames.some((f) => f.name === 'config.changed'); i++) await Bun.sleep(10);
    expect(frames.find((f) => f.name === 'config.changed')?.data).toMatchObject({
      entity: 'extension',
      action: 'created',
      label: '1005',
      actor: 'admin',
    });
    // A browser left open must not hold up a stop: the service closes the stream and exits.
    const closed = new Promise<number>((resolve) => {
      socket.onclose = (e) => resolve(e.code);
    });
    const t0 = performance.now();
    expect(await box.stop()).toBe(0);
    expect(await closed).toBe(1001);
    console.log(`stop with an open event stream took ${Math.round(performance.now() - t0)} ms`);
  });
});
