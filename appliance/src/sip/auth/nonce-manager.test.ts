import { describe, expect, test } from 'bun:test';
import type { Clock } from '../../system/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { type CountOutcome, NonceManager, type NonceManagerOptions } from './nonce-manager.ts';
import type { RandomBytes } from './random-bytes.ts';

/** Different octets on every call (a call counter in the first four), the same sequence in every run. */
function countingRandom(): RandomBytes {
  let calls = 0;
  return (size) => {
    calls++;
    const bytes = new Uint8Array(size).fill(0x5a);
    new DataView(bytes.buffer).setUint32(0, calls);
    return bytes;
  };
}

const KEY = new Uint8Array(32).fill(7);

function setup(options: Partial<NonceManagerOptions> = {}) {
  const clock = options.clock instanceof FakeClock ? options.clock : new FakeClock();
  const nonces = new NonceManager({ key: KEY, clock, random: countingRandom(), ...options });
  return { clock, nonces };
}

/** Replaces the character at `at` with another base64url character. */
function alter(nonce: string, at: number): string {
  const c = nonce.charAt(at) === 'A' ? 'B' : 'A';
  return nonce.slice(0, at) + c + nonce.slice(at + 1);
}

describe('authenticity and freshness without a table', () => {
  test('a fresh nonce is ours and fresh, 43 base64url characters', () => {
    const { nonces } = setup();
    const nonce = nonces.issue();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonces.check(nonce).kind).toBe('fresh');
    expect(nonces.issue()).not.toBe(nonce);
  });

  test.each([
    [299_999, 'fresh'],
    [300_000, 'expired'],
    [3_600_000, 'expired'],
  ] as const)('with the default 300 s lifetime, at +%d ms a nonce is %s', (ms, kind) => {
    const { clock, nonces } = setup();
    const nonce = nonces.issue();
    clock.advance(ms);
    expect(nonces.check(nonce).kind).toBe(kind);
  });

  test('the lifetime is configurable', () => {
    const { clock, nonces } = setup({ lifetimeMs: 30_000 });
    const nonce = nonces.issue();
    clock.advance(30_000);
    expect(nonces.check(nonce).kind).toBe('expired');
  });

  test('a nonce from "the future" (monotonic counter restarted under the same key) is expired, not fresh', () => {
    let now = 10_000_000;
    const clock: Clock = { now: () => now, monotonic: () => now };
    const nonces = new NonceManager({ key: KEY, clock, random: countingRandom() });
    const nonce = nonces.issue();
    now = 5_000;
    expect(nonces.check(nonce).kind).toBe('expired');
  });

  test.each([
    ['timestamp altered', 2],
    ['random part altered', 12],
    ['MAC altered', 30],
    ['last character altered', 42],
  ])('%s → forged', (_name, at) => {
    const { nonces } = setup();
    const nonce = nonces.issue();
    expect(nonces.check(alter(nonce, at))).toEqual({ kind: 'forged' });
  });

  test.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['too long', 'A'.repeat(44)],
    ['not base64url', `${'A'.repeat(42)}=`],
    ['a quoted RFC example nonce', 'dcd98b7102dd2f0e8b11d0f600bfb0c093'],
  ])('%s → forged', (_name, nonce) => {
    expect(setup().nonces.check(nonce)).toEqual({ kind: 'forged' });
  });

  test('a nonce made under another key is forged', () => {
    const clock = new FakeClock();
    const other = new NonceManager({ key: new Uint8Array(32).fill(8), clock, random: countingRandom() });
    const { nonces } = setup({ clock });
    expect(nonces.check(other.issue()).kind).toBe('forged');
  });

  test('a key shorter than 16 octets is refused', () => {
    expect(() => setup({ key: new Uint8Array(8) })).toThrow(RangeError);
  });
});

describe('nonce-count replay protection (qop=auth)', () => {
  test('increasing counts are accepted; a repeated or lower count is a replay', () => {
    const { nonces } = setup();
    const nonce = nonces.issue();
    const steps: [number, CountOutcome][] = [
      [1, 'accepted'],
      [1, 'replay'],
      [3, 'accepted'],
      [2, 'replay'],
      [3, 'replay'],
      [4, 'accepted'],
      [0xffffffff, 'accepted'],
      [5, 'replay'],
    ];
    for (const [nc, outcome] of steps) expect([nc, nonces.recordCount(nonce, nc)]).toEqual([nc, outcome]);
  });

  test('nc 0 is never valid', () => {
    const { nonces } = setup();
    expect(nonces.recordCount(nonces.issue(), 0)).toBe('replay');
  });

  test('counts are kept per nonce', () => {
    const { nonces } = setup();
    const [a, b] = [nonces.issue(), nonces.issue()];
    expect(nonces.recordCount(a, 1)).toBe('accepted');
    expect(nonces.recordCount(b, 1)).toBe('accepted');
    expect(nonces.recordCount(a, 1)).toBe('replay');
  });

  test('an expired or forged nonce records nothing', () => {
    const { clock, nonces } = setup();
    const nonce = nonces.issue();
    expect(nonces.recordCount(alter(nonce, 12), 1)).toBe('forged');
    clock.advance(300_000);
    expect(nonces.recordCount(nonce, 1)).toBe('expired');
    expect(nonces.tracked).toBe(0);
  });
});

describe('bounded memory', () => {
  test('never more than maxTracked entries; an evicted nonce comes back as forgotten (stale), never as valid', () => {
    const { clock, nonces } = setup({ maxTracked: 3 });
    const issued: string[] = [];
    for (let i = 0; i < 6; i++) {
      issued.push(nonces.issue());
      clock.advance(1_000);
    }
    for (const nonce of issued) {
      expect(nonces.recordCount(nonce, 1)).toBe('accepted');
      expect(nonces.tracked).toBeLessThanOrEqual(3);
    }
    expect(nonces.tracked).toBe(3);
    for (const evicted of issued.slice(0, 3)) expect(nonces.recordCount(evicted, 2)).toBe('forgotten');
    for (const kept of issued.slice(3)) expect(nonces.recordCount(kept, 1)).toBe('replay');
    const later = nonces.issue();
    expect(nonces.recordCount(later, 1)).toBe('accepted');
  });

  test('an unused nonce issued before the newest evicted one is forgotten too (it might have been used)', () => {
    const { clock, nonces } = setup({ maxTracked: 1 });
    const unused = nonces.issue();
    clock.advance(10);
    const [a, b] = [nonces.issue(), nonces.issue()];
    nonces.recordCount(a, 1);
    nonces.recordCount(b, 1);
    expect(nonces.recordCount(unused, 1)).toBe('forgotten');
  });

  test('entries leave once their nonce has expired', () => {
    const { clock, nonces } = setup();
    for (let i = 0; i < 50; i++) nonces.recordCount(nonces.issue(), 1);
    expect(nonces.tracked).toBe(50);
    clock.advance(300_000);
    nonces.recordCount(nonces.issue(), 1);
    expect(nonces.tracked).toBe(1);
  });

  test('10,000 authentications under a cap of 1,000 keep the map at the cap', () => {
    const { clock, nonces } = setup({ maxTracked: 1_000 });
    for (let i = 0; i < 10_000; i++) {
      nonces.recordCount(nonces.issue(), 1);
      if (i % 100 === 0) clock.advance(1);
    }
    expect(nonces.tracked).toBe(1_000);
  });
});
