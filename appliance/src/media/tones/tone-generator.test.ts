import { describe, expect, test } from 'bun:test';
import { dbm0ToAmplitude, ToneGenerator } from './tone-generator.ts';
import { type ToneCadence, TONE_PLANS } from './tone-plan.ts';

/** Reads `seconds` of a generator in 20 ms frames, as the media clock would. */
function play(cadence: ToneCadence, seconds: number, frame = 160): Int16Array {
  const generator = new ToneGenerator(cadence);
  const all = new Int16Array(8000 * seconds);
  const out = new Int16Array(frame);
  for (let at = 0; at < all.length; at += frame) {
    expect(generator.read(out)).toBe(true);
    all.set(out.subarray(0, Math.min(frame, all.length - at)), at);
  }
  return all;
}

/** Amplitude of the `frequency` component (Goertzel), for a whole number of cycles. */
function amplitudeAt(samples: Int16Array, frequency: number, rate = 8000): number {
  const w = (2 * Math.PI * frequency) / rate;
  const coefficient = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.sqrt(power)) / samples.length;
}

function zeroCrossings(samples: Int16Array): number {
  let count = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1] as number) < 0 !== (samples[i] as number) < 0) count++;
  return count;
}

/**
 * Checks every window of a cadence played for the whole of `samples`:
 * silences are exactly zero, tones are present from their second sample to their last.
 */
function expectCadence(samples: Int16Array, windows: Array<{ on: boolean; samples: number }>): number {
  let at = 0;
  let checked = 0;
  while (at < samples.length) {
    for (const w of windows) {
      const end = Math.min(at + w.samples, samples.length);
      const slice = samples.subarray(at, end);
      if (w.on) {
        expect(slice[1]).not.toBe(0);
        if (end === at + w.samples) expect(slice[slice.length - 1]).not.toBe(0);
        expect(Math.max(...slice.subarray(0, 400))).toBeGreaterThan(1000);
      } else {
        expect(slice.every((s) => s === 0)).toBe(true);
      }
      checked++;
      at = end;
      if (at >= samples.length) break;
    }
  }
  return checked;
}

describe('dBm0 to sample amplitude (µ-law full scale = +3.17 dBm0)', () => {
  test.each([
    [3.17, 32124],
    [0, 22300],
    [-13, 4993],
    [-24, 1406],
  ])('%d dBm0 is a sine of peak %d', (level, peak) => {
    expect(Math.abs(dbm0ToAmplitude(level) - peak)).toBeLessThan(2);
  });
});

describe('ToneGenerator', () => {
  test('Chinese dial tone is 450 Hz, continuous, at −10 dBm0', () => {
    const samples = play(TONE_PLANS.cn.dial, 2);
    expect(Math.abs(zeroCrossings(samples) - 1800)).toBeLessThanOrEqual(1);
    expect(Math.abs(amplitudeAt(samples, 450) - dbm0ToAmplitude(-10))).toBeLessThan(dbm0ToAmplitude(-10) * 0.01);
    expect(amplitudeAt(samples, 400)).toBeLessThan(5);
    expect(Math.abs(Math.max(...samples) - dbm0ToAmplitude(-10))).toBeLessThan(2);
  });

  test('US dial tone is 350 + 440 Hz, each at −13 dBm0', () => {
    const samples = play(TONE_PLANS.us.dial, 1);
    for (const f of [350, 440]) expect(Math.abs(amplitudeAt(samples, f) - dbm0ToAmplitude(-13))).toBeLessThan(dbm0ToAmplitude(-13) * 0.01);
    for (const f of [300, 395, 480, 1000]) expect(amplitudeAt(samples, f)).toBeLessThan(5);
  });

  test('the sine table keeps spurs far down (< −60 dBc)', () => {
    const samples = play([{ frequencies: [1013], durationMs: Number.POSITIVE_INFINITY, levelDbm0: 0 }], 1);
    const fundamental = amplitudeAt(samples, 1013);
    for (const f of [2026, 3039, 500, 1500, 2500, 3500]) expect(amplitudeAt(samples, f)).toBeLessThan(fundamental / 1000);
  });

  test('Chinese busy is 350 ms on, 350 ms off, to the sample, over 30 s', () => {
    const windows = expectCadence(play(TONE_PLANS.cn.busy, 30), [
      { on: true, samples: 2800 },
      { on: false, samples: 2800 },
    ]);
    expect(windows).toBe(86);
  });

  test('US ringback is 2 s on, 4 s off, to the sample, over 30 s', () => {
    const samples = play(TONE_PLANS.us.ringback, 30);
    expect(expectCadence(samples, [
      { on: true, samples: 16000 },
      { on: false, samples: 32000 },
    ])).toBe(10);
    expect(amplitudeAt(samples.subarray(0, 16000), 480)).toBeGreaterThan(dbm0ToAmplitude(-19) * 0.99);
  });

  test('ITU call waiting is 0.2 on, 0.2 off, 0.2 on, 3 s off, over 30 s', () => {
    expectCadence(play(TONE_PLANS.itu.callWaiting, 30), [
      { on: true, samples: 1600 },
      { on: false, samples: 1600 },
      { on: true, samples: 1600 },
      { on: false, samples: 24000 },
    ]);
  });

  test('the output does not depend on frame size: cadence and phase carry across reads', () => {
    const reference = play(TONE_PLANS.cn.ringback, 12, 160);
    for (const frame of [1, 7, 80, 240, 96000]) expect(play(TONE_PLANS.cn.ringback, 12, frame)).toEqual(reference);
  });

  test('consecutive tone segments join without a phase jump', () => {
    const samples = play([{ frequencies: [450], durationMs: 1001, levelDbm0: -10 }], 3);
    // A reset at each 1001 ms restart would break the 450 Hz zero-crossing count.
    expect(Math.abs(zeroCrossings(samples) - 2700)).toBeLessThanOrEqual(1);
  });

  test('cadences whose milliseconds are not whole samples follow real time, not summed rounding', () => {
    // 0.3 ms on, 0.3 ms off at 8 kHz: 2.4 samples each. Bursts must start at round(4.8·c), for cycle c.
    const generator = new ToneGenerator([
      { frequencies: [450], durationMs: 0.3, levelDbm0: 0 },
      { frequencies: [], durationMs: 0.3, levelDbm0: 0 },
    ]);
    const samples = new Int16Array(48_000);
    for (let at = 0; at < samples.length; at += 160) generator.read(samples.subarray(at, at + 160));
    const expected = new Set<number>();
    for (let c = 0; c < 10_000; c++) {
      // Each burst restarts at phase 0, so its first sample is 0 and the rest are not.
      for (let n = Math.round(4.8 * c) + 1; n < Math.round(4.8 * c + 2.4); n++) expected.add(n);
    }
    const nonZero = new Set<number>();
    samples.forEach((s, n) => {
      if (s !== 0) nonZero.add(n);
    });
    expect(nonZero).toEqual(expected);
  });

  test('a cadence ending in a continuous silence plays once', () => {
    const samples = play([{ frequencies: [450], durationMs: 100, levelDbm0: -10 }, { frequencies: [], durationMs: Number.POSITIVE_INFINITY, levelDbm0: 0 }], 2);
    expect(samples[1]).not.toBe(0);
    expect(samples.subarray(800).every((s) => s === 0)).toBe(true);
  });

  test('reset starts the cadence over', () => {
    const generator = new ToneGenerator(TONE_PLANS.us.busy);
    const first = new Int16Array(5000);
    generator.read(first);
    generator.read(new Int16Array(123));
    generator.reset();
    const again = new Int16Array(5000);
    generator.read(again);
    expect(again).toEqual(first);
  });

  test.each([
    ['no segments', []],
    ['a zero duration', [{ frequencies: [450], durationMs: 0, levelDbm0: -10 }]],
    ['a cycle shorter than a sample', [{ frequencies: [450], durationMs: 0.1, levelDbm0: -10 }]],
    ['a continuous segment before another', [{ frequencies: [450], durationMs: Number.POSITIVE_INFINITY, levelDbm0: -10 }, { frequencies: [], durationMs: 100, levelDbm0: 0 }]],
    ['a frequency above Nyquist', [{ frequencies: [4000], durationMs: 100, levelDbm0: -10 }]],
    ['a negative frequency', [{ frequencies: [-1], durationMs: 100, levelDbm0: -10 }]],
  ] as Array<[string, ToneCadence]>)('refuses %s', (_name, cadence) => {
    expect(() => new ToneGenerator(cadence)).toThrow(RangeError);
  });
});
