/**
 * Reading a compound RTCP packet from a peer (RFC 3550 §6, the validity
 * checks of Appendix A.2) into plain objects. RTCP arrives every few
 * seconds per call, so the parser allocates freely; it copies what it
 * keeps, so the receive buffer can be reused at once.
 */
import { readU16, readU32 } from './network-order.ts';
import {
  paddedToWord,
  RTCP_APP,
  RTCP_BYE,
  RTCP_RR,
  RTCP_SDES,
  RTCP_SR,
  REPORT_BLOCK_SIZE,
  type ReportBlock,
  SDES_CNAME,
  SDES_END,
  type SenderInfo,
} from './rtcp.ts';
import { RtcpParseError } from './rtcp-parse-error.ts';

export type RtcpPacket =
  | { type: 'sr'; ssrc: number; sender: SenderInfo; reports: ReportBlock[] }
  | { type: 'rr'; ssrc: number; reports: ReportBlock[] }
  | { type: 'sdes'; chunks: { ssrc: number; cname: string | null }[] }
  | { type: 'bye'; ssrcs: number[]; reason: string | null }
  | { type: 'app'; ssrc: number; subtype: number; name: string; data: Uint8Array }
  | { type: 'other'; packetType: number; count: number; body: Uint8Array };

export type RtcpParseResult = { ok: true; packets: RtcpPacket[] } | { ok: false; error: RtcpParseError };

const text = new TextDecoder();

function readBlocks(buf: Uint8Array, at: number, count: number): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (let i = 0; i < count; i++, at += REPORT_BLOCK_SIZE) {
    blocks.push({
      ssrc: readU32(buf, at),
      fractionLost: buf[at + 4] as number,
      // Sign-extend the 24-bit field.
      cumulativeLost: (readU32(buf, at + 4) << 8) >> 8,
      highestSeq: readU32(buf, at + 8),
      jitter: readU32(buf, at + 12),
      lsr: readU32(buf, at + 16),
      dlsr: readU32(buf, at + 20),
    });
  }
  return blocks;
}

type Parsed = RtcpPacket | string;

function parseSdes(buf: Uint8Array, start: number, end: number, count: number): Parsed {
  const chunks: { ssrc: number; cname: string | null }[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 4 > end) return 'SDES chunk past the end';
    const chunk = { ssrc: readU32(buf, at), cname: null as string | null };
    at += 4;
    for (;;) {
      if (at >= end) return 'SDES items without an end';
      const itemType = buf[at] as number;
      if (itemType === SDES_END) break;
      if (at + 2 > end || at + 2 + (buf[at + 1] as number) > end) return 'SDES item past the end';
      const itemLength = buf[at + 1] as number;
      if (itemType === SDES_CNAME) chunk.cname = text.decode(buf.subarray(at + 2, at + 2 + itemLength));
      at += 2 + itemLength;
    }
    // The end marker and the padding run to the next word boundary of the packet.
    at = start + paddedToWord(at + 1 - start);
    chunks.push(chunk);
  }
  return { type: 'sdes', chunks };
}

function parseBye(buf: Uint8Array, start: number, end: number, count: number): Parsed {
  if (start + count * 4 > end) return 'BYE sources past the end';
  const ssrcs: number[] = [];
  for (let i = 0; i < count; i++) ssrcs.push(readU32(buf, start + i * 4));
  const at = start + count * 4;
  if (at >= end) return { type: 'bye', ssrcs, reason: null };
  const reasonLength = buf[at] as number;
  if (at + 1 + reasonLength > end) return 'BYE reason past the end';
  return { type: 'bye', ssrcs, reason: text.decode(buf.subarray(at + 1, at + 1 + reasonLength)) };
}

/** One packet's body, `start` just past the common header; a string says what is wrong. */
function parseOne(buf: Uint8Array, start: number, end: number, count: number, packetType: number): Parsed {
  const size = end - start;
  switch (packetType) {
    case RTCP_SR:
      if (size < 24 + count * REPORT_BLOCK_SIZE) return 'SR shorter than its report count';
      return {
        type: 'sr',
        ssrc: readU32(buf, start),
        sender: {
          ntpSeconds: readU32(buf, start + 4),
          ntpFraction: readU32(buf, start + 8),
          rtpTimestamp: readU32(buf, start + 12),
          packetCount: readU32(buf, start + 16),
          octetCount: readU32(buf, start + 20),
        },
        reports: readBlocks(buf, start + 24, count),
      };
    case RTCP_RR:
      if (size < 4 + count * REPORT_BLOCK_SIZE) return 'RR shorter than its report count';
      return { type: 'rr', ssrc: readU32(buf, start), reports: readBlocks(buf, start + 4, count) };
    case RTCP_SDES:
      return parseSdes(buf, start, end, count);
    case RTCP_BYE:
      return parseBye(buf, start, end, count);
    case RTCP_APP:
      if (size < 8) return 'APP shorter than SSRC and name';
      return { type: 'app', ssrc: readU32(buf, start), subtype: count, name: String.fromCharCode(...buf.subarray(start + 4, start + 8)), data: buf.slice(start + 8, end) };
    default:
      return { type: 'other', packetType, count, body: buf.slice(start, end) };
  }
}

/**
 * Splits the first `length` octets of `buf` into RTCP packets (§6.1,
 * validity checks of A.2). The first packet need not be SR or RR, so
 * reduced-size RTCP (RFC 5506) passes; padding is accepted on the last
 * packet only. Results are copies: `buf` may be reused at once.
 */
export function parseRtcp(buf: Uint8Array, length: number): RtcpParseResult {
  const packets: RtcpPacket[] = [];
  if (length < 4 || length > buf.length) return fail(0, `length ${length} of a ${buf.length}-octet buffer`);
  for (let at = 0; at < length; ) {
    if (at + 4 > length) return fail(at, 'truncated header');
    const first = buf[at] as number;
    if (first >> 6 !== 2) return fail(at, `version ${first >> 6}`);
    const size = (readU16(buf, at + 2) + 1) * 4;
    if (at + size > length) return fail(at, `length ${size} runs past the datagram`);
    let end = at + size;
    if (first & 0x20) {
      if (end !== length) return fail(at, 'padding before the last packet');
      const padding = buf[end - 1] as number;
      if (padding === 0 || padding > size - 4) return fail(at, `padding ${padding}`);
      end -= padding;
    }
    const parsed = parseOne(buf, at + 4, end, first & 0x1f, buf[at + 1] as number);
    if (typeof parsed === 'string') return fail(at, parsed);
    packets.push(parsed);
    at += size;
  }
  return { ok: true, packets };
}

function fail(offset: number, reason: string): RtcpParseResult {
  return { ok: false, error: new RtcpParseError(offset, reason) };
}
