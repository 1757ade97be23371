/**
 * Compound RTCP packets (RFC 3550 §6) as we send them: SR or RR plus SDES
 * CNAME, and BYE. The packet types and layouts here are shared with the
 * reader, rtcp-parse.ts.
 *
 * Every packet starts with the same word; `count` is the number of report
 * blocks (SR, RR), chunks (SDES), sources (BYE) or the subtype (APP):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |V=2|P|  count  |  packet type  |   length (32-bit words − 1)   |
 *
 * A report block (24 octets, §6.4.1):
 *   | SSRC of source | fraction lost (8) cumulative lost (24, signed) |
 *   | extended highest sequence | jitter | last SR (LSR) | delay since LSR (DLSR) |
 *
 * Reports go out every few seconds, not per packet, so the writers take
 * plain objects; they still write into the caller's buffer.
 */
import { writeU32 } from './network-order.ts';

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;
export const RTCP_APP = 204;

export const SDES_END = 0;
export const SDES_CNAME = 1;
/** The 5-bit count field bounds the blocks one SR or RR can carry (§6.4.2). */
const MAX_BLOCKS_PER_PACKET = 31;
export const REPORT_BLOCK_SIZE = 24;

/** Sender information of an SR (§6.4.1). */
export interface SenderInfo {
  /** NTP timestamp: seconds since 1900 and the binary fraction of a second. */
  ntpSeconds: number;
  ntpFraction: number;
  /** The same instant in the RTP clock of the stream. */
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export interface ReportBlock {
  ssrc: number;
  /** Fraction of 256. */
  fractionLost: number;
  /** Signed; may be negative when duplicates arrived. */
  cumulativeLost: number;
  /** Extended highest sequence number received. */
  highestSeq: number;
  jitter: number;
  /** Middle 32 bits of the NTP timestamp of the last SR received, 0 if none. */
  lsr: number;
  /** Delay since that SR in 1/65536 s. */
  dlsr: number;
}

/** What goes into one compound report: an SR when `sender` is given, else an RR. */
export interface RtcpReport {
  ssrc: number;
  sender: SenderInfo | null;
  reports: readonly ReportBlock[];
  cname: string;
}

const utf8 = new TextEncoder();

/** The middle 32 bits of an NTP timestamp, the form LSR takes (§6.4.1). */
export function compactNtp(ntpSeconds: number, ntpFraction: number): number {
  return (((ntpSeconds & 0xffff) << 16) | (ntpFraction >>> 16)) >>> 0;
}

function putHeader(buf: Uint8Array, at: number, count: number, packetType: number, size: number): void {
  buf[at] = 0x80 | count;
  buf[at + 1] = packetType;
  buf[at + 2] = (size / 4 - 1) >>> 8;
  buf[at + 3] = size / 4 - 1;
}

/** Text items are padded with zeros to the next word, with at least one zero ending the item list. */
export const paddedToWord = (size: number) => (size + 3) & ~3;

function encodeCname(cname: string): Uint8Array {
  const bytes = utf8.encode(cname);
  if (bytes.length > 255) throw new RangeError(`CNAME of ${bytes.length} octets exceeds 255`);
  return bytes;
}

function reportPacketsSize(report: RtcpReport): number {
  const blocks = report.reports.length;
  const extraPackets = Math.max(0, Math.ceil(blocks / MAX_BLOCKS_PER_PACKET) - 1);
  return (report.sender ? 28 : 8) + extraPackets * 8 + blocks * REPORT_BLOCK_SIZE;
}

/** Octets `writeRtcpReport` will write for this report. */
export function rtcpReportSize(report: RtcpReport): number {
  return reportPacketsSize(report) + 4 + paddedToWord(4 + 2 + encodeCname(report.cname).length + 1);
}

function writeBlock(buf: Uint8Array, at: number, block: ReportBlock): void {
  writeU32(buf, at, block.ssrc);
  writeU32(buf, at + 4, block.cumulativeLost & 0xffffff);
  buf[at + 4] = block.fractionLost;
  writeU32(buf, at + 8, block.highestSeq);
  writeU32(buf, at + 12, block.jitter);
  writeU32(buf, at + 16, block.lsr);
  writeU32(buf, at + 20, block.dlsr);
}

/** SR or RR, then further RRs for blocks beyond 31 (§6.4.2); returns the end offset. */
function writeReportPackets(buf: Uint8Array, offset: number, report: RtcpReport): number {
  let at = offset;
  let next = 0;
  do {
    const count = Math.min(MAX_BLOCKS_PER_PACKET, report.reports.length - next);
    const sender = next === 0 ? report.sender : null;
    const fixed = sender ? 28 : 8;
    putHeader(buf, at, count, sender ? RTCP_SR : RTCP_RR, fixed + count * REPORT_BLOCK_SIZE);
    writeU32(buf, at + 4, report.ssrc);
    if (sender) {
      writeU32(buf, at + 8, sender.ntpSeconds);
      writeU32(buf, at + 12, sender.ntpFraction);
      writeU32(buf, at + 16, sender.rtpTimestamp);
      writeU32(buf, at + 20, sender.packetCount);
      writeU32(buf, at + 24, sender.octetCount);
    }
    at += fixed;
    for (let i = 0; i < count; i++, at += REPORT_BLOCK_SIZE) writeBlock(buf, at, report.reports[next + i] as ReportBlock);
    next += count;
  } while (next < report.reports.length);
  return at;
}

/**
 * Writes a compound packet — SR (we sent media since the last report) or
 * RR, then SDES with our CNAME, which §6.1 requires in every compound
 * packet — at `offset`. Returns the offset just past it.
 */
export function writeRtcpReport(buf: Uint8Array, offset: number, report: RtcpReport): number {
  const cname = encodeCname(report.cname);
  const sdesSize = 4 + paddedToWord(4 + 2 + cname.length + 1);
  if (offset + reportPacketsSize(report) + sdesSize > buf.length) throw new RangeError(`RTCP report does not fit ${buf.length} octets at ${offset}`);
  const at = writeReportPackets(buf, offset, report);
  putHeader(buf, at, 1, RTCP_SDES, sdesSize);
  writeU32(buf, at + 4, report.ssrc);
  buf[at + 8] = SDES_CNAME;
  buf[at + 9] = cname.length;
  buf.set(cname, at + 10);
  buf.fill(SDES_END, at + 10 + cname.length, at + sdesSize);
  return at + sdesSize;
}

/** Writes a BYE for `ssrcs` with an optional reason (§6.6); returns the offset just past it. */
export function writeRtcpBye(buf: Uint8Array, offset: number, ssrcs: readonly number[], reason?: string): number {
  if (ssrcs.length > MAX_BLOCKS_PER_PACKET) throw new RangeError(`BYE for ${ssrcs.length} sources exceeds 31`);
  const why = reason === undefined ? null : utf8.encode(reason);
  if (why && why.length > 255) throw new RangeError(`BYE reason of ${why.length} octets exceeds 255`);
  const size = 4 + ssrcs.length * 4 + (why ? paddedToWord(1 + why.length) : 0);
  if (offset + size > buf.length) throw new RangeError(`RTCP BYE does not fit ${buf.length} octets at ${offset}`);
  putHeader(buf, offset, ssrcs.length, RTCP_BYE, size);
  let at = offset + 4;
  for (const ssrc of ssrcs) {
    writeU32(buf, at, ssrc);
    at += 4;
  }
  if (why) {
    buf[at] = why.length;
    buf.set(why, at + 1);
    buf.fill(0, at + 1 + why.length, offset + size);
  }
  return offset + size;
}
