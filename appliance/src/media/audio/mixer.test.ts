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

describe('mixFrames with hears (partial mixes)', () => {
  const [caller, agent, supervisor] = [100, 20, 3];
  const cases: { name: string; hears: number[][]; heard: number[] }[] = [
    { name: 'listen: caller and agent hear only each other, the supervisor hears both', hears: [[1], [0], [0, 1]], heard: [agent, caller, caller + agent] },
    { name: 'whisper: the agent also hears the supervisor, the caller does not', hears: [[1], [0, 2], [0, 1]], heard: [agent, caller + supervisor, caller + agent] },
    { name: 'barge: everyone hears everyone, as without hears', hears: [[1, 2], [0, 2], [0, 1]], heard: [agent + supervisor, caller + supervisor, caller + agent] },
    { name: 'an empty list hears silence', hears: [[], [0], [0, 1]], heard: [0, caller, caller + agent] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const out = outputs(3);
      mixFrames([frame(caller), frame(agent), frame(supervisor)], out, c.hears);
      expect(out.map((o) => o[0])).toEqual(c.heard);
      expect(out.every((o) => o.every((s) => s === o[0]))).toBe(true);
    });
  }

  test('a silent (null) party adds nothing; a null output is skipped', () => {
    const [a, c] = outputs(2);
    mixFrames([frame(100), null, frame(7)], [a ?? null, null, c ?? null], [[1, 2], [0], [0, 1]]);
    expect([a?.[0], c?.[0]]).toEqual([7, 100]);
  });

  test('overwrites the whole output frame each time', () => {
    const out = outputs(2);
    out[0]?.fill(999);
    mixFrames([frame(5), frame(6)], out, [[], [0]]);
    expect(out[0]?.every((s) => s === 0)).toBe(true);
  });

  test('saturates each partial mix to 16 bits instead of wrapping', () => {
    const out = outputs(3);
    mixFrames([frame(30000), frame(30000), frame(-32768)], out, [[1], [0, 2], [0, 1]]);
    expect(out.map((o) => o[0])).toEqual([30000, -2768, 32767]);
    mixFrames([frame(-30000), frame(-30000), frame(0)], out, [[1], [0], [0, 1]]);
    expect(out.map((o) => o[0])).toEqual([-30000, -30000, -32768]);
  });

  test('matches the direct per-listener sum per sample', () => {
    const inputs = [Int16Array.from([1, -2, 3]), Int16Array.from([10, 20, -30]), Int16Array.from([100, 200, 300])];
    const hears = [[2], [0, 2], [0, 1]];
    const out = outputs(3, 3);
    mixFrames(inputs, out, hears);
    expect(out.map((o) => [...o])).toEqual([
      [100, 200, 300],
      [101, 198, 303],
      [11, 18, -27],
    ]);
  });

  test('refuses a hearing list per party that does not match, and outputs that are inputs', () => {
    expect(() => mixFrames([frame(0), frame(0)], outputs(2), [[1]])).toThrow(RangeError);
    const a = frame(1);
    const b = frame(2);
    expect(() => mixFrames([a, b], [a, b], [[1], [0]])).toThrow(RangeError);
  });
});
