/**
 * The RTP fixed header (RFC 3550 §5.1), read and written in place.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           timestamp                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                             SSRC                              |
 *   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *   |                  CSRC list (CC × 32 bits)                     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | extension profile (X=1)       |  extension length (words)     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          payload ... | padding ... | padding count (P=1)      |
 *
 * Every packet passes through here, so nothing allocates: the reader fills
 * a header object the caller owns and reuses, and the writers patch bytes.
 */
import { readU16, readU32, writeU16, writeU32 } from './network-order.ts';

export const RTP_HEADER_SIZE = 12;
const RTP_VERSION = 2;

/** A parsed header; make one with `createRtpHeader()` and reuse it for every packet. */
export interface RtpHeader {
  marker: boolean;
  payloadType: number;
  sequence: number;
  /** Unsigned 32-bit. */
  timestamp: number;
  /** Unsigned 32-bit. */
  ssrc: number;
  /** Where the payload starts in the buffer: after CSRCs and any header extension. */
  payloadOffset: number;
  /** Payload octets, padding excluded. */
  payloadLength: number;
}

/** The fields a sender chooses; the writer sets V=2 and no padding, extension or CSRCs. */
export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
}

export function createRtpHeader(): RtpHeader {
  return { marker: false, payloadType: 0, sequence: 0, timestamp: 0, ssrc: 0, payloadOffset: 0, payloadLength: 0 };
}

/**
 * Reads the header of the first `length` octets of `buf` into `out`.
 * Returns false, leaving `out` partly written, for anything that is not a
 * well-formed RTP packet: short, not version 2, CSRCs or extension running
 * past the end, or a padding count of zero or larger than the payload.
 */
export function readRtpHeader(buf: Uint8Array, length: number, out: RtpHeader): boolean {
  if (length < RTP_HEADER_SIZE || length > buf.length) return false;
  const first = buf[0] as number;
  if (first >> 6 !== RTP_VERSION) return false;
  const csrcCount = first & 0x0f;
  let offset = RTP_HEADER_SIZE + csrcCount * 4;
  if (offset > length) return false;
  if (first & 0x10) {
    if (offset + 4 > length) return false;
    offset += 4 + readU16(buf, offset + 2) * 4;
    if (offset > length) return false;
  }
  let padding = 0;
  if (first & 0x20) {
    padding = buf[length - 1] as number;
    // §5.1: the last octet counts itself, so zero is malformed.
    if (padding === 0 || offset + padding > length) return false;
  }
  const second = buf[1] as number;
  out.marker = (second & 0x80) !== 0;
  out.payloadType = second & 0x7f;
  out.sequence = readU16(buf, 2);
  out.timestamp = readU32(buf, 4);
  out.ssrc = readU32(buf, 8);
  out.payloadOffset = offset;
  out.payloadLength = length - offset - padding;
  return true;
}

/** Writes a 12-octet header at `offset`; returns the offset where the payload goes. */
export function writeRtpHeader(buf: Uint8Array, offset: number, fields: RtpHeaderFields): number {
  if (offset + RTP_HEADER_SIZE > buf.length) throw new RangeError(`RTP header at ${offset} does not fit ${buf.length} octets`);
  buf[offset] = RTP_VERSION << 6;
  buf[offset + 1] = (fields.marker ? 0x80 : 0) | (fields.payloadType & 0x7f);
  writeU16(buf, offset + 2, fields.sequence);
  writeU32(buf, offset + 4, fields.timestamp);
  writeU32(buf, offset + 8, fields.ssrc);
  return offset + RTP_HEADER_SIZE;
}

/** Rewrites the sequence number of the packet starting at `buf[0]` (a relay renumbering). */
export function setSequence(buf: Uint8Array, sequence: number): void {
  writeU16(buf, 2, sequence);
}

export function setTimestamp(buf: Uint8Array, timestamp: number): void {
  writeU32(buf, 4, timestamp);
}

export function setSsrc(buf: Uint8Array, ssrc: number): void {
  writeU32(buf, 8, ssrc);
}

/** Payload type and marker share an octet, so they are written together. */
export function setPayloadType(buf: Uint8Array, payloadType: number, marker: boolean): void {
  buf[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
}

/**
 * Whether a packet on a multiplexed port is RTCP rather than RTP
 * (RFC 5761 §4): RTCP packet types 192–223 occupy the octet where RTP
 * keeps marker and payload type, and RTP must not use types 64–95.
 */
export function isRtcpPacket(buf: Uint8Array, length: number): boolean {
  if (length < 4 || length > buf.length || (buf[0] as number) >> 6 !== RTP_VERSION) return false;
  const packetType = buf[1] as number;
  return packetType >= 192 && packetType <= 223;
}
