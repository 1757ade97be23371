import { describe, expect, test } from 'bun:test';
import type { AnyBusEvent } from './describe-event';
import { liveRefresh } from './live-refresh';

const AT = '2024-01-01T00:00:00Z';
const registered: AnyBusEvent = {
  seq: 1,
  name: 'extension.registered',
  at: AT,
  data: { extension: '1001', contact: 'sip:1001@192.0.2.7:5062', source: '192.0.2.7:5062', transport: 'udp', user_agent: null, expires: 300 },
};
const alarm: AnyBusEvent = { seq: 2, name: 'system.alarm', at: AT, data: { code: 'disk', severity: 'warning', message: 'low' } };

/** A fake event stream and a fake interval the test fires by hand. */
function fakes() {
  const listeners = new Set<(event: AnyBusEvent) => void>();
  const intervals = new Map<number, { run: () => void; ms: number }>();
  let nextId = 1;
  return {
    feed: {
      subscribe(listener: (event: AnyBusEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    repeat: (run: () => void, ms: number) => {
      const id = nextId++;
      intervals.set(id, { run, ms });
      return () => intervals.delete(id);
    },
    emit: (event: AnyBusEvent) => {
      for (const listener of listeners) listener(event);
    },
    tick: () => {
      for (const { run } of intervals.values()) run();
    },
    listeners,
    intervals,
  };
}

describe('liveRefresh', () => {
  test('reads at once, on each named event, and on every tick of the fallback poll', () => {
    const f = fakes();
    let reads = 0;
    liveRefresh({ refresh: () => reads++, names: ['extension.registered', 'extension.unregistered'], feed: f.feed, everyMs: 30_000, repeat: f.repeat });
    expect(reads).toBe(1);
    expect([...f.intervals.values()].map((i) => i.ms)).toEqual([30_000]);

    f.emit(registered);
    expect(reads).toBe(2);
    f.emit(alarm);
    expect(reads).toBe(2);
    f.tick();
    expect(reads).toBe(3);
  });

  test('the returned function unsubscribes and clears the interval', () => {
    const f = fakes();
    let reads = 0;
    const stop = liveRefresh({ refresh: () => reads++, names: ['extension.registered'], feed: f.feed, everyMs: 30_000, repeat: f.repeat });
    stop();
    expect(f.listeners.size).toBe(0);
    expect(f.intervals.size).toBe(0);
    f.emit(registered);
    f.tick();
    expect(reads).toBe(1);
  });
});
