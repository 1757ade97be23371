/**
 * One leg's RTP session inside the engine: its sockets, what was negotiated,
 * where to send (latched), the stream it sends and what feeds that stream.
 *
 * The per-packet path lives here and allocates nothing: a relayed packet's
 * header is rewritten in place and sent from the partner's socket.
 */
import { type RtpHeader, readRtpHeader, setPayloadType } from '../rtp/index.ts';
import { DtmfReceiver } from '../dtmf/index.ts';
import { g711Codec } from '../codec/index.ts';
import { dtmfPackets } from '../dtmf/index.ts';
import { JitterBuffer } from '../jitter/index.ts';
import type { MediaSocket } from './media-socket.ts';
import type { EndpointStats, MediaEvent, RemoteAddress, StreamConfig } from './media-types.ts';
import { OutboundStream } from './outbound-stream.ts';
import type { Conference } from './conference.ts';
import type { RecordingTap } from './recording-tap.ts';
import { transcodeTable } from './transcode.ts';

/** What feeds an endpoint's outbound stream; only one thing at a time. */
/** 20 ms of 8 kHz audio: the unit the media clock works in. */
export const FRAME_SAMPLES = 160;

export type Feeder = 'none' | 'peer' | 'player' | 'conference';

export interface EndpointContext {
  now(): number;
  emit(event: MediaEvent): void;
  counters: { packetsIn: number; packetsOut: number; packetsRejected: number };
}

export class MediaEndpoint {
  config: StreamConfig | null = null;
  /** Where packets go: the latched source, else the address from SDP. */
  private dest: RemoteAddress | null = null;
  private latched = false;
  feeder: Feeder = 'none';
  /** The endpoint whose audio this one receives while bridged (its feeder is 'peer'). */
  partner: MediaEndpoint | null = null;
  /** Created when something consumes this endpoint's audio (recording, conference). */
  jitter: JitterBuffer | null = null;
  private consumers = 0;
  /** The recordings that tap this endpoint and the conference it is in, so leaving them costs no search. */
  readonly taps = new Set<RecordingTap>();
  conference: Conference | null = null;
  readonly out: OutboundStream;
  private readonly header: RtpHeader = {
    marker: false,
    payloadType: 0,
    sequence: 0,
    timestamp: 0,
    ssrc: 0,
    payloadOffset: 0,
    payloadLength: 0,
  };
  private readonly dtmf: DtmfReceiver;
  readonly stats: EndpointStats = { received: 0, sent: 0, rejected: 0, lastReceivedAt: null };
  /** This tick's received audio, decoded, for consumers; `hasFrame` false when nothing came. */
  readonly frame = new Int16Array(FRAME_SAMPLES);
  hasFrame = false;
  /** RFC 4733 packets waiting to go out, one per tick. */
  private dtmfQueue: { marker: boolean; payload: Uint8Array; durationSamples: number; timestamp: boolean }[] = [];
  /** Reused for every packet the box generates. */
  private readonly packet = new Uint8Array(12 + FRAME_SAMPLES);

  constructor(
    readonly id: number,
    readonly rtp: MediaSocket,
    readonly rtcp: MediaSocket,
    private readonly context: EndpointContext,
    random: () => number,
  ) {
    this.out = new OutboundStream(random() >>> 0, random() & 0xffff, random() >>> 0);
    this.dtmf = new DtmfReceiver();
  }

  get port(): number {
    return this.rtp.port;
  }

  /** A new offer/answer: the latch is reset so a phone that moved (or left NAT) is followed. */
  configure(config: StreamConfig): void {
    this.config = config;
    this.dest = config.remote;
    this.latched = false;
  }

  /** May the box send to this remote now (not held by it, address known)? */
  get canSend(): boolean {
    const direction = this.config?.direction;
    return this.dest !== null && (direction === 'sendrecv' || direction === 'sendonly');
  }

  send(buf: Uint8Array): void {
    const dest = this.dest;
    if (dest === null) return;
    this.rtp.send(buf, dest.port, dest.address);
    this.stats.sent++;
    this.context.counters.packetsOut++;
  }

  /** Every RTP datagram for this endpoint. */
  receive(buf: Buffer, port: number, address: string): void {
    const config = this.config;
    const counters = this.context.counters;
    counters.packetsIn++;
    // Parsed before admit(): a datagram that is not RTP must not move the latch.
    if (config === null || !readRtpHeader(buf, buf.length, this.header) || !this.admit(port, address)) {
      this.stats.rejected++;
      counters.packetsRejected++;
      return;
    }
    const now = this.context.now();
    this.stats.received++;
    this.stats.lastReceivedAt = now;
    const h = this.header;
    if (h.payloadType === config.payloadType) this.receiveAudio(buf, now);
    else if (h.payloadType === config.telephoneEvent) this.receiveEvent(buf, now);
    else {
      this.stats.rejected++;
      counters.packetsRejected++;
    }
  }

  /** Symmetric RTP (RFC 4961): latch to the first source, then accept only it. */
  private admit(port: number, address: string): boolean {
    const dest = this.dest;
    if (this.latched && dest !== null) return dest.port === port && dest.address === address;
    this.latched = true;
    if (dest === null || dest.port !== port || dest.address !== address) {
      this.dest = { address, port };
      this.context.emit({ type: 'latched', endpoint: this.id, address, port });
    }
    return true;
  }

  private receiveAudio(buf: Buffer, now: number): void {
    const h = this.header;
    this.jitter?.push(h.sequence, h.timestamp, buf.subarray(h.payloadOffset, h.payloadOffset + h.payloadLength));
    const partner = this.partner;
    // While the partner sends DTMF of its own, relayed packets would take its sequence numbers and timestamp (as sendFrame).
    if (partner === null || !partner.canSend || partner.hasQueuedDtmf) return;
    const to = partner.config as StreamConfig;
    const from = this.config as StreamConfig;
    if (to.codec !== from.codec) {
      const table = transcodeTable(from.codec, to.codec);
      for (let i = h.payloadOffset, end = h.payloadOffset + h.payloadLength; i < end; i++) buf[i] = table[buf[i] as number] as number;
    }
    if (to.payloadType !== from.payloadType) setPayloadType(buf, to.payloadType, h.marker);
    partner.out.relay(buf, h.sequence, h.timestamp, h.ssrc, h.payloadLength, now);
    partner.send(buf);
  }

  private receiveEvent(buf: Buffer, now: number): void {
    const h = this.header;
    const payload = buf.subarray(h.payloadOffset, h.payloadOffset + h.payloadLength);
    const pressed = this.dtmf.receive(h.timestamp, h.marker, payload);
    if (pressed !== null) this.context.emit({ type: 'dtmf', endpoint: this.id, digit: pressed.digit, durationMs: pressed.durationMs });
    const partner = this.partner;
    const pt = partner?.config?.telephoneEvent ?? null;
    if (partner === null || pt === null || !partner.canSend || partner.hasQueuedDtmf) return;
    setPayloadType(buf, pt, h.marker);
    partner.out.relay(buf, h.sequence, h.timestamp, h.ssrc, h.payloadLength, now);
    partner.send(buf);
  }

  /** One more reader of this endpoint's audio (a recording, a conference); the jitter buffer exists while any do. */
  startConsuming(): void {
    if (this.consumers++ === 0) this.jitter = new JitterBuffer();
  }

  /** One reader fewer; true when none is left. */
  stopConsuming(): boolean {
    if (this.consumers === 0 || --this.consumers > 0) return false;
    this.jitter = null;
    this.hasFrame = false;
    return true;
  }

  /** Once per tick: the next frame from the jitter buffer, decoded, or silence when it is missing. */
  pullFrame(): void {
    const jitter = this.jitter;
    if (jitter === null) return;
    const payload = jitter.pop();
    const config = this.config;
    if (payload === null || config === null) {
      this.frame.fill(0);
      this.hasFrame = false;
      return;
    }
    g711Codec(config.codec).decode(payload.subarray(0, FRAME_SAMPLES), this.frame);
    if (payload.length < FRAME_SAMPLES) this.frame.fill(0, payload.length);
    this.hasFrame = true;
  }

  /** Encodes and sends one generated frame (prompt, tone, mix) on this endpoint's stream. */
  sendFrame(samples: Int16Array, nowMs: number): void {
    const config = this.config;
    if (config === null || !this.canSend || this.dtmfQueue.length > 0) return;
    const packet = this.packet;
    packet[0] = 0x80;
    packet[1] = config.payloadType & 0x7f;
    g711Codec(config.codec).encode(samples, packet.subarray(12));
    this.out.generate(packet, FRAME_SAMPLES, FRAME_SAMPLES, nowMs);
    this.send(packet);
  }

  queueDtmf(digits: string): void {
    for (const digit of digits) {
      const packets = dtmfPackets(digit, { durationMs: 100, packetIntervalMs: 20 });
      for (const [i, p] of packets.entries()) this.dtmfQueue.push({ ...p, timestamp: i === 0 });
      // A pause between digits: receivers need a gap to see two presses of the same key.
      for (let i = 0; i < 3; i++) this.dtmfQueue.push({ marker: false, payload: new Uint8Array(0), durationSamples: 0, timestamp: false });
    }
  }

  get hasQueuedDtmf(): boolean {
    return this.dtmfQueue.length > 0;
  }

  /**
   * One RFC 4733 packet per tick. Every packet of an event carries the
   * event's start timestamp (§2.5.1.2); the stream moves one frame per
   * event start, as audio would.
   */
  sendQueuedDtmf(nowMs: number): void {
    const next = this.dtmfQueue.shift();
    const config = this.config;
    if (next === undefined || config === null || config.telephoneEvent === null || !this.canSend) return;
    if (next.payload.length === 0) return;
    const packet = this.packet;
    packet[0] = 0x80;
    packet[1] = (next.marker ? 0x80 : 0) | (config.telephoneEvent & 0x7f);
    packet.set(next.payload, 12);
    const bytes = packet.subarray(0, 16);
    if (next.timestamp) this.out.generate(bytes, FRAME_SAMPLES, 4, nowMs);
    else this.out.repeatTimestamp(bytes, 4, nowMs);
    this.send(bytes);
  }

  close(): void {
    this.rtp.close();
    this.rtcp.close();
  }
}
