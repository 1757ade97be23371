/**
 * What the layers above the transport see of it (RFC 3261 §18): messages in
 * with where they came from, messages out to a target. Sockets stay below
 * this line; the transaction layer and tests use these types only, so an
 * in-memory transport can stand in for UDP and TCP.
 */
import { AppError } from '../../errors.ts';
import type { SipMessage } from '../message/index.ts';

export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export interface Endpoint {
  protocol: TransportProtocol;
  address: string;
  port: number;
}

export interface InboundMessage {
  message: SipMessage;
  /** Where the bytes came from (the `received` / `rport` address). */
  source: Endpoint;
  /** The stream connection it arrived on, so responses can reuse it (§18.2.2); null for UDP. */
  connectionId: number | null;
}

export interface SendTarget {
  endpoint: Endpoint;
  /** Reuse this stream connection when it is still open. */
  connectionId?: number | null;
}

export class TransportError extends AppError {
  constructor(
    message: string,
    readonly target: Endpoint,
  ) {
    super('sip_transport', message);
  }
}

export interface SipTransport {
  /**
   * Sends one message. Failures that are known at once (no such connection,
   * message too large for UDP, socket closed) and failures found later
   * (TCP connect refused) both arrive through `onError`, never as a throw.
   */
  send(message: SipMessage, target: SendTarget, onError?: (error: TransportError) => void): void;
  /** Sends a message already serialized (retransmissions kept as bytes). */
  sendBytes(bytes: Uint8Array, target: SendTarget, onError?: (error: TransportError) => void): void;
  /** Reliable transports need no retransmission timers (§17.1.1.2, §17.1.2.2). */
  isReliable(protocol: TransportProtocol): boolean;
}
