import { describe, expect, test } from 'bun:test';
import { RtpPortPool } from './rtp-port-pool.ts';

describe('RtpPortPool', () => {
  test('hands out even ports with room for RTCP above each', () => {
    const pool = new RtpPortPool({ min: 10001, max: 10008 });
    expect([pool.take(), pool.take(), pool.take()]).toEqual([10002, 10004, 10006]);
    expect(pool.take()).toBeNull();
  });

  test('a released port comes back only after every other free port', () => {
    const pool = new RtpPortPool({ min: 20000, max: 20009 });
    const a = pool.take() as number;
    pool.release(a);
    const order = [pool.take(), pool.take(), pool.take(), pool.take(), pool.take()];
    expect(order).toEqual([20002, 20004, 20006, 20008, 20000]);
  });

  test('counts ports in use and ignores double releases', () => {
    const pool = new RtpPortPool({ min: 10000, max: 10099 });
    const a = pool.take() as number;
    pool.take();
    expect(pool.inUse).toBe(2);
    pool.release(a);
    pool.release(a);
    expect(pool.inUse).toBe(1);
    expect(pool.available).toBe(49);
  });

  test('stays correct over many cycles (compaction of the free list)', () => {
    const pool = new RtpPortPool({ min: 10000, max: 19999 });
    const live: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      live.push(pool.take() as number);
      if (live.length > 100) pool.release(live.shift() as number);
    }
    expect(new Set(live).size).toBe(live.length);
    expect(pool.inUse).toBe(live.length);
    expect(pool.available + pool.inUse).toBe(5000);
  });
});
