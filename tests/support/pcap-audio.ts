/**
 * The audio inside a pcap of G.711 RTP, such as SIPp's
 * /usr/share/sip-tester/g711a.pcap, decoded to 8 kHz PCM16: the reference a
 * phone's recording is compared with when SIPp played that pcap into a call.
 *
 *   pcap header (24) | per packet: record header (16) | Ethernet (14) |
 *   IPv4 (IHL·4) | UDP (8) | RTP (12 + 4·CC) | G.711 payload, 1 byte/sample
 *
 * Only the first RTP stream (SSRC) with payload type 0 (PCMU) or 8 (PCMA)
 * is kept; samples are placed by RTP timestamp, so a gap stays a gap.
 */
import { readFileSync } from 'node:fs';

/** ITU-T G.711 A-law byte to linear PCM16. */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (segment === 0) t += 8;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

/** ITU-T G.711 μ-law byte to linear PCM16. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

interface RtpAudio {
  ssrc: number;
  timestamp: number;
  payloadType: number;
  payload: Uint8Array;
}

/** The RTP packet inside one Ethernet/IPv4/UDP frame, or undefined for anything else. */
function rtpIn(frame: Uint8Array): RtpAudio | undefined {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 14 + 20 + 8 + 12 || view.getUint16(12) !== 0x0800) return undefined;
  const ip = 14;
  if (frame[ip] === undefined || (frame[ip] as number) >> 4 !== 4 || frame[ip + 9] !== 17) return undefined;
  const rtp = ip + ((frame[ip] as number) & 0x0f) * 4 + 8;
  const first = frame[rtp] as number;
  if (first >> 6 !== 2) return undefined;
  const header = 12 + 4 * (first & 0x0f);
  let end = frame.length;
  if (first & 0x20) end -= frame[end - 1] as number; // padding
  return {
    payloadType: (frame[rtp + 1] as number) & 0x7f,
    timestamp: view.getUint32(rtp + 4),
    ssrc: view.getUint32(rtp + 8),
    payload: frame.subarray(rtp + header, end),
  };
}

/** Decodes the G.711 audio of a classic (microsecond or nanosecond, either byte order) Ethernet pcap. */
export function readPcapAudio(path: string): Int16Array {
  const bytes = new Uint8Array(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && view.getUint32(0, false) !== 0xa1b2c3d4 && view.getUint32(0, false) !== 0xa1b23c4d) throw new Error(`${path}: not a pcap file`);
  if (view.getUint32(20, little) !== 1) throw new Error(`${path}: only Ethernet captures are read`);
  const packets: RtpAudio[] = [];
  for (let at = 24; at + 16 <= bytes.length; ) {
    const length = view.getUint32(at + 8, little);
    const rtp = rtpIn(bytes.subarray(at + 16, at + 16 + length));
    if (rtp && (rtp.payloadType === 0 || rtp.payloadType === 8) && (packets.length === 0 || rtp.ssrc === packets[0]?.ssrc)) packets.push(rtp);
    at += 16 + length;
  }
  const start = packets[0]?.timestamp ?? 0;
  const length = packets.reduce((n, p) => Math.max(n, ((p.timestamp - start) >>> 0) + p.payload.length), 0);
  const out = new Int16Array(length);
  for (const p of packets) {
    const decode = p.payloadType === 8 ? alawToLinear : ulawToLinear;
    const offset = (p.timestamp - start) >>> 0;
    for (let i = 0; i < p.payload.length; i++) out[offset + i] = decode(p.payload[i] as number);
  }
  return out;
}
