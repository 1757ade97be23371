import { describe, expect, test } from 'bun:test';
import { alawToLinear, ulawToLinear } from './g711-expand.ts';

describe('G.711 expansion', () => {
  test.each([
    [0xff, 0],
    [0x7f, 0],
    [0x80, 32124],
    [0x00, -32124],
    [0xfe, 8],
    [0x7e, -8],
  ])('µ-law code %d expands to %d', (code, linear) => {
    expect(ulawToLinear(code)).toBe(linear);
  });

  test.each([
    [0xd5, 8],
    [0x55, -8],
    [0xaa, 32256],
    [0x2a, -32256],
  ])('A-law code %d expands to %d', (code, linear) => {
    expect(alawToLinear(code)).toBe(linear);
  });

  test('both laws are odd-symmetric in the sign bit and monotonic in magnitude', () => {
    for (const [expand, signPositive, invert] of [
      [ulawToLinear, 0x80, 0x7f],
      [alawToLinear, 0x80, 0x55],
    ] as const) {
      let previous = -1;
      // Walk magnitudes from the smallest step up, undoing each law's bit inversion.
      for (let m = 0; m < 128; m++) {
        const code = ((invert === 0x7f ? 0x7f - m : m ^ 0x55) & 0x7f) | signPositive;
        const value = expand(code);
        expect(value).toBeGreaterThanOrEqual(previous);
        expect(expand(code & 0x7f) + value).toBe(0);
        previous = value;
      }
    }
  });
});
