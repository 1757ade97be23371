/**
 * The telephone-event payloads a sender emits for one key press
 * (RFC 4733 §2.5.1): an update every packet interval while the key is
 * held, the first with the RTP marker bit, each carrying the duration so
 * far; then the end packet, sent three times (§2.5.1.4) so that one loss
 * does not hang the digit. All of them go out with the same RTP
 * timestamp, the start of the press; the caller stamps the RTP header.
 *
 * Built when a digit is queued, not per audio packet, so an array is fine.
 */
import { eventCode, isDtmfChar, TELEPHONE_EVENT_SIZE, writeTelephoneEvent } from './telephone-event.ts';

/** Copies of the end packet (§2.5.1.4). */
const END_PACKETS = 3;
/** −10 dBm0, a typical keypad level (§2.3.4 expresses volume as a negated dBm0). */
const DEFAULT_VOLUME = 10;

export interface DtmfPacketOptions {
  durationMs: number;
  clockRate?: number;
  /** Interval between updates; 20 ms keeps them in step with the audio packets they replace. */
  packetIntervalMs?: number;
  volume?: number;
}

export interface DtmfPacket {
  marker: boolean;
  /** The four-octet telephone-event payload. */
  payload: Uint8Array;
  /** The duration field of this packet, in timestamp units. */
  durationSamples: number;
  end: boolean;
}

/** The packets for one press of `digit` ('0'–'9', '*', '#', 'A'–'D', or 'flash'). */
export function dtmfPackets(digit: string, options: DtmfPacketOptions): DtmfPacket[] {
  if (!isDtmfChar(digit) && digit !== 'flash') throw new RangeError(`not a DTMF key: ${JSON.stringify(digit)}`);
  const clockRate = options.clockRate ?? 8000;
  const interval = Math.round(((options.packetIntervalMs ?? 20) * clockRate) / 1000);
  const total = Math.round((options.durationMs * clockRate) / 1000);
  // Longer presses would need continuation segments (§2.5.1.3); no key press lasts 8 s.
  if (total < 1 || total > 0xffff) throw new RangeError(`DTMF duration of ${total} timestamp units is outside 1–65535`);
  if (interval < 1) throw new RangeError(`DTMF packet interval of ${interval} timestamp units`);
  const event = eventCode(digit);
  const volume = options.volume ?? DEFAULT_VOLUME;
  const packets: DtmfPacket[] = [];
  const add = (duration: number, end: boolean) => {
    const payload = new Uint8Array(TELEPHONE_EVENT_SIZE);
    writeTelephoneEvent(payload, 0, { event, end, volume, duration });
    packets.push({ marker: packets.length === 0, payload, durationSamples: duration, end });
  };
  for (let duration = interval; duration < total; duration += interval) add(duration, false);
  for (let i = 0; i < END_PACKETS; i++) add(total, true);
  return packets;
}
