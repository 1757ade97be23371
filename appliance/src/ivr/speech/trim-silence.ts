/**
 * Cuts the silence a synthesiser puts before and after every utterance.
 * Fragments ("一", "千", "五") are played back to back; with a few hundred
 * milliseconds of silence each, 一千零五 would be read out like a list.
 */

export interface TrimOptions {
  /** Samples whose magnitude stays at or below this count as silence (≈ −50 dBFS by default). */
  threshold?: number;
  /** Silence kept at each end so the first and last phoneme are not clipped. */
  padSamples?: number;
}

const DEFAULT_THRESHOLD = 100;
/** 30 ms at 8 kHz: a short breath between fragments. */
const DEFAULT_PAD = 240;

/** A view of `samples` without leading and trailing silence; all-silent input comes back empty. */
export function trimSilence(samples: Int16Array, options: TrimOptions = {}): Int16Array {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const pad = options.padSamples ?? DEFAULT_PAD;
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] as number) <= threshold) first++;
  if (first === samples.length) return samples.subarray(0, 0);
  let last = samples.length - 1;
  while (Math.abs(samples[last] as number) <= threshold) last--;
  return samples.subarray(Math.max(0, first - pad), Math.min(samples.length, last + 1 + pad));
}
