/**
 * Rational-ratio resampling of 16-bit mono audio (the speech engine's
 * 22050 Hz to the media path's 8 kHz) by a polyphase windowed sinc.
 *
 * The rates reduce to L/M (22050 → 8000 is 160/441). Output sample k sits
 * at input position k·M/L, between input samples; there are only L distinct
 * fractional offsets, so the filter is designed once per offset ("phase")
 * and each output is one dot product over the input around it.
 *
 * The low-pass is defined on the lower of the two rates r: flat (< 0.1 dB)
 * to 0.425·r (3.4 kHz at 8 kHz, the top of the telephone band), 70 dB down
 * from 0.525·r (4.2 kHz). What lies between 4.0 and 4.2 kHz can fold back
 * only into 3.8–4.0 kHz, above the band a telephone carries. Each phase is
 * normalised to unity gain at DC so no phase is louder than another.
 */

const STOPBAND_DB = 70;
const PASS_EDGE = 0.425;
const STOP_EDGE = 0.525;
/** 22050 → 8000 needs 160 phases; anything far larger is a caller's mistake, not a rate pair. */
const MAX_PHASES = 4096;

export interface Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  /** Returns round(n·toRate/fromRate) samples. */
  run(input: Int16Array): Int16Array;
}

export function createResampler(fromRate: number, toRate: number): Resampler {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`sample rates must be positive integers, got ${fromRate} → ${toRate}`);
  }
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  if (up > MAX_PHASES) throw new RangeError(`${fromRate} → ${toRate} Hz needs ${up} filter phases (at most ${MAX_PHASES})`);
  if (up === down) return { fromRate, toRate, run: (input) => input.slice() };
  const design = designPhases(up, fromRate, Math.min(fromRate, toRate));
  return { fromRate, toRate, run: (input) => applyPhases(input, up, down, design) };
}

/** One-off convenience; keep a Resampler when converting many buffers at the same rates. */
export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  return createResampler(fromRate, toRate).run(input);
}

interface PhaseDesign {
  /** Input samples each side of the output position. */
  half: number;
  /** phases[p][j] weighs input n0 − half + 1 + j for fractional offset p/L. */
  phases: Float64Array[];
}

function designPhases(up: number, inputRate: number, lowerRate: number): PhaseDesign {
  const cutoff = ((PASS_EDGE + STOP_EDGE) / 2) * lowerRate;
  const transition = (STOP_EDGE - PASS_EDGE) * lowerRate;
  // Kaiser's estimates: length for the attenuation over the transition band, β for the ripple.
  const taps = Math.ceil((STOPBAND_DB - 7.95) / (2.285 * ((2 * Math.PI * transition) / inputRate)));
  const half = Math.ceil(taps / 2);
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  const fc = cutoff / inputRate;
  const i0Beta = besselI0(beta);
  const phases: Float64Array[] = [];
  for (let p = 0; p < up; p++) {
    const frac = p / up;
    const h = new Float64Array(2 * half);
    let sum = 0;
    for (let j = 0; j < h.length; j++) {
      // Distance from the output position to input sample n0 − half + 1 + j.
      const t = j - half + 1 - frac;
      const r = t / half;
      const window = r * r >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
      const v = 2 * fc * sinc(2 * fc * t) * window;
      h[j] = v;
      sum += v;
    }
    for (let j = 0; j < h.length; j++) h[j] = (h[j] as number) / sum;
    phases.push(h);
  }
  return { half, phases };
}

function applyPhases(input: Int16Array, up: number, down: number, design: PhaseDesign): Int16Array {
  const { half, phases } = design;
  const out = new Int16Array(Math.round((input.length * up) / down));
  const last = input.length - 1;
  for (let k = 0; k < out.length; k++) {
    const position = k * down;
    const n0 = Math.floor(position / up);
    const h = phases[position % up] as Float64Array;
    const first = n0 - half + 1;
    let acc = 0;
    // Inside the signal the bounds checks are skipped; at the edges the missing samples count as silence.
    if (first >= 0 && first + h.length - 1 <= last) {
      for (let j = 0; j < h.length; j++) acc += (h[j] as number) * (input[first + j] as number);
    } else {
      for (let j = 0; j < h.length; j++) {
        const at = first + j;
        if (at >= 0 && at <= last) acc += (h[j] as number) * (input[at] as number);
      }
    }
    out[k] = acc >= 32767 ? 32767 : acc <= -32768 ? -32768 : Math.round(acc);
  }
  return out;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; term > 1e-12 * sum; k++) {
    const f = x / (2 * k);
    term *= f * f;
    sum += term;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
