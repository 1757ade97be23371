/**
 * The SIP transport layer (RFC 3261 §18) over UDP and TCP on one port:
 * parses what arrives, lets an admission check drop banned or flooding
 * sources before any parsing, answers malformed requests with 400, and
 * sends messages to a target, reusing stream connections. TLS and WebSocket
 * come later behind the same SipTransport interface.
 */
import { type FramerOutput, parseSipMessage, type SipMessage, serializeMessage } from '../message/index.ts';
import type { Logger } from '../../system/index.ts';
import { type InboundAction, processInbound } from './inbound-processing.ts';
import { TcpConnections } from './tcp-connections.ts';
import {
  type Endpoint,
  type InboundMessage,
  type SendTarget,
  type SipTransport,
  TransportError,
  type TransportProtocol,
} from './transport-types.ts';
import { UdpEndpoint } from './udp-endpoint.ts';

export interface TransportLayerOptions {
  hostname: string;
  port: number;
  logger: Logger;
  onMessage(inbound: InboundMessage): void;
  /** Cheap check before parsing: false drops the datagram (or the stream chunk). */
  admit?(source: Endpoint): boolean;
  /** Told about every malformed message, for abuse counting. */
  onMalformed?(source: Endpoint, reason: string): void;
  tcpIdleSeconds?: number;
  maxTcpConnections?: number;
}

export interface TransportStats {
  received: number;
  sent: number;
  malformed: number;
  refused: number;
  /** UDP datagrams the kernel would not take (recovered by retransmission timers). */
  udpSendDrops: number;
}

export class SipTransportLayer implements SipTransport {
  private readonly counters = { received: 0, sent: 0, malformed: 0, refused: 0 };
  private udp: UdpEndpoint | null = null;
  private readonly tcp: TcpConnections;

  private constructor(private readonly options: TransportLayerOptions) {
    this.tcp = new TcpConnections({
      hostname: options.hostname,
      idleSeconds: options.tcpIdleSeconds ?? 600,
      maxConnections: options.maxTcpConnections ?? 4096,
      onFrames: (id, remote, frames) => this.onFrames(id, remote, frames),
      onRefused: () => this.counters.refused++,
    });
  }

  static async start(options: TransportLayerOptions): Promise<SipTransportLayer> {
    const layer = new SipTransportLayer(options);
    layer.udp = await UdpEndpoint.open({
      hostname: options.hostname,
      port: options.port,
      onDatagram: (data, address, port) => layer.onDatagram(data, address, port),
    });
    layer.tcp.listen(layer.udp.port);
    return layer;
  }

  get stats(): TransportStats {
    return { ...this.counters, udpSendDrops: this.udp?.dropped ?? 0 };
  }

  get port(): number {
    return this.udp?.port ?? this.options.port;
  }

  get tcpConnections(): number {
    return this.tcp.count;
  }

  isReliable(protocol: TransportProtocol): boolean {
    return protocol !== 'udp';
  }

  send(message: SipMessage, target: SendTarget, onError?: (error: TransportError) => void): void {
    this.sendBytes(serializeMessage(message), target, onError);
  }

  sendBytes(bytes: Uint8Array, target: SendTarget, onError?: (error: TransportError) => void): void {
    const fail = (why: string) => onError?.(new TransportError(why, target.endpoint));
    const { endpoint } = target;
    if (endpoint.protocol === 'udp') {
      if (!this.udp?.send(bytes, endpoint.address, endpoint.port)) fail('UDP send failed (too large or socket closed)');
      else this.counters.sent++;
      return;
    }
    if (endpoint.protocol !== 'tcp') {
      fail(`transport ${endpoint.protocol} is not available`);
      return;
    }
    const open =
      target.connectionId != null && this.tcp.isOpen(target.connectionId)
        ? target.connectionId
        : this.tcp.findByRemote(endpoint.address, endpoint.port);
    if (open !== null && this.tcp.send(open, bytes)) {
      this.counters.sent++;
      return;
    }
    this.tcp.connect(endpoint.address, endpoint.port).then(
      (id) => {
        if (this.tcp.send(id, bytes)) this.counters.sent++;
        else fail('TCP connection closed before sending');
      },
      (error: unknown) => fail(`TCP connect failed: ${String(error)}`),
    );
  }

  stop(): void {
    this.udp?.close();
    this.udp = null;
    this.tcp.close();
  }

  private onDatagram(data: Buffer, address: string, port: number): void {
    const source: Endpoint = { protocol: 'udp', address, port };
    if (this.options.admit && !this.options.admit(source)) return;
    // A lone CRLF or double CRLF is a keep-alive (RFC 5626 §3.5.1): nothing to parse.
    if (data.length <= 4 && data.every((b) => b === 13 || b === 10)) return;
    const result = parseSipMessage(data, { stream: false });
    if (result.kind === 'incomplete') return;
    this.act(processInbound(result, source), source, null);
  }

  private onFrames(connectionId: number, remote: { address: string; port: number }, frames: FramerOutput[]): void {
    const source: Endpoint = { protocol: 'tcp', address: remote.address, port: remote.port };
    if (this.options.admit && !this.options.admit(source)) {
      this.tcp.drop(connectionId);
      return;
    }
    for (const frame of frames) {
      if (frame.kind === 'incomplete') continue;
      if (frame.kind === 'ping') {
        this.tcp.send(connectionId, Buffer.from('\r\n')); // pong
        continue;
      }
      this.act(processInbound(frame, source), source, connectionId);
      // After a framing error the stream cannot be trusted to be in step again.
      if (frame.kind === 'invalid' && frame.partial === null) this.tcp.drop(connectionId);
    }
  }

  private act(action: InboundAction, source: Endpoint, connectionId: number | null): void {
    switch (action.kind) {
      case 'deliver':
        this.counters.received++;
        try {
          this.options.onMessage({ message: action.message, source, connectionId });
        } catch (error) {
          // A bug above must not take the transport down; the next message is served.
          this.options.logger.error('SIP message handler failed', { error, source: `${source.address}:${source.port}` });
        }
        return;
      case 'reply':
        this.counters.malformed++;
        this.options.onMalformed?.(source, action.reason);
        this.send(action.response, { endpoint: source, connectionId });
        return;
      case 'drop':
        this.counters.malformed++;
        this.options.onMalformed?.(source, action.reason);
        this.options.logger.debug('malformed SIP message dropped', { reason: action.reason, source: `${source.address}:${source.port}` });
    }
  }
}
