/**
 * Deterministic audio for the DSP tests and bench (8 kHz, 16-bit): sines,
 * seeded white noise and a speech-like signal, at levels in dBm0 on the same
 * scale as spandsp (a full-scale sine is +3.14 dBm0).
 */
const RATE = 8000;
const FULL_SCALE_DBM0 = 3.14;

/** Peak value of a sine at `dbm0`. */
export function sinePeak(dbm0: number): number {
  return 32767 * 10 ** ((dbm0 - FULL_SCALE_DBM0) / 20);
}

export function sine(hz: number, ms: number, dbm0: number): Int16Array {
  const out = new Int16Array((ms * RATE) / 1000);
  const peak = sinePeak(dbm0);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(peak * Math.sin((2 * Math.PI * hz * i) / RATE));
  return out;
}

/** A small linear congruential generator, so every run hears the same noise. */
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x1_0000_0000;
  };
}

/** Uniform white noise with the power of a sine at `dbm0`. */
export function whiteNoise(ms: number, dbm0: number, seed = 1): Int16Array {
  const random = seeded(seed);
  // A uniform variable on ±a has RMS a/√3; a sine of peak p has RMS p/√2.
  const a = (sinePeak(dbm0) / Math.SQRT2) * Math.sqrt(3);
  const out = new Int16Array((ms * RATE) / 1000);
  for (let i = 0; i < out.length; i++) out[i] = Math.round((random() * 2 - 1) * a);
  return out;
}

/**
 * Voiced speech in caricature: a pitch gliding between 100 and 250 Hz, its
 * harmonics shaped by three formants that move between vowels, syllables
 * four times a second, with a little breath noise. Rich in energy near the
 * DTMF row frequencies, which is what makes speech a talk-off risk.
 */
export function speechLike(ms: number, dbm0: number, seed = 7): Int16Array {
  const random = seeded(seed);
  const vowels = [
    [730, 1090, 2440],
    [270, 2290, 3010],
    [530, 1840, 2480],
    [570, 840, 2410],
    [440, 1020, 2240],
  ] as const;
  const out = new Float64Array((ms * RATE) / 1000);
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const f0 = 175 + 75 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / RATE;
    const vowel = vowels[Math.floor(t * 4) % vowels.length] as readonly [number, number, number];
    let v = 0;
    for (let k = 1; k * f0 < 3400; k++) {
      const h = k * f0;
      const gain = vowel.reduce((g, formant) => g + 1 / (1 + ((h - formant) / 90) ** 2), 0);
      v += (gain / k) * Math.sin(k * phase);
    }
    const syllable = 0.2 + 0.8 * Math.sin(Math.PI * ((t * 4) % 1)) ** 2;
    out[i] = syllable * v + 0.05 * (random() * 2 - 1);
  }
  return scaleTo(out, dbm0);
}

function scaleTo(x: Float64Array, dbm0: number): Int16Array {
  let power = 0;
  for (const v of x) power += v * v;
  const rms = Math.sqrt(power / Math.max(1, x.length));
  const gain = rms === 0 ? 0 : sinePeak(dbm0) / Math.SQRT2 / rms;
  return Int16Array.from(x, (v) => Math.max(-32768, Math.min(32767, Math.round(v * gain))));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feeds `signal` to `push` in pieces of `frame` samples and joins what comes back. */
export function feed(push: (samples: Int16Array) => string, signal: Int16Array, frame = 160): string {
  let found = '';
  for (let at = 0; at < signal.length; at += frame) found += push(signal.subarray(at, at + frame));
  return found;
}
