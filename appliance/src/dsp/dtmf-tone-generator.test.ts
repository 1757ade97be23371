import { afterAll, describe, expect, test } from 'bun:test';
import { ValidationError } from '../errors.ts';
import { generateDtmf } from './dtmf-tone-generator.ts';
import { InbandDtmfDetector } from './inband-dtmf-detector.ts';
import { openSpandsp } from './spandsp-library.ts';
import { feed, sinePeak } from './test-signals.ts';

const spandsp = openSpandsp();
afterAll(() => spandsp.close());

const ROWS = [697, 770, 852, 941];
const COLUMNS = [1209, 1336, 1477, 1633];
const PAD = ['123A', '456B', '789C', '*0#D'];

/** Power of `hz` in `x` (Goertzel), independent of spandsp's own detector. */
function power(x: Int16Array, hz: number): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / 8000);
  let [s1, s2] = [0, 0];
  for (const v of x) [s1, s2] = [v + k * s1 - s2, s1];
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

const peak = (x: Int16Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('generateDtmf', () => {
  test('makes exactly keys × (tone + gap) × 8 samples: tone, then digital silence', () => {
    const out = generateDtmf(spandsp, '12', { toneMs: 50, gapMs: 30 });
    expect(out.length).toBe(2 * 80 * 8);
    for (const start of [0, 640]) {
      expect(peak(out.subarray(start + 8, start + 392))).toBeGreaterThan(1000);
      expect(peak(out.subarray(start + 400, start + 640))).toBe(0);
    }
  });

  test.each(PAD.flatMap((row, r) => row.split('').map((key, c) => [key, ROWS[r] as number, COLUMNS[c] as number] as const)))(
    'key %s is %i Hz + %i Hz and nothing else of the keypad',
    (key, row, column) => {
      const tone = generateDtmf(spandsp, key, { toneMs: 100, gapMs: 0 });
      const strongest = (freqs: number[]) => freqs.reduce((best, f) => (power(tone, f) > power(tone, best) ? f : best));
      expect([strongest(ROWS), strongest(COLUMNS)]).toEqual([row, column]);
      for (const other of [...ROWS, ...COLUMNS].filter((f) => f !== row && f !== column)) {
        expect(power(tone, other)).toBeLessThan(power(tone, row) / 100);
      }
    },
  );

  test.each([-3, -10, -20, -30])('at %i dBm0 each frequency peaks where a sine of that level does (the two add)', (levelDbm0) => {
    const tone = generateDtmf(spandsp, '5', { toneMs: 200, gapMs: 0, levelDbm0 });
    const expected = 2 * sinePeak(levelDbm0);
    expect(Math.abs(peak(tone) - expected) / expected).toBeLessThan(0.03);
  });

  test('takes lower-case A-D like upper case', () => {
    expect(generateDtmf(spandsp, 'abcd', { toneMs: 60, gapMs: 60 })).toEqual(generateDtmf(spandsp, 'ABCD', { toneMs: 60, gapMs: 60 }));
  });

  test('no keys make no samples', () => {
    expect(generateDtmf(spandsp, '').length).toBe(0);
  });

  test("strings longer than spandsp's 128-key queue come out whole and in order", () => {
    const keys = '0123456789*#ABCD'.repeat(20);
    const out = generateDtmf(spandsp, keys, { toneMs: 50, gapMs: 50 });
    expect(out.length).toBe(keys.length * 800);
    const detector = new InbandDtmfDetector(spandsp);
    expect(feed((s) => detector.push(s), out)).toBe(keys);
    detector.close();
  });

  test.each([
    ['a letter off the keypad', '12x', {}, ['digits']],
    ['a zero-length tone', '1', { toneMs: 0 }, ['toneMs']],
    ['a fractional tone and a negative gap', '1', { toneMs: 20.5, gapMs: -1 }, ['toneMs', 'gapMs']],
    ['a level that would clip', '1', { levelDbm0: 0 }, ['levelDbm0']],
    ['everything wrong at once', 'E', { gapMs: 20_000, levelDbm0: -80 }, ['digits', 'gapMs', 'levelDbm0']],
  ] as const)('refuses %s, naming each bad field', (_name, digits, options, paths) => {
    let caught: unknown;
    try {
      generateDtmf(spandsp, digits, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((i) => i.path)).toEqual([...paths]);
  });
});
