/**
 * Key presses sent as SIP INFO bodies, the alternative to RFC 4733 events
 * that many PBXs and older phones use:
 *  - application/dtmf-relay (Cisco's de-facto format): lines of
 *    `Signal=5` and `Duration=160` (milliseconds);
 *  - application/dtmf: the body is the key itself.
 * Phones disagree on details, so keys and values are read case-blind,
 * spaces around `=` are tolerated, lines may end in CRLF or LF, and the
 * key may be the event code (`11` for '#', as in RFC 4733 §3.2) or `!`
 * for a hook flash.
 */
import { type DtmfSymbol, eventSymbol, isDtmfChar } from './telephone-event.ts';
import { SipInfoDtmfError } from './sip-info-dtmf-error.ts';

/** Used when the body gives no duration: long enough for any tone detector downstream. */
export const DEFAULT_INFO_DURATION_MS = 100;
/** Longer durations are taken as a mistake rather than a key held for minutes. */
const MAX_DURATION_MS = 60_000;

export interface SipInfoDtmf {
  digit: DtmfSymbol;
  durationMs: number;
}

export type SipInfoDtmfResult = { ok: true; value: SipInfoDtmf } | { ok: false; error: SipInfoDtmfError };

/** Parses the body of an INFO request given its Content-Type header value. */
export function parseSipInfoDtmf(contentType: string, body: string): SipInfoDtmfResult {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType === 'application/dtmf-relay') return parseRelay(body);
  if (mediaType === 'application/dtmf') {
    const digit = parseSymbol(body);
    return digit === null ? fail('malformed', `not a key: ${shorten(body)}`) : { ok: true, value: { digit, durationMs: DEFAULT_INFO_DURATION_MS } };
  }
  return fail('unsupported_type', shorten(contentType));
}

function parseRelay(body: string): SipInfoDtmfResult {
  let signal: string | null = null;
  let duration: string | null = null;
  for (const line of body.split(/\r?\n|\r/)) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    if (key === 'signal') signal = line.slice(eq + 1);
    else if (key === 'duration') duration = line.slice(eq + 1).trim();
  }
  if (signal === null) return fail('malformed', 'no Signal line');
  const digit = parseSymbol(signal);
  if (digit === null) return fail('malformed', `Signal is not a key: ${shorten(signal)}`);
  if (duration === null || duration === '') return { ok: true, value: { digit, durationMs: DEFAULT_INFO_DURATION_MS } };
  if (!/^\d{1,6}$/.test(duration)) return fail('malformed', `Duration is not milliseconds: ${shorten(duration)}`);
  const durationMs = Number(duration);
  if (durationMs > MAX_DURATION_MS) return fail('malformed', `Duration ${durationMs} ms`);
  return { ok: true, value: { digit, durationMs: durationMs === 0 ? DEFAULT_INFO_DURATION_MS : durationMs } };
}

/** A key character, an event code 0–16, or `!` for flash. */
function parseSymbol(text: string): DtmfSymbol | null {
  const value = text.trim().toUpperCase();
  if (isDtmfChar(value)) return value;
  if (value === '!' || value === 'FLASH') return 'flash';
  return /^\d{2}$/.test(value) ? eventSymbol(Number(value)) : null;
}

const shorten = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function fail(reason: 'unsupported_type' | 'malformed', detail: string): SipInfoDtmfResult {
  return { ok: false, error: new SipInfoDtmfError(reason, detail) };
}
