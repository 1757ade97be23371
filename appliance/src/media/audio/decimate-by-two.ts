/**
 * 16 kHz → 8 kHz for prompts recorded wideband. Dropping every other sample
 * would fold 4–8 kHz back onto the speech band, so a linear-phase low-pass
 * runs first: a Kaiser-windowed sinc cut at 4 kHz, flat (< 0.1 dB) to 3.4 kHz
 * and about 60 dB down from 4.6 kHz, whose aliases land above 3.4 kHz.
 * Prompts are decimated once, at load, so the plain direct form is enough.
 */

const TAPS = 55;
/** Kaiser β for about 60 dB of stop-band attenuation (Kaiser's formula, A = 60). */
const KAISER_BETA = 0.1102 * (60 - 8.7);

/** Filter taps, computed once: a pure function of the constants above. */
const LOWPASS = designHalfBandLowpass(TAPS, KAISER_BETA);

/** Returns `input` low-passed and decimated: ⌊length / 2⌋ samples. */
export function decimateByTwo(input: Int16Array): Int16Array {
  const out = new Int16Array(input.length >> 1);
  const centre = (TAPS - 1) >> 1;
  for (let k = 0; k < out.length; k++) {
    const n = 2 * k;
    let acc = 0;
    for (let j = 0; j < TAPS; j++) {
      const at = n + centre - j;
      if (at >= 0 && at < input.length) acc += (LOWPASS[j] as number) * (input[at] as number);
    }
    out[k] = saturate(Math.round(acc));
  }
  return out;
}

function designHalfBandLowpass(taps: number, beta: number): readonly number[] {
  const centre = (taps - 1) / 2;
  const h: number[] = [];
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const t = i - centre;
    const ideal = t === 0 ? 0.5 : Math.sin((Math.PI * t) / 2) / (Math.PI * t);
    const ratio = t / centre;
    const window = besselI0(beta * Math.sqrt(1 - ratio * ratio)) / besselI0(beta);
    h.push(ideal * window);
    sum += ideal * window;
  }
  // Unity gain at DC, so a prompt keeps its level.
  return Object.freeze(h.map((c) => c / sum));
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

function saturate(v: number): number {
  return Math.max(-32768, Math.min(32767, v));
}
