import { describe, expect, test } from 'bun:test';
import { DEFAULT_TIMER_CONFIG, doubled, transactionTimers } from './timer-values.ts';

describe('timer values (RFC 3261 Table 4, RFC 6026)', () => {
  test('over UDP every timer derives from T1 = 500 ms, T2 = 4 s, T4 = 5 s', () => {
    expect(transactionTimers(DEFAULT_TIMER_CONFIG, false)).toEqual({
      A: 500,
      B: 32_000,
      D: 32_000,
      E: 500,
      F: 32_000,
      G: 500,
      H: 32_000,
      I: 5000,
      J: 32_000,
      K: 5000,
      L: 32_000,
      M: 32_000,
      Trying100: 200,
      t2: 4000,
    });
  });

  test('over a reliable transport A, E and G are not started and D, I, J and K are zero', () => {
    expect(transactionTimers(DEFAULT_TIMER_CONFIG, true)).toMatchObject({ A: null, E: null, G: null, D: 0, I: 0, J: 0, K: 0, B: 32_000, F: 32_000, H: 32_000, L: 32_000, M: 32_000 });
  });

  test('follows a configured T1, but keeps Timer D at least 32 s over UDP', () => {
    const timers = transactionTimers({ ...DEFAULT_TIMER_CONFIG, t1: 250 }, false);
    expect(timers).toMatchObject({ A: 250, B: 16_000, F: 16_000, H: 16_000, D: 32_000 });
    expect(transactionTimers({ ...DEFAULT_TIMER_CONFIG, t1: 1000 }, false).D).toBe(64_000);
  });

  test('doubling stops at the cap', () => {
    expect([doubled(500, 4000), doubled(2000, 4000), doubled(4000, 4000), doubled(16_000)]).toEqual([1000, 4000, 4000, 32_000]);
  });
});
