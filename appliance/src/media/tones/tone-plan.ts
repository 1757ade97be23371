/**
 * Call-progress tones as data: which tones, how loud, in what cadence, per
 * national plan. A cadence repeats from its first segment once the last one
 * ends; a segment lasting Infinity (dial tone) holds for ever.
 *
 * Sources: China — the 450 Hz tone plan of the GB/YD signalling standards;
 * US — the North American Precise Tone Plan (per-frequency levels);
 * ITU/EU — ITU-T E.180 and ETSI TR 101 041, 425 Hz.
 */

export interface ToneSegment {
  /** Hz; empty for silence. Several frequencies are summed, each at `levelDbm0`. */
  readonly frequencies: readonly number[];
  /** Infinity for a continuous tone, which must then be the last segment. */
  readonly durationMs: number;
  /** Level of each frequency; see tone-generator.ts for how dBm0 maps to samples. */
  readonly levelDbm0: number;
}

export type ToneCadence = readonly ToneSegment[];

export type ToneName = 'dial' | 'ringback' | 'busy' | 'congestion' | 'callWaiting';

export type TonePlan = Readonly<Record<ToneName, ToneCadence>>;

/** `eu` is the ITU/ETSI plan under the name operators tend to configure. */
export type ToneRegion = 'cn' | 'us' | 'itu' | 'eu';

const tone = (frequencies: number[], durationMs: number, levelDbm0: number): ToneSegment =>
  Object.freeze({ frequencies: Object.freeze(frequencies), durationMs, levelDbm0 });

const silence = (durationMs: number): ToneSegment => tone([], durationMs, Number.NEGATIVE_INFINITY);

const cadence = (...segments: ToneSegment[]): ToneCadence => Object.freeze(segments);

const CONTINUOUS = Number.POSITIVE_INFINITY;

const CN_LEVEL = -10;
const CN: TonePlan = Object.freeze({
  dial: cadence(tone([450], CONTINUOUS, CN_LEVEL)),
  ringback: cadence(tone([450], 1000, CN_LEVEL), silence(4000)),
  busy: cadence(tone([450], 350, CN_LEVEL), silence(350)),
  congestion: cadence(tone([450], 700, CN_LEVEL), silence(700)),
  callWaiting: cadence(tone([450], 400, CN_LEVEL), silence(4000)),
});

const US: TonePlan = Object.freeze({
  dial: cadence(tone([350, 440], CONTINUOUS, -13)),
  ringback: cadence(tone([440, 480], 2000, -19), silence(4000)),
  busy: cadence(tone([480, 620], 500, -24), silence(500)),
  congestion: cadence(tone([480, 620], 250, -24), silence(250)),
  // One 300 ms burst; switches repeat it about every 10 s while the call waits.
  callWaiting: cadence(tone([440], 300, -13), silence(9700)),
});

const ITU_LEVEL = -10;
const ITU: TonePlan = Object.freeze({
  dial: cadence(tone([425], CONTINUOUS, ITU_LEVEL)),
  ringback: cadence(tone([425], 1000, ITU_LEVEL), silence(4000)),
  busy: cadence(tone([425], 500, ITU_LEVEL), silence(500)),
  congestion: cadence(tone([425], 250, ITU_LEVEL), silence(250)),
  callWaiting: cadence(tone([425], 200, ITU_LEVEL), silence(200), tone([425], 200, ITU_LEVEL), silence(3000)),
});

export const TONE_PLANS: Readonly<Record<ToneRegion, TonePlan>> = Object.freeze({ cn: CN, us: US, itu: ITU, eu: ITU });
