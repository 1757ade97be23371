import { describe, expect, test } from 'bun:test';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import { afterPing, OptionsMonitor, type PingOutcome, type Reachability, UNKNOWN_REACHABILITY } from './options-monitor.ts';
import { countingRandom, FakeRequests } from './trunk-test-support.ts';

const TARGET = { endpoint: { protocol: 'udp' as const, address: '198.51.100.7', port: 5070 } };

function setup(intervalS = 30) {
  const clock = new FakeClock();
  const requests = new FakeRequests();
  const changes: Reachability[] = [];
  const monitor = new OptionsMonitor(
    { name: 'carrier', target: TARGET, domain: '198.51.100.7:5070', intervalS },
    {
      transactions: requests,
      local: { host: '192.0.2.10', port: 5060, userAgent: 'test-box' },
      clock,
      scheduler: clock,
      random: countingRandom(),
      logger: silentLogger,
      onChange: (r) => changes.push(r),
    },
  );
  return { clock, requests, monitor, changes };
}

const answered = (status: number, latencyMs = 20): PingOutcome => ({ kind: 'answered', status, latencyMs });
const MISSED: PingOutcome = { kind: 'missed' };

describe('trunk reachability', () => {
  test.each([
    ['unknown, answered', UNKNOWN_REACHABILITY, answered(200), { reachable: true, misses: 0, lastStatus: 200 }],
    ['unknown, one miss', UNKNOWN_REACHABILITY, MISSED, { reachable: null, misses: 1 }],
    ['unknown, third miss', { ...UNKNOWN_REACHABILITY, misses: 2 }, MISSED, { reachable: false, misses: 3 }],
    ['up, one miss stays up', { ...UNKNOWN_REACHABILITY, reachable: true }, MISSED, { reachable: true, misses: 1 }],
    ['up, third miss is down', { ...UNKNOWN_REACHABILITY, reachable: true, misses: 2 }, MISSED, { reachable: false, misses: 3 }],
    ['down, any answer is up', { ...UNKNOWN_REACHABILITY, reachable: false, misses: 7 }, answered(404, 35), { reachable: true, misses: 0, latencyMs: 35 }],
  ] as [string, Reachability, PingOutcome, Partial<Reachability>][])('%s', (_name, from, outcome, expected) => {
    expect(afterPing(from, outcome, 3)).toMatchObject(expected);
  });
});

describe('OPTIONS monitor', () => {
  test('pings at once and every interval, an OPTIONS to the trunk host', () => {
    const { clock, requests, monitor } = setup(30);
    monitor.start();
    expect(requests.sent).toHaveLength(1);
    const ping = requests.last().request;
    expect(ping.method).toBe('OPTIONS');
    expect(ping.uri).toBe('sip:198.51.100.7:5070');
    expect(ping.get('To')).toBe('<sip:198.51.100.7:5070>');
    expect(requests.last().target).toEqual(TARGET);
    requests.answer(200);
    clock.advance(30_000);
    expect(requests.sent).toHaveLength(2);
    expect(requests.last().request.callId()).not.toBe(ping.callId());
  });

  test('any final response, even 405, means reachable, with its round trip', () => {
    const { clock, requests, monitor, changes } = setup();
    monitor.start();
    clock.advance(42);
    requests.answer(405);
    expect(monitor.view()).toEqual({ reachable: true, latencyMs: 42, lastStatus: 405, misses: 0 });
    expect(changes.map((c) => c.reachable)).toEqual([true]);
  });

  test('down after three unanswered pings, up again at the next answer', () => {
    const { clock, requests, monitor, changes } = setup(10);
    monitor.start();
    requests.answer(200);
    for (let i = 0; i < 3; i++) clock.advance(10_000);
    // The third ping's own deadline (5 s) has not passed yet.
    expect(monitor.view()).toMatchObject({ reachable: true, misses: 2 });
    clock.advance(5_000);
    expect(monitor.view()).toMatchObject({ reachable: false, misses: 3 });
    clock.advance(5_000);
    requests.answer(200);
    expect(changes.map((c) => c.reachable)).toEqual([true, false, true]);
  });

  test('an answer after the deadline does not count', () => {
    const { clock, requests, monitor } = setup(30);
    monitor.start();
    const late = requests.last();
    clock.advance(5_000);
    requests.answer(200, [], late);
    expect(monitor.view()).toMatchObject({ reachable: null, misses: 1 });
  });

  test('a transport error or transaction timeout is a miss at once', () => {
    const { clock, requests, monitor } = setup(1);
    monitor.start();
    requests.transportError();
    clock.advance(1_000);
    requests.timeout();
    clock.advance(1_000);
    requests.transportError();
    expect(monitor.view()).toMatchObject({ reachable: false, misses: 3 });
  });

  test('stop ends the pings and ignores the one in flight', () => {
    const { clock, requests, monitor, changes } = setup(5);
    monitor.start();
    monitor.stop();
    requests.answer(200);
    clock.advance(60_000);
    expect(requests.sent).toHaveLength(1);
    expect(changes).toEqual([]);
  });
});
