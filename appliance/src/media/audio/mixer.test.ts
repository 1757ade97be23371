import { describe, expect, test } from 'bun:test';
import { mixFrames } from './mixer.ts';

const frame = (value: number, n = 160) => new Int16Array(n).fill(value);
const outputs = (count: number, n = 160) => Array.from({ length: count }, () => new Int16Array(n));

describe('mixFrames', () => {
  test('each of three parties hears the other two, never itself', () => {
    const out = outputs(3);
    mixFrames([frame(100), frame(20), frame(3)], out);
    expect(out.map((o) => o[0])).toEqual([23, 103, 120]);
    expect(out.every((o) => o.every((s) => s === o[0]))).toBe(true);
  });

  test('a silent (null) party hears everyone and adds nothing', () => {
    const out = outputs(3);
    mixFrames([frame(100), null, frame(-30)], out);
    expect(out.map((o) => o[0])).toEqual([-30, 70, 100]);
  });

  test('a null output is skipped (nobody listening on that leg)', () => {
    const [a, c] = outputs(2);
    mixFrames([frame(1), frame(2), frame(4)], [a ?? null, null, c ?? null]);
    expect([a?.[0], c?.[0]]).toEqual([6, 3]);
  });

  test('saturates each mix to 16 bits instead of wrapping', () => {
    const out = outputs(4);
    mixFrames([frame(30000), frame(30000), frame(30000), frame(-32768)], out);
    expect(out.map((o) => o[0])).toEqual([27232, 27232, 27232, 32767]);
    mixFrames([frame(-30000), frame(-30000), frame(-30000), frame(32767)], out);
    expect(out.map((o) => o[0])).toEqual([-27233, -27233, -27233, -32768]);
  });

  test('clips only the mixes a loud talker is part of', () => {
    const out = outputs(3);
    mixFrames([frame(32767), frame(32767), frame(10)], out);
    // A hears B + C (clipped); C hears A + B (clipped); nothing is lost from the single-talker sums.
    expect(out.map((o) => o[0])).toEqual([32767, 32767, 32767]);
    mixFrames([frame(32767), frame(-32768), frame(10)], out);
    expect(out.map((o) => o[0])).toEqual([-32758, 32767, -1]);
  });

  test('mixes per sample and may write into the party’s own input frame', () => {
    const a = Int16Array.from([1, 2, 3, 4]);
    const b = Int16Array.from([10, 20, 30, 40]);
    mixFrames([a, b], [a, b]);
    expect([...a, ...b]).toEqual([10, 20, 30, 40, 1, 2, 3, 4]);
  });

  test('matches the direct O(N²) sum for a larger conference', () => {
    const n = 8;
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 16) - 32768;
    };
    const inputs = Array.from({ length: n }, (_, i) => (i === 3 ? null : Int16Array.from({ length: 160 }, () => random() >> 2)));
    const out = outputs(n);
    mixFrames(inputs, out);
    for (let p = 0; p < n; p++) {
      for (let s = 0; s < 160; s++) {
        let sum = 0;
        for (let q = 0; q < n; q++) if (q !== p) sum += inputs[q]?.[s] ?? 0;
        expect(out[p]?.[s]).toBe(Math.max(-32768, Math.min(32767, sum)));
      }
    }
  });

  test('refuses frames of different lengths and mismatched party counts', () => {
    expect(() => mixFrames([frame(0, 80)], outputs(1))).toThrow(RangeError);
    expect(() => mixFrames([frame(0)], outputs(2))).toThrow(RangeError);
  });
});
