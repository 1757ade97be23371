import { describe, expect, test } from 'bun:test';
import { createResampler, resample } from './resample.ts';

function sine(hz: number, rate: number, n: number, amplitude: number): Int16Array {
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

/** Amplitude of the `hz` component over the middle of the signal (edges carry the filter's start-up). */
function amplitudeAt(samples: Int16Array, hz: number, rate: number): number {
  const skip = Math.floor(samples.length / 8);
  const part = samples.subarray(skip, samples.length - skip);
  let re = 0;
  let im = 0;
  for (let i = 0; i < part.length; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (part.length - 1));
    re += w * (part[i] as number) * Math.cos((2 * Math.PI * hz * i) / rate);
    im += w * (part[i] as number) * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  // A Hann window has a coherent gain of 1/2.
  return (2 * Math.hypot(re, im)) / (part.length * 0.5);
}

function rms(samples: Int16Array): number {
  const skip = Math.floor(samples.length / 8);
  let sum = 0;
  for (let i = skip; i < samples.length - skip; i++) sum += (samples[i] as number) ** 2;
  return Math.sqrt(sum / (samples.length - 2 * skip));
}

const dB = (ratio: number) => 20 * Math.log10(ratio);

describe('22050 → 8000 Hz', () => {
  const r = createResampler(22050, 8000);
  const n = 22050;

  test('a 1 kHz tone keeps its amplitude (within 0.1 dB)', () => {
    const out = r.run(sine(1000, 22050, n, 10000));
    expect(Math.abs(dB(amplitudeAt(out, 1000, 8000) / 10000))).toBeLessThan(0.1);
  });

  test.each([300, 2000, 3400])('%d Hz, inside the telephone band, is passed flat (within 0.2 dB)', (hz) => {
    const out = r.run(sine(hz, 22050, n, 10000));
    expect(Math.abs(dB(amplitudeAt(out, hz, 8000) / 10000))).toBeLessThan(0.2);
  });

  test('a 3.8 kHz tone stays at 3.8 kHz: nothing of it lands inside 300–3400 Hz', () => {
    const out = r.run(sine(3800, 22050, n, 10000));
    for (const hz of [300, 1000, 2000, 3000, 3400]) expect(dB(amplitudeAt(out, hz, 8000) / 10000)).toBeLessThan(-60);
    expect(dB(amplitudeAt(out, 3800, 8000) / 10000)).toBeGreaterThan(-12);
  });

  test.each([
    [4600, 3400],
    [5000, 3000],
    [7000, 1000],
    [10000, 2000],
  ])('a %d Hz tone, which would fold to %d Hz, is at least 60 dB down', (hz, alias) => {
    const out = r.run(sine(hz, 22050, n, 10000));
    expect(dB(amplitudeAt(out, alias, 8000) / 10000)).toBeLessThan(-60);
    expect(dB(rms(out) / (10000 / Math.SQRT2))).toBeLessThan(-60);
  });

  test.each([0, 1, 2, 3, 100, 441, 22050, 22051, 99999])('%d samples give round(n·8000/22050)', (len) => {
    expect(r.run(new Int16Array(len)).length).toBe(Math.round((len * 8000) / 22050));
  });

  test('full-scale input saturates instead of wrapping around', () => {
    // A full-scale step rings past the rails (Gibbs); wrapped values would flip sign beside the edge.
    const step = new Int16Array(4410).map((_, i) => (i < 2205 ? -32768 : 32767));
    const out = r.run(step);
    const edge = Math.round((2205 * 8000) / 22050);
    // The first and last few outputs see silence beyond the ends; they are not what this test is about.
    for (let i = 30; i < out.length - 30; i++) {
      if (i < edge - 2) expect(out[i] as number).toBeLessThan(-30000);
      if (i > edge + 2) expect(out[i] as number).toBeGreaterThan(30000);
    }
    expect(out).toContain(32767);
    expect(out).toContain(-32768);
  });

  test('a constant level comes out at the same level (unity DC gain in every phase)', () => {
    const out = r.run(new Int16Array(4410).fill(1000));
    const middle = out.subarray(200, out.length - 200);
    expect(Math.min(...middle)).toBeGreaterThanOrEqual(999);
    expect(Math.max(...middle)).toBeLessThanOrEqual(1001);
  });
});

test('16 kHz → 8 kHz and 8 kHz → 16 kHz keep a 1 kHz tone', () => {
  const down = resample(sine(1000, 16000, 16000, 8000), 16000, 8000);
  expect(down.length).toBe(8000);
  expect(Math.abs(dB(amplitudeAt(down, 1000, 8000) / 8000))).toBeLessThan(0.1);
  const up = resample(sine(1000, 8000, 8000, 8000), 8000, 16000);
  expect(up.length).toBe(16000);
  expect(Math.abs(dB(amplitudeAt(up, 1000, 16000) / 8000))).toBeLessThan(0.1);
});

test('equal rates copy the input', () => {
  const input = sine(440, 8000, 100, 1000);
  const out = resample(input, 8000, 8000);
  expect(out).toEqual(input);
  expect(out).not.toBe(input);
});

test.each([
  [0, 8000],
  [22050.5, 8000],
  [8000, -1],
  [8000, 7919 * 8000 + 1],
])('rates %p → %p are refused', (from, to) => {
  expect(() => createResampler(from, to)).toThrow(RangeError);
});
