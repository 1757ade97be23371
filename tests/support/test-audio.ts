/**
 * Test audio for media checks: a known signal to play into a call, a WAV
 * reader for what a peer recorded, and the measures that compare the two.
 *
 * The signal is band-limited noise (300–3400 Hz, so G.711 passes it intact)
 * cut into bursts of irregular length with irregular gaps, from a fixed seed.
 * Noise has one sharp autocorrelation peak and the irregular gating rules
 * out a second one at any burst period, so "is this the same audio, and how
 * late" has one answer: `bestCorrelation` finds it with an FFT
 * cross-correlation over every lag, normalized on the overlapping samples.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const TEST_SAMPLE_RATE = 8000;

export interface TestSignalOptions {
  seconds?: number;
  seed?: number;
  sampleRate?: number;
  /** Peak level, 0..1 of full scale. */
  peak?: number;
}

export interface Correlation {
  /** Samples by which `heard` lags `reference`: heard[i + lag] ≈ reference[i]. */
  lag: number;
  /** Normalized cross-correlation at that lag, -1..1, over the overlapping samples. */
  coefficient: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same signal on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

/** In-place iterative radix-2 FFT; `inverse` leaves the result unscaled (divide by n). */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wRe = Math.cos(angle);
    const wIm = Math.sin(angle);
    for (let start = 0; start < n; start += len) {
      let cRe = 1;
      let cIm = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = start + k;
        const b = a + len / 2;
        const bRe = (re[b] as number) * cRe - (im[b] as number) * cIm;
        const bIm = (re[b] as number) * cIm + (im[b] as number) * cRe;
        re[b] = (re[a] as number) - bRe;
        im[b] = (im[a] as number) - bIm;
        re[a] = (re[a] as number) + bRe;
        im[a] = (im[a] as number) + bIm;
        const next = cRe * wRe - cIm * wIm;
        cIm = cRe * wIm + cIm * wRe;
        cRe = next;
      }
    }
  }
}

/** Noise with energy only between `lowHz` and `highHz`, made in the frequency domain. */
function bandLimitedNoise(o: { length: number; sampleRate: number; lowHz: number; highHz: number; random: () => number }): Float64Array {
  const n = nextPow2(o.length);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 1; k < n / 2; k++) {
    const hz = (k * o.sampleRate) / n;
    if (hz < o.lowHz || hz > o.highHz) continue;
    const phase = 2 * Math.PI * o.random();
    re[k] = Math.cos(phase);
    im[k] = Math.sin(phase);
    re[n - k] = re[k] as number;
    im[n - k] = -(im[k] as number);
  }
  fft(re, im, true);
  return re.subarray(0, o.length);
}

/** The test signal: seeded band-limited noise bursts (120–500 ms) between gaps (40–250 ms), 5 ms ramps. */
export function generateTestSignal(o: TestSignalOptions = {}): Int16Array {
  const sampleRate = o.sampleRate ?? TEST_SAMPLE_RATE;
  const length = Math.round((o.seconds ?? 8) * sampleRate);
  const random = seededRandom(o.seed ?? 20240601);
  const noise = bandLimitedNoise({ length, sampleRate, lowHz: 300, highHz: 3400, random });
  const gate = new Float64Array(length);
  const ramp = Math.round(0.005 * sampleRate);
  for (let at = Math.round(0.1 * sampleRate); at < length; ) {
    const burst = Math.round((0.12 + 0.38 * random()) * sampleRate);
    for (let i = 0; i < burst && at + i < length; i++) gate[at + i] = Math.min(1, i / ramp, (burst - 1 - i) / ramp);
    at += burst + Math.round((0.04 + 0.21 * random()) * sampleRate);
  }
  let peak = 0;
  for (let i = 0; i < length; i++) peak = Math.max(peak, Math.abs((noise[i] as number) * (gate[i] as number)));
  const scale = (32767 * (o.peak ?? 0.7)) / (peak || 1);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.round((noise[i] as number) * (gate[i] as number) * scale);
  return out;
}

/** Writes mono PCM16 little-endian WAV. */
export function writeWavMono(path: string, samples: Int16Array, sampleRate = TEST_SAMPLE_RATE): void {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  const body = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) body.writeInt16LE(samples[i] as number, i * 2);
  writeFileSync(path, Buffer.concat([header, body]));
}

/** Generates the test signal and writes it as a WAV file; returns the samples written. */
export function writeTestSignalWav(path: string, o: TestSignalOptions = {}): Int16Array {
  const samples = generateTestSignal(o);
  writeWavMono(path, samples, o.sampleRate ?? TEST_SAMPLE_RATE);
  return samples;
}

/** Halves the sample rate after a windowed-sinc low-pass at 0.45 of the new rate. */
function halveRate(x: Int16Array): Int16Array {
  const taps = 31;
  const mid = (taps - 1) / 2;
  const h = Array.from({ length: taps }, (_, i) => {
    const t = i - mid;
    const sinc = t === 0 ? 0.45 : Math.sin(Math.PI * 0.45 * t) / (Math.PI * t);
    return sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1)));
  });
  const gain = h.reduce((s, v) => s + v, 0);
  const out = new Int16Array(Math.floor(x.length / 2));
  for (let o = 0; o < out.length; o++) {
    let acc = 0;
    for (let k = 0; k < taps; k++) acc += (h[k] as number) * (x[2 * o + k - mid] ?? 0);
    out[o] = Math.max(-32768, Math.min(32767, Math.round(acc / gain)));
  }
  return out;
}

/**
 * Reads a PCM16 WAV (any chunk order, WAVE_FORMAT_PCM or EXTENSIBLE), keeps
 * the first channel, and when `targetRate` is given and the file's rate is
 * that times a power of two (16 kHz → 8 kHz), brings it down to `targetRate`.
 */
export function readWavMono(path: string, targetRate?: number): { sampleRate: number; samples: Int16Array } {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a RIFF/WAVE file`);
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  let samples: Int16Array | undefined;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') fmt = { format: buf.readUInt16LE(body), channels: buf.readUInt16LE(body + 2), sampleRate: buf.readUInt32LE(body + 4), bits: buf.readUInt16LE(body + 14) };
    if (id === 'data') {
      if (!fmt) throw new Error(`${path}: data chunk before fmt chunk`);
      if ((fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16) throw new Error(`${path}: not PCM16 (format ${fmt.format}, ${fmt.bits} bits)`);
      // A recorder killed mid-call may leave size 0 or 0xffffffff: take what is there.
      const end = size === 0 || body + size > buf.length ? buf.length : body + size;
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = buf.readInt16LE(body + i * 2 * fmt.channels);
      break;
    }
    at = body + size + (size & 1);
  }
  if (!fmt || !samples) throw new Error(`${path}: no fmt or data chunk`);
  let sampleRate = fmt.sampleRate;
  while (targetRate !== undefined && sampleRate > targetRate && sampleRate === targetRate * 2 ** Math.round(Math.log2(sampleRate / targetRate))) {
    samples = halveRate(samples);
    sampleRate /= 2;
  }
  return { sampleRate, samples };
}

/** Root mean square, in sample units (0..32768). */
export function rms(samples: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i] as number) ** 2;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

export interface ActivityOptions {
  sampleRate?: number;
  frameMs?: number;
  /** A frame is active when its RMS is above this, in sample units; default 100 (≈ -50 dBFS). */
  floor?: number;
}

function activeFrames(samples: Int16Array, o: ActivityOptions): Int16Array[] {
  const frame = Math.round(((o.frameMs ?? 20) * (o.sampleRate ?? TEST_SAMPLE_RATE)) / 1000);
  const frames: Int16Array[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    const f = samples.subarray(at, at + frame);
    if (rms(f) > (o.floor ?? 100)) frames.push(f);
  }
  return frames;
}

/** RMS over the frames that are not silence: the level of what was actually said. */
export function activeRms(samples: Int16Array, o: ActivityOptions = {}): number {
  const frames = activeFrames(samples, o);
  const sum = frames.reduce((s, f) => s + rms(f) ** 2 * f.length, 0);
  const n = frames.reduce((s, f) => s + f.length, 0);
  return n === 0 ? 0 : Math.sqrt(sum / n);
}

/** Seconds of audio that are not silence. */
export function activeSeconds(samples: Int16Array, o: ActivityOptions = {}): number {
  return activeFrames(samples, o).reduce((s, f) => s + f.length, 0) / (o.sampleRate ?? TEST_SAMPLE_RATE);
}

/**
 * The lag in [-maxLagSamples, maxLagSamples] at which `heard` best matches
 * `reference`, and the normalized correlation there. All lags at once by FFT
 * (O(n log n): 10 s against 10 s in tens of milliseconds); each lag is
 * normalized by the energies of the overlapping parts only, and lags whose
 * overlap is shorter than `minOverlapSamples` (default: half the shorter
 * signal) are not considered, so a few samples of chance overlap cannot win.
 */
export function bestCorrelation(reference: Int16Array, heard: Int16Array, o: { maxLagSamples: number; minOverlapSamples?: number }): Correlation {
  const n = nextPow2(reference.length + heard.length);
  const aRe = new Float64Array(n);
  const aIm = new Float64Array(n);
  const bRe = new Float64Array(n);
  const bIm = new Float64Array(n);
  aRe.set(reference);
  bRe.set(heard);
  fft(aRe, aIm, false);
  fft(bRe, bIm, false);
  // conj(A) · B: its inverse at index lag (mod n) is Σ reference[i]·heard[i + lag].
  for (let k = 0; k < n; k++) {
    const re = (aRe[k] as number) * (bRe[k] as number) + (aIm[k] as number) * (bIm[k] as number);
    const im = (aRe[k] as number) * (bIm[k] as number) - (aIm[k] as number) * (bRe[k] as number);
    aRe[k] = re;
    aIm[k] = im;
  }
  fft(aRe, aIm, true);
  const refEnergy = prefixEnergy(reference);
  const heardEnergy = prefixEnergy(heard);
  const minOverlap = o.minOverlapSamples ?? Math.floor(Math.min(reference.length, heard.length) / 2);
  let best: Correlation = { lag: 0, coefficient: 0 };
  for (let lag = -o.maxLagSamples; lag <= o.maxLagSamples; lag++) {
    // Overlap: reference[i] with heard[i + lag] for i in [start, end).
    const start = Math.max(0, -lag);
    const end = Math.min(reference.length, heard.length - lag);
    if (end - start < Math.max(1, minOverlap)) continue;
    const eRef = (refEnergy[end] as number) - (refEnergy[start] as number);
    const eHeard = (heardEnergy[end + lag] as number) - (heardEnergy[start + lag] as number);
    if (eRef <= 0 || eHeard <= 0) continue;
    const coefficient = (aRe[(lag + n) % n] as number) / n / Math.sqrt(eRef * eHeard);
    if (coefficient > best.coefficient) best = { lag, coefficient };
  }
  return best;
}

function prefixEnergy(x: Int16Array): Float64Array {
  const out = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) out[i + 1] = (out[i] as number) + (x[i] as number) ** 2;
  return out;
}
