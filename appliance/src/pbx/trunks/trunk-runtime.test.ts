import { describe, expect, test } from 'bun:test';
import { type BusEvent, EventBus } from '../../events/index.ts';
import { DigestClient } from '../../sip/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import type { Trunk } from '../trunks-repository.ts';
import { TrunkDirectory } from './trunk-directory.ts';
import { TrunkRuntime } from './trunk-runtime.ts';
import { countingRandom, FakeRequests, MemoryTrunks, type SentRequest, trunk } from './trunk-test-support.ts';

const CARRIER = trunk({ name: 'carrier', host: '203.0.113.7', register: true, username: 'acct', register_expires: 300, options_interval_s: 0 });
const SECOND = trunk({ name: 'second', host: '203.0.113.8', register: true, username: 'acct2', options_interval_s: 0 });
const PEER = trunk({ name: 'peer', host: '198.51.100.9', options_interval_s: 10 });

/** Lets the promise chains of a reload or a stop run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setup(trunks: Trunk[], stopWaitMs = 2000) {
  const clock = new FakeClock();
  const bus = new EventBus(clock, silentLogger);
  const events: BusEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const store = new MemoryTrunks(trunks, { [CARRIER.id]: 'secret', [SECOND.id]: 'secret' });
  const directory = new TrunkDirectory({ trunks: store, logger: silentLogger, resolve: async () => [] });
  await directory.load();
  const requests = new FakeRequests();
  const runtime = new TrunkRuntime({
    directory,
    transactions: requests,
    digest: new DigestClient({ random: countingRandom(50) }),
    local: { host: '192.0.2.10', port: 5060, userAgent: 'test-box' },
    bus,
    clock,
    scheduler: clock,
    random: countingRandom(),
    logger: silentLogger,
    stopWaitMs,
  });
  runtime.start();
  await settle();
  const to = (address: string, method: string) => requests.sent.filter((s) => s.target.endpoint.address === address && s.request.method === method);
  const statusEvents = () => events.filter((e) => e.name === 'trunk.status').map((e) => e.data);
  const alarms = () => events.filter((e) => e.name === 'system.alarm').map((e) => (e.data as { code: string }).code);
  const change = async (next: Trunk[]) => {
    store.trunks = next;
    await directory.reload();
    await settle();
  };
  return { clock, requests, runtime, to, statusEvents, alarms, change, directory };
}

const CHALLENGE: [string, string][] = [['WWW-Authenticate', 'Digest realm="carrier", nonce="n1", algorithm=MD5, qop="auth"']];

/** Plays the carrier: a challenge, then 200 to the REGISTER that answers it. */
function registerThrough(requests: FakeRequests, first: SentRequest): void {
  requests.answer(401, CHALLENGE, first);
  const answer = requests.sent.filter((s) => s.target === first.target).at(-1) as SentRequest;
  expect(answer.request.has('Authorization')).toBe(true);
  requests.answer(200, [['Expires', '300']], answer);
}

describe('trunk runtime', () => {
  test('registers registering trunks, pings those with an interval, reports each', async () => {
    const { requests, runtime, to, statusEvents, clock } = await setup([CARRIER, PEER, trunk({ name: 'off', host: '10.0.0.1', enabled: false })]);
    const register = to('203.0.113.7', 'REGISTER');
    expect(register).toHaveLength(1);
    expect(to('203.0.113.7', 'OPTIONS')).toHaveLength(0);
    expect(to('198.51.100.9', 'OPTIONS')).toHaveLength(1);
    expect(to('10.0.0.1', 'OPTIONS')).toHaveLength(0);
    registerThrough(requests, register[0] as SentRequest);
    requests.answer(200, [], to('198.51.100.9', 'OPTIONS')[0]);
    expect(runtime.status()).toEqual([
      {
        name: 'carrier',
        enabled: true,
        register: true,
        registration: 'registered',
        registered_until: new Date(clock.now() + 300_000).toISOString(),
        reachable: null,
        latency_ms: null,
        channels_in_use: 0,
        max_channels: null,
        last_error: null,
      },
      expect.objectContaining({ name: 'off', enabled: false, registration: 'unregistered', reachable: null }),
      expect.objectContaining({ name: 'peer', registration: 'unregistered', reachable: true, latency_ms: 0 }),
    ]);
    expect(statusEvents()).toContainEqual({ trunk: 'carrier', registration: 'registered', reachable: null, latency_ms: null, reason: null });
    expect(statusEvents()).toContainEqual({ trunk: 'peer', registration: 'unregistered', reachable: true, latency_ms: 0, reason: null });
  });

  test('channels in use are part of the status', async () => {
    const { runtime, directory } = await setup([trunk({ name: 'small', host: '10.0.0.5', max_channels: 2, options_interval_s: 0 })]);
    directory.acquire('small');
    expect(runtime.status()[0]).toMatchObject({ channels_in_use: 1, max_channels: 2 });
  });

  test('an edited registration un-REGISTERs the old binding before registering anew', async () => {
    const { requests, to, change } = await setup([CARRIER]);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    await change([{ ...CARRIER, register_expires: 600 }]);
    const unregister = requests.last();
    expect(unregister.request.get('Expires')).toBe('0');
    requests.answer(200, [], unregister);
    await settle();
    expect(requests.last().request.get('Expires')).toBe('600');
  });

  test('a trunk disabled and enabled again registers only after its un-REGISTER is answered', async () => {
    const { requests, to, change } = await setup([CARRIER]);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    await change([{ ...CARRIER, enabled: false }]);
    const unregister = requests.last();
    await change([CARRIER]);
    expect(requests.last()).toBe(unregister);
    requests.answer(200, [], unregister);
    await settle();
    expect(requests.last().request.get('Expires')).toBe('300');
  });

  test('a changed ping interval leaves the registration alone', async () => {
    const { requests, to, change } = await setup([CARRIER]);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    await change([{ ...CARRIER, options_interval_s: 5 }]);
    expect(to('203.0.113.7', 'REGISTER')).toHaveLength(2);
    expect(to('203.0.113.7', 'OPTIONS')).toHaveLength(1);
  });

  test('a disabled or deleted trunk is un-REGISTERed and its pings stop', async () => {
    const { requests, to, change, runtime, statusEvents, clock } = await setup([CARRIER, PEER]);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    await change([{ ...CARRIER, enabled: false }, PEER]);
    expect(requests.last().request.get('Expires')).toBe('0');
    expect(runtime.status().find((s) => s.name === 'carrier')).toMatchObject({ registration: 'unregistered', registered_until: null });
    expect(statusEvents().at(-1)).toEqual({ trunk: 'carrier', registration: 'unregistered', reachable: null, latency_ms: null, reason: null });
    const pings = to('198.51.100.9', 'OPTIONS').length;
    clock.advance(60_000);
    expect(to('198.51.100.9', 'OPTIONS').length).toBeGreaterThan(pings);
    await change([]);
    const after = to('198.51.100.9', 'OPTIONS').length;
    clock.advance(60_000);
    expect(to('198.51.100.9', 'OPTIONS')).toHaveLength(after);
    expect(runtime.status()).toEqual([]);
    expect(statusEvents().at(-1)).toEqual({ trunk: 'peer', registration: 'unregistered', reachable: null, latency_ms: null, reason: null });
  });

  test('a host that does not resolve, or a registering trunk without a username, is failed with the reason', async () => {
    const { runtime, requests } = await setup([
      trunk({ name: 'named', host: 'nowhere.example', register: true, username: 'x' }),
      trunk({ name: 'anon', host: '10.0.0.8', register: true, options_interval_s: 0 }),
    ]);
    expect(requests.sent.filter((s) => s.request.method === 'REGISTER')).toHaveLength(0);
    expect(runtime.status().map((s) => [s.name, s.registration, s.last_error])).toEqual([
      ['anon', 'failed', 'no_username'],
      ['named', 'failed', 'unresolved_host'],
    ]);
  });

  test('a host name that did not resolve is tried again, and the trunk starts once it does', async () => {
    const clock = new FakeClock();
    const dns: Record<string, string[]> = {};
    const store = new MemoryTrunks([trunk({ name: 'named', host: 'sip.late.example', options_interval_s: 30 })]);
    const directory = new TrunkDirectory({ trunks: store, logger: silentLogger, resolve: async (host) => dns[host] ?? [] });
    await directory.load();
    const requests = new FakeRequests();
    const runtime = new TrunkRuntime({
      directory,
      transactions: requests,
      digest: new DigestClient({ random: countingRandom() }),
      local: { host: '192.0.2.10', port: 5060, userAgent: 'test-box' },
      bus: new EventBus(clock, silentLogger),
      clock,
      scheduler: clock,
      random: countingRandom(),
      logger: silentLogger,
    });
    runtime.start();
    expect(runtime.status()[0]?.last_error).toBe('unresolved_host');
    dns['sip.late.example'] = ['203.0.113.50'];
    clock.advance(60_000);
    await settle();
    expect(requests.last().target.endpoint.address).toBe('203.0.113.50');
    expect(runtime.status()[0]?.last_error).toBeNull();
    await runtime.stop();
  });

  test('a failure and a fall raise one alarm each', async () => {
    const { requests, to, alarms, clock } = await setup([CARRIER, { ...PEER, options_interval_s: 1 }]);
    requests.answer(403, [], to('203.0.113.7', 'REGISTER')[0]);
    clock.advance(10_000);
    expect(alarms()).toEqual(['trunk_registration_failed', 'trunk_unreachable']);
  });

  test('stop un-REGISTERs every trunk and waits for the answers', async () => {
    const { requests, to, runtime } = await setup([CARRIER, SECOND]);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    registerThrough(requests, to('203.0.113.8', 'REGISTER')[0] as SentRequest);
    let stopped = false;
    const stopping = runtime.stop().then(() => {
      stopped = true;
    });
    const unregisters = requests.sent.filter((s) => s.request.get('Expires') === '0');
    expect(unregisters).toHaveLength(2);
    requests.answer(200, [], unregisters[0]);
    await settle();
    expect(stopped).toBe(false);
    requests.answer(200, [], unregisters[1]);
    await stopping;
    expect(stopped).toBe(true);
  });

  test('stop gives up on a carrier that does not answer after stopWaitMs', async () => {
    const { requests, to, runtime, clock } = await setup([CARRIER], 2000);
    registerThrough(requests, to('203.0.113.7', 'REGISTER')[0] as SentRequest);
    let stopped = false;
    const stopping = runtime.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    clock.advance(2000);
    await stopping;
    expect(stopped).toBe(true);
  });
});
