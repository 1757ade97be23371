import { describe, expect, test } from 'bun:test';
import { FakeClock } from '../system/fake-clock.ts';
import { silentLogger } from '../system/index.ts';
import type { BusEvent } from './event-map.ts';
import { EventBus } from './event-bus.ts';

describe('event bus', () => {
  test('delivers in order with increasing seq, and stops after unsubscribe', () => {
    const bus = new EventBus(new FakeClock(Date.UTC(2026, 0, 1)), silentLogger);
    const seen: BusEvent[] = [];
    const off = bus.subscribe((e) => seen.push(e));
    bus.publish('system.alarm', { code: 'disk_low', severity: 'warning', message: 'disk' });
    bus.publish('audit.recorded', { id: 1, actor: 'admin', action: 'login', target: null });
    off();
    bus.publish('audit.recorded', { id: 2, actor: 'admin', action: 'logout', target: null });
    expect(seen.map((e) => [e.seq, e.name])).toEqual([
      [1, 'system.alarm'],
      [2, 'audit.recorded'],
    ]);
    expect(seen[0]?.at).toBe('2026-01-01T00:00:00.000Z');
  });

  test('a throwing subscriber does not stop the others', () => {
    const bus = new EventBus(new FakeClock(), silentLogger);
    let delivered = 0;
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe(() => delivered++);
    bus.publish('system.alarm', { code: 'x', severity: 'info', message: 'x' });
    expect(delivered).toBe(1);
  });
});
