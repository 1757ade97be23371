import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulawToLinear } from './pcap-audio.ts';
import { activeRms, activeSeconds, bestCorrelation, generateTestSignal, readWavMono, rms, writeTestSignalWav, writeWavMono } from './test-audio.ts';

const dir = mkdtempSync(join(tmpdir(), 'test-audio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reference = generateTestSignal({ seconds: 10 });

function delayed(x: Int16Array, delay: number, gain: number, length = x.length): Int16Array {
  const out = new Int16Array(length);
  for (let i = delay; i < length; i++) out[i] = Math.round((x[i - delay] ?? 0) * gain);
  return out;
}

/** G.711 μ-law encoding of one sample (ITU-T G.711), to put real codec noise on a copy. */
function linearToUlaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  return ~(sign | (exponent << 4) | ((magnitude >> (exponent + 3)) & 0x0f)) & 0xff;
}

const viaMuLaw = (sample: number) => ulawToLinear(linearToUlaw(sample));

describe('the test signal', () => {
  test('is the same for the same seed and differs for another', () => {
    expect(generateTestSignal({ seconds: 1 })).toEqual(generateTestSignal({ seconds: 1 }));
    expect(generateTestSignal({ seconds: 1, seed: 7 })).not.toEqual(generateTestSignal({ seconds: 1 }));
  });

  test('is bursts with gaps at a speech-like level, never clipped', () => {
    const peak = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeLessThan(32767 * 0.71);
    expect(activeSeconds(reference)).toBeGreaterThan(6);
    expect(activeSeconds(reference)).toBeLessThan(9.5);
    expect(activeRms(reference)).toBeGreaterThan(rms(reference));
  });

  test('has one clear autocorrelation peak: shifted by 5 ms it no longer matches', () => {
    expect(bestCorrelation(reference, reference, { maxLagSamples: 0 }).coefficient).toBeCloseTo(1, 6);
    const shifted = delayed(reference, 40, 1);
    const atZero = bestCorrelation(reference, shifted, { maxLagSamples: 0 }).coefficient;
    expect(Math.abs(atZero)).toBeLessThan(0.2);
  });
});

describe('bestCorrelation', () => {
  test('finds a copy delayed by 123 ms, attenuated and G.711-coded, at the right lag', () => {
    const lag = Math.round(0.123 * 8000);
    const heard = delayed(reference, lag, 0.3).map(viaMuLaw);
    const started = performance.now();
    const found = bestCorrelation(reference, heard, { maxLagSamples: 8000 });
    const ms = performance.now() - started;
    expect(found.lag).toBe(lag);
    expect(found.coefficient).toBeGreaterThan(0.9);
    expect(ms).toBeLessThan(1000);
  });

  test('finds a recording that started late (negative lag)', () => {
    const heard = reference.slice(1600);
    expect(bestCorrelation(reference, heard, { maxLagSamples: 4000 })).toEqual({ lag: -1600, coefficient: expect.closeTo(1, 6) });
  });

  test('gives unrelated noise a low coefficient', () => {
    const other = generateTestSignal({ seconds: 10, seed: 99 });
    expect(bestCorrelation(reference, other, { maxLagSamples: 8000 }).coefficient).toBeLessThan(0.3);
  });

  test('gives silence zero, not NaN', () => {
    expect(bestCorrelation(reference, new Int16Array(80000), { maxLagSamples: 800 })).toEqual({ lag: 0, coefficient: 0 });
  });
});

describe('WAV files', () => {
  test('round-trip through writeWavMono and readWavMono', () => {
    const path = join(dir, 'signal.wav');
    const written = writeTestSignalWav(path, { seconds: 2 });
    expect(readWavMono(path)).toEqual({ sampleRate: 8000, samples: written });
  });

  test('a 16 kHz file is brought down to 8 kHz on request and still matches', () => {
    const at16 = new Int16Array(reference.length * 2);
    for (let i = 0; i < at16.length; i++) at16[i] = i % 2 === 0 ? (reference[i / 2] as number) : Math.round(((reference[(i - 1) / 2] as number) + (reference[(i + 1) / 2] ?? 0)) / 2);
    const path = join(dir, 'wide.wav');
    writeWavMono(path, at16, 16000);
    const read = readWavMono(path, 8000);
    expect(read.sampleRate).toBe(8000);
    expect(read.samples.length).toBe(reference.length);
    expect(bestCorrelation(reference, read.samples, { maxLagSamples: 100 })).toEqual({ lag: 0, coefficient: expect.any(Number) });
    expect(bestCorrelation(reference, read.samples, { maxLagSamples: 100 }).coefficient).toBeGreaterThan(0.95);
  });

  test('rejects a file that is not a WAV', () => {
    const path = join(dir, 'bogus.wav');
    Bun.write(path, 'not audio at all, just text');
    expect(() => readWavMono(path)).toThrow(/not a RIFF/);
  });
});
