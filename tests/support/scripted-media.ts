/**
 * The media side of a scripted phone: its SDP bodies, one UDP media port
 * that records every datagram it gets (bytes, source port and address),
 * and an outgoing stream that sends G.711 packets with chosen payloads and
 * the RFC 4733 packets of one key press. Packets are written here by hand
 * from RFC 3550 §5.1 and RFC 4733 §2.3, not with the box's codec, so a test
 * checks the box against the RFCs rather than against itself.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   |                           timestamp                           |
 *   |                             SSRC                              |
 *   telephone-event payload (RFC 4733 §2.3):
 *   |     event     |E|R| volume    |          duration             |
 */

import { Arrivals } from './arrivals.ts';

const RTP_HEADER = 12;
/** 20 ms at 8 kHz: one G.711 packet's samples, and the spacing of packets. */
export const FRAME_SAMPLES = 160;
const FRAME_MS = 20;
const EVENT_CODES = '0123456789*#ABCD';

export interface RtpFields {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export interface ReceivedRtp {
  bytes: Uint8Array;
  /** Where the datagram came from. */
  port: number;
  address: string;
}

export function writeRtp(f: RtpFields): Uint8Array {
  const bytes = new Uint8Array(RTP_HEADER + f.payload.length);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x80;
  bytes[1] = (f.marker ? 0x80 : 0) | (f.payloadType & 0x7f);
  view.setUint16(2, f.sequence & 0xffff);
  view.setUint32(4, f.timestamp >>> 0);
  view.setUint32(8, f.ssrc >>> 0);
  bytes.set(f.payload, RTP_HEADER);
  return bytes;
}

/** The fields of an RTP packet without CSRCs or extensions (all this box sends); null for anything else. */
export function readRtp(bytes: Uint8Array): RtpFields | null {
  if (bytes.length < RTP_HEADER || bytes[0] !== 0x80) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    marker: ((bytes[1] as number) & 0x80) !== 0,
    payloadType: (bytes[1] as number) & 0x7f,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: bytes.slice(RTP_HEADER),
  };
}

/** A UDP media port on `host` that keeps what it receives. */
export class RtpPort {
  private readonly arrivals: Arrivals<ReceivedRtp>;
  readonly received: ReceivedRtp[];

  private constructor(private readonly socket: Bun.udp.Socket<'buffer'>) {
    this.arrivals = new Arrivals<ReceivedRtp>(`RTP port ${socket.port}`);
    this.received = this.arrivals.items;
  }

  static async open(host: string): Promise<RtpPort> {
    let rtp: RtpPort | undefined;
    const socket = await Bun.udpSocket({
      hostname: host,
      binaryType: 'buffer',
      socket: { data: (_s, data, port, address) => rtp?.arrivals.push({ bytes: new Uint8Array(data), port, address }) },
    });
    rtp = new RtpPort(socket);
    return rtp;
  }

  get port(): number {
    return this.socket.port;
  }

  send(bytes: Uint8Array, port: number, host: string): void {
    this.socket.send(bytes, port, host);
  }

  /** Resolves once `done(received)` holds (checked on every datagram); rejects after `timeoutMs`. */
  until(done: (received: readonly ReceivedRtp[]) => boolean, o: { timeoutMs: number; what: string }): Promise<void> {
    return this.arrivals.until(done, o);
  }

  close(): void {
    this.socket.close();
  }
}

/** One outgoing RTP stream (one SSRC) from an RtpPort to the box's media port. */
export class RtpStream {
  private sequence: number;
  private timestamp: number;

  constructor(
    private readonly from: RtpPort,
    private readonly to: { host: string; port: number },
    private readonly o: { ssrc: number; payloadType: number },
  ) {
    this.sequence = o.ssrc & 0x7fff;
    this.timestamp = (o.ssrc >>> 3) & 0xffffff;
  }

  /** One 20 ms audio packet with `payload` (G.711: 160 bytes); returns the bytes sent. */
  audio(payload: Uint8Array): Uint8Array {
    const bytes = writeRtp({ marker: false, payloadType: this.o.payloadType, sequence: this.next(), timestamp: this.timestamp, ssrc: this.o.ssrc, payload });
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    this.from.send(bytes, this.to.port, this.to.host);
    return bytes;
  }

  /**
   * One press of `digit` as RFC 4733 §2.5.1 has a sender do it, 20 ms
   * apart: updates while the key is held (the first with the marker), then
   * the end packet three times; all with the press's start as timestamp.
   */
  async key(digit: string, o: { payloadType: number; durationMs?: number }): Promise<void> {
    const event = EVENT_CODES.indexOf(digit.toUpperCase());
    if (event < 0) throw new RangeError(`not a DTMF key: ${digit}`);
    const total = ((o.durationMs ?? 100) * 8000) / 1000;
    const durations: [number, boolean][] = [];
    for (let d = FRAME_SAMPLES; d < total; d += FRAME_SAMPLES) durations.push([d, false]);
    for (let i = 0; i < 3; i++) durations.push([total, true]);
    for (const [i, [duration, end]] of durations.entries()) {
      // E bit, R bit 0, volume 10 (−10 dBm0).
      const payload = new Uint8Array([event, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]);
      this.from.send(
        writeRtp({ marker: i === 0, payloadType: o.payloadType, sequence: this.next(), timestamp: this.timestamp, ssrc: this.o.ssrc, payload }),
        this.to.port,
        this.to.host,
      );
      await Bun.sleep(FRAME_MS);
    }
    // The stream's clock moved on while the key was held; the next packet starts after it.
    this.timestamp = (this.timestamp + total + FRAME_SAMPLES) >>> 0;
  }

  private next(): number {
    const s = this.sequence;
    this.sequence = (s + 1) & 0xffff;
    return s;
  }
}

/** The audio port and the telephone-event payload type of an SDP body (the box's offer or answer). */
export function sdpMedia(sdp: string): { port: number; payloadTypes: number[]; telephoneEvent: number | null } {
  const m = /^m=audio (\d+) \S+ ([\d ]+)/m.exec(sdp);
  const te = /^a=rtpmap:(\d+) telephone-event\/8000/m.exec(sdp);
  return {
    port: Number(m?.[1] ?? 0),
    payloadTypes: (m?.[2] ?? '').trim().split(' ').filter(Boolean).map(Number),
    telephoneEvent: te ? Number(te[1]) : null,
  };
}

/** A phone's audio description: one G.711 codec (PCMU 0 or PCMA 8) and telephone-event 101. */
export function phoneSdp(o: { host: string; port: number; payloadType: number; version: number; direction: string }): string {
  const pt = o.payloadType;
  return [
    'v=0',
    `o=scripted 6 ${o.version} IN IP4 ${o.host}`,
    's=-',
    `c=IN IP4 ${o.host}`,
    't=0 0',
    `m=audio ${o.port} RTP/AVP ${pt} 101`,
    `a=rtpmap:${pt} ${pt === 0 ? 'PCMU' : 'PCMA'}/8000`,
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    `a=${o.direction}`,
    '',
  ].join('\r\n');
}

/** The first of PCMU (0) or PCMA (8) in an SDP's audio line; PCMA when none is found. */
export function pickPayloadType(sdp: string): number {
  return sdpMedia(sdp).payloadTypes.find((f) => f === 0 || f === 8) ?? 8;
}
