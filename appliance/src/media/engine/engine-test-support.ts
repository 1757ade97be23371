/**
 * Test helper: the real MediaEngine on real UDP sockets on 127.0.0.1 and the
 * system clock, and RTP test peers — plain Bun UDP sockets that send G.711
 * (or anything else) to an endpoint and keep every packet they are sent.
 * Plus the little signal analysis the tests need: decode, Goertzel, waiting.
 */
import type { udp } from 'bun';
import { silentLogger, systemClock, systemScheduler } from '../../system/index.ts';
import { g711Codec } from '../codec/index.ts';
import { type RtpHeader, createRtpHeader, readRtpHeader, writeRtpHeader } from '../rtp/index.ts';
import { MediaEngine, type MediaEngineOptions } from './media-engine.ts';
import { bindUdpMediaSocket } from './media-socket.ts';
import type { AudioCodec, MediaEvent, StreamConfig } from './media-types.ts';
import { RtpPortPool } from './rtp-port-pool.ts';

export const LOOPBACK = '127.0.0.1';
const RATE = 8000;
const FRAME = 160;

export interface TestEndpoint {
  id: number;
  port: number;
  /** The SSRC the engine drew for the endpoint's outbound stream. */
  ssrc: number;
}

export interface EngineHarness {
  engine: MediaEngine;
  ports: RtpPortPool;
  events: MediaEvent[];
  endpoint(): Promise<TestEndpoint>;
  close(): Promise<void>;
}

/** An engine with a port pool of its own (one range per test file) and a predictable `random`. */
export function startEngine(
  range: { min: number; max: number },
  options: { soundsDir?: string; inbandDetector?: MediaEngineOptions['inbandDetector'] } = {},
): EngineHarness {
  const drawn: number[] = [];
  let n = 0;
  const random = () => {
    const value = (0x5eed_0000 + n++ * 0x0101_0101) >>> 0;
    drawn.push(value);
    return value;
  };
  const ports = new RtpPortPool(range);
  const engine = new MediaEngine({
    address: LOOPBACK,
    ports,
    bind: bindUdpMediaSocket,
    clock: systemClock,
    scheduler: systemScheduler,
    logger: silentLogger,
    random,
    soundsDir: options.soundsDir,
    ...(options.inbandDetector ? { inbandDetector: options.inbandDetector } : {}),
  });
  const events: MediaEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return {
    engine,
    ports,
    events,
    async endpoint() {
      const first = drawn.length;
      const info = await engine.createEndpoint();
      // The endpoint draws its SSRC first (media-endpoint.ts).
      return { id: info.id, port: info.port, ssrc: drawn[first] as number };
    },
    close: () => engine.close(),
  };
}

/** Waits until the endpoint has taken in `count` packets (audio flows on a loaded machine too); false on timeout. */
export function receivedAtLeast(h: EngineHarness, endpoint: { id: number }, count: number, timeoutMs = 3000): Promise<boolean> {
  return waitFor(async () => ((await h.engine.stats(endpoint.id))?.received ?? 0) >= count, timeoutMs);
}

/** A sendrecv G.711 leg towards `remote` (null: learn it by latching). */
export function streamConfig(
  remote: { port: number } | null,
  codec: AudioCodec = 'PCMU',
  telephoneEvent: number | null = 101,
): StreamConfig {
  return {
    remote: remote === null ? null : { address: LOOPBACK, port: remote.port },
    codec,
    payloadType: codec === 'PCMU' ? 0 : 8,
    telephoneEvent,
    direction: 'sendrecv',
  };
}

export interface ReceivedPacket {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

export interface SendOptions {
  payloadType: number;
  marker?: boolean;
  /** Defaults to the peer's running timestamp. */
  timestamp?: number;
}

export interface ToneOptions {
  frequency: number;
  codec?: AudioCodec;
  amplitude?: number;
}

/** A phone's RTP side, reduced to a socket that sends what it is told and keeps what it gets. */
export class RtpPeer {
  readonly received: ReceivedPacket[] = [];
  /** Socket error codes, e.g. ECONNREFUSED for the ICMP port unreachable after sending to a closed port. */
  readonly errors: string[] = [];
  /** Distinct per peer: derived from its port. */
  readonly ssrc: number;
  /** Starts just below the wrap, so relays are checked across 65535 → 0. */
  private sequence = 65_500;
  private timestamp = 0x7fff_ff00;
  private sample = 0;
  private readonly header: RtpHeader = createRtpHeader();
  private readonly timers = new Set<ReturnType<typeof setInterval>>();

  private constructor(private readonly socket: udp.Socket<'buffer'>) {
    this.ssrc = (0xa11c_0000 | socket.port) >>> 0;
  }

  static async open(): Promise<RtpPeer> {
    let peer: RtpPeer | null = null;
    const socket = await Bun.udpSocket({
      hostname: LOOPBACK,
      binaryType: 'buffer',
      socket: {
        data: (_s, data) => peer?.keep(data),
        // Bun 1.4 passes the error first, not (socket, error) as its types say: take whichever is an Error.
        error: (...args: unknown[]) => {
          const error = args.find((a) => a instanceof Error) as (Error & { code?: string }) | undefined;
          peer?.errors.push(error?.code ?? String(error));
        },
      },
    });
    peer = new RtpPeer(socket);
    return peer;
  }

  get port(): number {
    return this.socket.port;
  }

  private keep(data: Buffer): void {
    const h = this.header;
    if (!readRtpHeader(data, data.length, h)) return;
    this.received.push({
      marker: h.marker,
      payloadType: h.payloadType,
      sequence: h.sequence,
      timestamp: h.timestamp,
      ssrc: h.ssrc,
      payload: Uint8Array.from(data.subarray(h.payloadOffset, h.payloadOffset + h.payloadLength)),
    });
  }

  /** Sends any datagram, RTP or not; a send that fails is noted in `errors` rather than thrown. */
  sendRaw(bytes: Uint8Array, toPort: number): void {
    try {
      this.socket.send(bytes, toPort, LOOPBACK);
    } catch (error) {
      this.errors.push((error as { code?: string }).code ?? String(error));
    }
  }

  /** One RTP packet with the next sequence number; the timestamp moves on by `advance` afterwards. */
  send(toPort: number, payload: Uint8Array, options: SendOptions, advance = FRAME): void {
    const packet = new Uint8Array(12 + payload.length);
    writeRtpHeader(packet, 0, {
      marker: options.marker ?? false,
      payloadType: options.payloadType,
      sequence: this.sequence,
      timestamp: options.timestamp ?? this.timestamp,
      ssrc: this.ssrc,
    });
    packet.set(payload, 12);
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + advance) >>> 0;
    this.sendRaw(packet, toPort);
  }

  /** The peer's current RTP timestamp (for RFC 4733 events, which keep one timestamp). */
  get now(): number {
    return this.timestamp;
  }

  /** One 20 ms frame of a sine, phase-continuous with the frames before it. */
  sendToneFrame(toPort: number, tone: ToneOptions): void {
    const codec = tone.codec ?? 'PCMU';
    const samples = sine(tone.frequency, FRAME, tone.amplitude ?? 6000, this.sample);
    this.sample += FRAME;
    const payload = new Uint8Array(FRAME);
    g711Codec(codec).encode(samples, payload);
    this.send(toPort, payload, { payloadType: codec === 'PCMU' ? 0 : 8 });
  }

  /** Sends a tone frame every 20 ms until the returned function is called (or the peer closes). */
  streamTone(toPort: number, tone: ToneOptions): () => void {
    const timer = setInterval(() => this.sendToneFrame(toPort, tone), 20);
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  /** The received audio packets of one payload type, decoded and joined. */
  decoded(codec: AudioCodec, payloadType = codec === 'PCMU' ? 0 : 8): Int16Array {
    return decodePackets(
      this.received.filter((p) => p.payloadType === payloadType),
      codec,
    );
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    this.socket.close();
  }
}

export function decodePackets(packets: readonly ReceivedPacket[], codec: AudioCodec): Int16Array {
  const total = packets.reduce((n, p) => n + p.payload.length, 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const p of packets) at += g711Codec(codec).decode(p.payload, out, at);
  return out;
}

/** `count` samples of a sine at 8 kHz, starting at sample index `from`. */
export function sine(frequency: number, count: number, amplitude: number, from = 0): Int16Array {
  return Int16Array.from({ length: count }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * (from + i)) / RATE)));
}

/** Goertzel: the power of `samples` at `frequency`, normalised by length (≈ A²/4 for a sine of amplitude A). */
export function tonePower(samples: ArrayLike<number>, frequency: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const k = 2 * Math.cos((2 * Math.PI * frequency) / RATE);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = (samples[i] as number) + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - k * s1 * s2) / (n * n);
}

/** The loudest of `candidates` in `samples`, by Goertzel power. */
export function loudest(samples: ArrayLike<number>, candidates: readonly number[]): number {
  let best = candidates[0] as number;
  for (const f of candidates) if (tonePower(samples, f) > tonePower(samples, best)) best = f;
  return best;
}

/** Sign changes per second of 8 kHz audio: twice the frequency of a pure tone. */
export function zeroCrossingsPerSecond(samples: ArrayLike<number>): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1] as number) < 0 !== (samples[i] as number) < 0) crossings++;
  return (crossings * RATE) / samples.length;
}

/** Polls every `pollMs` until `condition` holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 1000, pollMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await Bun.sleep(pollMs);
  }
  return true;
}

/** Sequence number steps between consecutive packets (mod 2^16): all 1 for a continuous stream. */
export function sequenceSteps(packets: readonly ReceivedPacket[]): number[] {
  return packets.slice(1).map((p, i) => (p.sequence - (packets[i] as ReceivedPacket).sequence) & 0xffff);
}
