/**
 * Plays a tone cadence into 16-bit frames.
 *
 * Oscillators are 32-bit phase accumulators indexing a 4096-entry sine table
 * (spurs near −72 dBc, far below what a G.711 path carries), so a sample costs
 * an add, a shift and a multiply per frequency instead of a Math.sin call.
 * The cadence is positioned by whole sample counts derived from cumulative
 * milliseconds, so on/off edges fall on the same samples every cycle and
 * never drift, however long the tone plays or however frames are sized.
 *
 * Level convention (ITU-T G.711): a full-scale µ-law sine, peak 32124 on the
 * 16-bit scale, is +3.17 dBm0. Hence 0 dBm0 is a sine of peak ≈ 22300 and
 * −13 dBm0 one of peak ≈ 4990. Frequencies of one segment each get that level.
 */
import type { FrameSource } from '../audio/index.ts';
import type { ToneCadence } from './tone-plan.ts';

export const FULL_SCALE_PEAK = 32124;
export const FULL_SCALE_DBM0 = 3.17;

/** Peak sample value of a sine at `levelDbm0`. */
export function dbm0ToAmplitude(levelDbm0: number): number {
  return FULL_SCALE_PEAK * 10 ** ((levelDbm0 - FULL_SCALE_DBM0) / 20);
}

const TABLE_BITS = 12;
const PHASE_SHIFT = 32 - TABLE_BITS;
const PHASE_STEPS = 2 ** 32;
/** One period of sine, built once; never written after. */
const SINE = buildSineTable(1 << TABLE_BITS);

export class ToneGenerator implements FrameSource {
  /** Milliseconds from the start of a cycle to the end of each segment. */
  private readonly endsMs: Float64Array;
  private readonly cycleMs: number;
  /** Segment s owns oscillators toneStart[s] .. toneStart[s + 1] − 1. */
  private readonly toneStart: Int32Array;
  private readonly increments: Uint32Array;
  private readonly amplitudes: Float64Array;
  /** Phase of the j-th frequency of the current segment, carried across frames. */
  private readonly phases: Uint32Array;
  private segment = 0;
  private cycle = 0;
  /** Samples played since the start, and the sample at which the current segment ends. */
  private position = 0;
  private segmentEnd: number;

  constructor(
    readonly segments: ToneCadence,
    readonly sampleRate = 8000,
  ) {
    validate(segments, sampleRate);
    this.endsMs = new Float64Array(segments.length);
    let elapsedMs = 0;
    segments.forEach((segment, s) => {
      elapsedMs += segment.durationMs;
      this.endsMs[s] = elapsedMs;
    });
    this.cycleMs = elapsedMs;
    this.segmentEnd = this.boundary();
    this.toneStart = new Int32Array(segments.length + 1);
    const total = segments.reduce((n, s) => n + s.frequencies.length, 0);
    this.increments = new Uint32Array(total);
    this.amplitudes = new Float64Array(total);
    let t = 0;
    segments.forEach((segment, s) => {
      this.toneStart[s] = t;
      for (const f of segment.frequencies) {
        this.increments[t] = Math.round((f / sampleRate) * PHASE_STEPS) % PHASE_STEPS;
        this.amplitudes[t] = dbm0ToAmplitude(segment.levelDbm0);
        t++;
      }
    });
    this.toneStart[segments.length] = t;
    this.phases = new Uint32Array(Math.max(1, ...segments.map((s) => s.frequencies.length)));
  }

  /** Fills `out` with the next samples of the cadence. A cadence never ends: always true. */
  read(out: Int16Array): boolean {
    let i = 0;
    while (i < out.length) {
      const s = this.segment;
      const n = Math.min(out.length - i, this.segmentEnd - this.position);
      const first = this.toneStart[s] as number;
      const last = this.toneStart[s + 1] as number;
      if (first === last) out.fill(0, i, i + n);
      else this.synthesize(out, i, i + n, first, last);
      i += n;
      this.position += n;
      if (this.position >= this.segmentEnd) this.nextSegment();
    }
    return true;
  }

  /** Back to the first sample of the cadence. */
  reset(): void {
    this.segment = 0;
    this.cycle = 0;
    this.position = 0;
    this.segmentEnd = this.boundary();
    this.phases.fill(0);
  }

  private synthesize(out: Int16Array, from: number, to: number, first: number, last: number): void {
    const phases = this.phases;
    for (let i = from; i < to; i++) {
      let v = 0;
      for (let t = first; t < last; t++) {
        const j = t - first;
        const phase = phases[j] as number;
        v += (SINE[phase >>> PHASE_SHIFT] as number) * (this.amplitudes[t] as number);
        // The Uint32Array store wraps the phase modulo 2^32.
        phases[j] = phase + (this.increments[t] as number);
      }
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
    }
  }

  /**
   * A burst that follows silence starts at phase 0, so it begins without a
   * step; consecutive tone segments keep their phase, so they join without a click.
   */
  private nextSegment(): void {
    const previous = this.segment;
    this.segment = previous + 1;
    if (this.segment === this.segments.length) {
      this.segment = 0;
      this.cycle++;
    }
    this.segmentEnd = this.boundary();
    if (this.toneStart[previous] === this.toneStart[previous + 1]) this.phases.fill(0);
  }

  /**
   * The sample at which the current segment ends, from the time since the
   * start rather than from summed lengths, so rounding never accumulates.
   */
  private boundary(): number {
    // cycle is 0 for ever when the cadence holds a continuous segment (0 × Infinity is NaN).
    const ms = (this.cycle === 0 ? 0 : this.cycle * this.cycleMs) + (this.endsMs[this.segment] as number);
    return Math.round((ms * this.sampleRate) / 1000);
  }
}

function validate(segments: ToneCadence, sampleRate: number): void {
  if (segments.length === 0) throw new RangeError('a tone cadence needs at least one segment');
  const cycleMs = segments.reduce((ms, segment) => ms + segment.durationMs, 0);
  if ((cycleMs * sampleRate) / 1000 < 1) throw new RangeError(`a cadence of ${cycleMs} ms is shorter than one sample`);
  segments.forEach((segment, s) => {
    const { durationMs, frequencies } = segment;
    if (!(durationMs > 0)) throw new RangeError(`segment ${s}: duration ${durationMs} ms`);
    if (durationMs === Number.POSITIVE_INFINITY && s !== segments.length - 1) {
      throw new RangeError(`segment ${s}: only the last segment may be continuous`);
    }
    for (const f of frequencies) {
      if (!(f > 0 && f < sampleRate / 2)) throw new RangeError(`segment ${s}: ${f} Hz outside 0–${sampleRate / 2} Hz`);
    }
  });
}

function buildSineTable(size: number): Float64Array {
  const table = new Float64Array(size);
  for (let i = 0; i < size; i++) table[i] = Math.sin((2 * Math.PI * i) / size);
  return table;
}
