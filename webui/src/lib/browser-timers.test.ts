import { expect, test } from 'bun:test';
import { browserTimers } from './browser-timers';

test('schedule and repeat hand back a canceller that clears the very timer they set', () => {
  const cleared: string[] = [];
  const host = {
    setTimeout: () => 11,
    clearTimeout: (id: number) => cleared.push(`timeout ${id}`),
    setInterval: () => 22,
    clearInterval: (id: number) => cleared.push(`interval ${id}`),
  } as unknown as Window;
  const { schedule, repeat } = browserTimers(host);
  schedule(() => undefined, 1_000)();
  repeat(() => undefined, 30_000)();
  expect(cleared).toEqual(['timeout 11', 'interval 22']);
});
