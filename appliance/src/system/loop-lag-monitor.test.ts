import { expect, test } from 'bun:test';
import type { Clock, Scheduler } from './clock.ts';
import { createLogger } from './logger.ts';
import { LoopLagMonitor } from './loop-lag-monitor.ts';

/** A clock whose time and whose one periodic timer the test drives by hand, so a stall can be staged. */
function manual() {
  let now = 0;
  let tick: () => void = () => {};
  const clock: Clock = { now: () => now, monotonic: () => now };
  const scheduler: Scheduler = {
    every: (_ms, task) => {
      tick = task;
      return { cancel: () => {} };
    },
    after: () => ({ cancel: () => {} }),
  };
  const fireAt = (t: number) => {
    now = t;
    tick();
  };
  return { clock, scheduler, fireAt };
}

test('ticks on time pass; a tick 600 ms late is counted and logged', () => {
  const lines: string[] = [];
  const m = manual();
  const monitor = new LoopLagMonitor({ ...m, logger: createLogger({ level: 'warn', format: 'json', write: (l) => lines.push(l) }), intervalMs: 100, warnMs: 250 });
  monitor.start();
  for (let t = 100; t <= 1000; t += 100) m.fireAt(t);
  expect(monitor.stalls).toBe(0);
  m.fireAt(1700);
  expect(monitor.stalls).toBe(1);
  expect(monitor.maxLagMs).toBe(600);
  expect(lines.some((l) => l.includes('event loop stalled') && l.includes('600'))).toBe(true);
});
