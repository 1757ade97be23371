/**
 * Finds DTMF keys sent as audio (callers whose phone or carrier does not
 * send RFC 4733 events), using spandsp's receiver: Goertzel filters over
 * 102-sample blocks, twist and relative-peak tests, and a digit declared
 * only after two agreeing blocks (about 26 ms), so a key is reported once
 * however the audio is cut into frames.
 *
 * Made for the media clock: one detector per endpoint, fed a 160-sample
 * 8 kHz frame every 20 ms. A frame costs one `dtmf_rx` call and one
 * `dtmf_rx_get` poll into a buffer owned by the detector; a string is made
 * only when a key was found.
 *
 * A frame that never arrived must not be fed as silence: 20 ms of silence
 * inside a tone ends the key, and the rest of the tone is heard as the same
 * key pressed again. `missing()` bridges short losses instead (spandsp's
 * fill-in: the block is dropped, the key stays held); past `BRIDGE_SAMPLES`
 * the gap is silence after all, or a key could never be heard twice in a
 * row across a stretch of no packets (voice activity detection).
 */
import { type Pointer, ptr } from 'bun:ffi';
import { type FieldIssue, ValidationError } from '../errors.ts';
import { DspError } from './dsp-error.ts';
import { type SpandspHandle, statePointer } from './spandsp-library.ts';

export interface InbandDtmfOptions {
  /** Notch out 350 and 440 Hz first, for lines that carry dial tone under the keys. Default off. */
  filterDialtone?: boolean;
  /** How much louder the low (row) tone may be than the high one, in dB. spandsp's default: 8. */
  twistDb?: number;
  /** How much louder the high (column) tone may be than the low one, in dB. spandsp's default: 4. */
  reverseTwistDb?: number;
  /** Quietest tone accepted, in dBm0 per frequency. spandsp's default: −42. */
  thresholdDbm0?: number;
}

/** spandsp's "leave unchanged" values for dtmf_rx_parms. */
const KEEP_FLAG = -1;
const KEEP_TWIST = -1;
const KEEP_THRESHOLD = -99;
/**
 * Keys fetched per poll. Pushes longer than `CHUNK_SAMPLES` are cut so that
 * no chunk can complete more keys than that (a key needs at least four
 * 102-sample blocks, on and off), and spandsp's own 128-key queue never fills.
 */
const POLL_KEYS = 32;
const CHUNK_SAMPLES = 4096;
/** Longest run of lost audio bridged rather than heard as silence: 60 ms, three packets. */
const BRIDGE_SAMPLES = 480;
/** Stands in for audio that stopped coming; never written. */
const SILENCE = new Int16Array(160);

export class InbandDtmfDetector {
  private state: Pointer | null;
  /** dtmf_rx_get writes the keys and then a NUL: one byte more than it returns. */
  private readonly keys = new Uint8Array(POLL_KEYS + 1);
  private readonly keysPtr = ptr(this.keys);
  private readonly parms: readonly [number, number, number, number];
  /** Samples missing since audio last came. */
  private missingRun = 0;

  constructor(
    private readonly spandsp: SpandspHandle,
    options: InbandDtmfOptions = {},
  ) {
    this.parms = checkOptions(options);
    const state = statePointer(spandsp.symbols.dtmf_rx_init(null, null, null), 'dtmf_rx_init');
    this.state = state;
    this.applyParms(state);
  }

  /** Keys these samples (8 kHz, 16-bit linear) confirmed, in order; '' when none. A key is confirmed about 26 ms into its tone. */
  push(samples: Int16Array): string {
    const state = this.live('push');
    this.missingRun = 0;
    if (samples.length <= CHUNK_SAMPLES) {
      if (samples.length > 0) this.spandsp.symbols.dtmf_rx(state, samples, samples.length);
      return this.collect(state);
    }
    let found = '';
    for (let at = 0; at < samples.length; at += CHUNK_SAMPLES) {
      const chunk = samples.subarray(at, at + CHUNK_SAMPLES);
      this.spandsp.symbols.dtmf_rx(state, chunk, chunk.length);
      found += this.collect(state);
    }
    return found;
  }

  /** `samples` of audio did not arrive (a lost or late packet); returns keys as `push` does. */
  missing(samples: number): string {
    const state = this.live('missing');
    if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`missing(): samples must be a whole number ≥ 0, not ${samples}`);
    let done = Math.min(samples, BRIDGE_SAMPLES - this.missingRun);
    this.missingRun = Math.min(BRIDGE_SAMPLES, this.missingRun + samples);
    if (done > 0) this.spandsp.symbols.dtmf_rx_fillin(state, done);
    let found = '';
    while (done < samples) {
      const count = Math.min(SILENCE.length, samples - done);
      this.spandsp.symbols.dtmf_rx(state, count === SILENCE.length ? SILENCE : SILENCE.subarray(0, count), count);
      found += this.collect(state);
      done += count;
    }
    return found;
  }

  /** Forgets a tone in progress and any key not yet returned, as if newly made. */
  reset(): void {
    const state = this.live('reset');
    // dtmf_rx_init on an existing state clears it in place; the options have to be set again.
    this.spandsp.symbols.dtmf_rx_init(state, null, null);
    this.applyParms(state);
    this.missingRun = 0;
  }

  /** Frees the C state. Safe to call again; any other use afterwards throws. */
  close(): void {
    if (this.state === null) return;
    const state = this.state;
    this.state = null;
    this.spandsp.symbols.dtmf_rx_free(state);
  }

  private live(operation: string): Pointer {
    if (this.state === null) throw new DspError('closed', `in-band DTMF detector used (${operation}) after close()`);
    return this.state;
  }

  private applyParms(state: Pointer): void {
    const [filterDialtone, twist, reverseTwist, threshold] = this.parms;
    this.spandsp.symbols.dtmf_rx_parms(state, filterDialtone, twist, reverseTwist, threshold);
  }

  private collect(state: Pointer): string {
    let count = Number(this.spandsp.symbols.dtmf_rx_get(state, this.keysPtr, POLL_KEYS));
    if (count === 0) return '';
    let found = '';
    for (;;) {
      for (let i = 0; i < count; i++) found += String.fromCharCode(this.keys[i] as number);
      if (count < POLL_KEYS) return found;
      count = Number(this.spandsp.symbols.dtmf_rx_get(state, this.keysPtr, POLL_KEYS));
    }
  }
}

/** Options as dtmf_rx_parms takes them (whole dB, C ints); every bad field reported at once. */
function checkOptions(o: InbandDtmfOptions): readonly [number, number, number, number] {
  const issues: FieldIssue[] = [];
  const whole = (path: keyof InbandDtmfOptions, value: number | undefined, min: number, max: number, keep: number): number => {
    if (value === undefined) return keep;
    if (!Number.isInteger(value) || value < min || value > max) issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
    return value;
  };
  const parms = [
    o.filterDialtone === undefined ? KEEP_FLAG : o.filterDialtone ? 1 : 0,
    whole('twistDb', o.twistDb, 0, 20, KEEP_TWIST),
    whole('reverseTwistDb', o.reverseTwistDb, 0, 20, KEEP_TWIST),
    whole('thresholdDbm0', o.thresholdDbm0, -70, 0, KEEP_THRESHOLD),
  ] as const;
  if (issues.length > 0) throw new ValidationError(issues, `in-band DTMF options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return parms;
}
