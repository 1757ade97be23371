/**
 * DTMF keys as audio (8 kHz, 16-bit linear), from spandsp's sender: each key
 * is `toneMs` of its two frequencies then `gapMs` of silence, so the result
 * is exactly keys × (toneMs + gapMs) × 8 samples. For sending keys in-band
 * to a far end that takes no RFC 4733 events, and for tests.
 */
import { ptr } from 'bun:ffi';
import { type FieldIssue, ValidationError } from '../errors.ts';
import { DspError } from './dsp-error.ts';
import { type SpandspHandle, statePointer } from './spandsp-library.ts';
import { MAX_DTMF_DIGITS } from './spandsp-symbols.ts';

export interface DtmfToneOptions {
  /** Length of each key's tone. Default 100 ms (ITU-T Q.24 asks for at least 40). */
  toneMs?: number;
  /** Silence after each key. Default 100 ms. */
  gapMs?: number;
  /** Level of each of the two frequencies, in dBm0. Default −10; −3 at most so their sum never clips. */
  levelDbm0?: number;
}

const SAMPLES_PER_MS = 8;
const KEYS = /^[0-9*#A-D]*$/;

export function generateDtmf(spandsp: SpandspHandle, digits: string, options: DtmfToneOptions = {}): Int16Array {
  const keys = digits.toUpperCase();
  const { toneMs, gapMs, levelDbm0 } = checkOptions(keys, options);
  const perKey = (toneMs + gapMs) * SAMPLES_PER_MS;
  const out = new Int16Array(keys.length * perKey);
  if (keys.length === 0) return out;
  const s = spandsp.symbols;
  const tx = statePointer(s.dtmf_tx_init(null), 'dtmf_tx_init');
  try {
    s.dtmf_tx_set_level(tx, levelDbm0, 0);
    s.dtmf_tx_set_timing(tx, toneMs, gapMs);
    const ascii = new TextEncoder().encode(keys);
    // The sender queues at most MAX_DTMF_DIGITS keys; longer strings go in batches.
    for (let at = 0; at < keys.length; at += MAX_DTMF_DIGITS) {
      const count = Math.min(MAX_DTMF_DIGITS, keys.length - at);
      const left = s.dtmf_tx_put(tx, ptr(ascii, at), count);
      if (left !== 0) throw new DspError('spandsp_failed', `dtmf_tx_put refused ${left} of ${count} keys`);
      const wanted = count * perKey;
      const made = s.dtmf_tx(tx, ptr(out, at * perKey * Int16Array.BYTES_PER_ELEMENT), wanted);
      if (made !== wanted) throw new DspError('spandsp_failed', `dtmf_tx made ${made} samples where ${wanted} were due`);
    }
  } finally {
    s.dtmf_tx_free(tx);
  }
  return out;
}

function checkOptions(keys: string, o: DtmfToneOptions): Required<DtmfToneOptions> {
  const issues: FieldIssue[] = [];
  if (!KEYS.test(keys)) issues.push({ path: 'digits', message: 'may hold only 0-9 * # A-D' });
  const whole = (path: keyof DtmfToneOptions, value: number, min: number, max: number): number => {
    if (!Number.isInteger(value) || value < min || value > max) issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
    return value;
  };
  const checked = {
    toneMs: whole('toneMs', o.toneMs ?? 100, 1, 10_000),
    gapMs: whole('gapMs', o.gapMs ?? 100, 0, 10_000),
    levelDbm0: whole('levelDbm0', o.levelDbm0 ?? -10, -70, -3),
  };
  if (issues.length > 0) throw new ValidationError(issues, `DTMF tones: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return checked;
}
