import { describe, expect, test } from 'bun:test';
import { decimateByTwo } from './decimate-by-two.ts';

function sine(frequency: number, rate: number, seconds: number, amplitude = 10000): Int16Array {
  return Int16Array.from({ length: rate * seconds }, (_, n) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * n) / rate)));
}

/** RMS away from the edges, where the filter sees zero padding. */
function rms(samples: Int16Array): number {
  const body = samples.subarray(100, samples.length - 100);
  let sum = 0;
  for (const s of body) sum += s * s;
  return Math.sqrt(sum / body.length);
}

const gainDb = (frequency: number) => 20 * Math.log10(rms(decimateByTwo(sine(frequency, 16000, 1))) / rms(sine(frequency, 16000, 1)));

describe('decimateByTwo (16 kHz → 8 kHz)', () => {
  test('halves the length', () => {
    expect(decimateByTwo(new Int16Array(16001)).length).toBe(8000);
    expect(decimateByTwo(new Int16Array(0)).length).toBe(0);
  });

  test.each([300, 1000, 2000, 3000, 3400])('passes %d Hz speech within 0.2 dB', (f) => {
    expect(Math.abs(gainDb(f))).toBeLessThan(0.2);
  });

  test.each([4600, 5000, 6000, 7000, 7900])('suppresses %d Hz, which would alias into the band, by at least 55 dB', (f) => {
    expect(gainDb(f)).toBeLessThan(-55);
  });

  test('keeps DC and saturates rather than wrapping', () => {
    const out = decimateByTwo(new Int16Array(400).fill(32767));
    expect(out[100]).toBe(32767);
    const negative = decimateByTwo(new Int16Array(400).fill(-32768));
    expect(negative[100]).toBe(-32768);
  });

  test('keeps the frequency of a tone (1 kHz stays 1 kHz at 8 kHz)', () => {
    const out = decimateByTwo(sine(1000, 16000, 1));
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if ((out[i - 1] as number) < 0 !== (out[i] as number) < 0) crossings++;
    expect(Math.abs(crossings - 2000)).toBeLessThanOrEqual(2);
  });
});
