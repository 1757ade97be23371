/**
 * The RFC 4733 telephone-event payload (§2.3) and the DTMF events of §3.2.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     event     |E|R| volume    |          duration             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * E marks the end of the event; volume is in −dBm0 (0–63); duration is in
 * timestamp units from the event's start, which is the RTP timestamp.
 */

export const TELEPHONE_EVENT_SIZE = 4;

/** Events 0–15 in order (§3.2): digits, then *, #, then A–D. */
export const DTMF_CHARS = '0123456789*#ABCD';
/** Event 16, hook flash (§3.2). */
export const FLASH_EVENT = 16;

export type DtmfChar = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';
/** What a key press can be: a DTMF character, or a hook flash. */
export type DtmfSymbol = DtmfChar | 'flash';

/** A parsed payload; reuse one object for every packet. */
export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

/** Whether `value` is exactly one DTMF character (upper-case A–D). */
export function isDtmfChar(value: string): value is DtmfChar {
  return value.length === 1 && DTMF_CHARS.includes(value);
}

/** The key of an event code, or null for codes that are not DTMF or flash. */
export function eventSymbol(event: number): DtmfSymbol | null {
  if (event === FLASH_EVENT) return 'flash';
  return event >= 0 && event < DTMF_CHARS.length ? (DTMF_CHARS.charAt(event) as DtmfChar) : null;
}

/** The event code of a key. */
export function eventCode(symbol: DtmfSymbol): number {
  return symbol === 'flash' ? FLASH_EVENT : DTMF_CHARS.indexOf(symbol);
}

/** Reads the payload at `offset` into `out`; false when fewer than four octets remain. */
export function readTelephoneEvent(buf: Uint8Array, offset: number, length: number, out: TelephoneEvent): boolean {
  if (length < TELEPHONE_EVENT_SIZE || offset + TELEPHONE_EVENT_SIZE > buf.length) return false;
  const flags = buf[offset + 1] as number;
  out.event = buf[offset] as number;
  out.end = (flags & 0x80) !== 0;
  out.volume = flags & 0x3f;
  out.duration = ((buf[offset + 2] as number) << 8) | (buf[offset + 3] as number);
  return true;
}

/** Writes the four payload octets at `offset`; R is always sent as zero (§2.3.3). */
export function writeTelephoneEvent(buf: Uint8Array, offset: number, event: TelephoneEvent): void {
  buf[offset] = event.event;
  buf[offset + 1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
  buf[offset + 2] = event.duration >>> 8;
  buf[offset + 3] = event.duration;
}
