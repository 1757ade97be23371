/** RTP and RTCP on the wire (RFC 3550, RFC 5761 demultiplexing) and per-source reception statistics. */
export { readU16, readU32, writeU16, writeU32 } from './network-order.ts';
export {
  compactNtp,
  type ReportBlock,
  RTCP_APP,
  RTCP_BYE,
  RTCP_RR,
  RTCP_SDES,
  RTCP_SR,
  type RtcpReport,
  rtcpReportSize,
  type SenderInfo,
  writeRtcpBye,
  writeRtcpReport,
} from './rtcp.ts';
export { parseRtcp, type RtcpPacket, type RtcpParseResult } from './rtcp-parse.ts';
export { RtcpParseError } from './rtcp-parse-error.ts';
export {
  createRtpHeader,
  isRtcpPacket,
  RTP_HEADER_SIZE,
  type RtpHeader,
  type RtpHeaderFields,
  readRtpHeader,
  setPayloadType,
  setSequence,
  setSsrc,
  setTimestamp,
  writeRtpHeader,
} from './rtp-packet.ts';
export { type ReceptionStats, SequenceTracker, type SequenceTrackerOptions } from './sequence-tracker.ts';
