/**
 * Test helper: an in-memory SipTransport that records what is sent and when
 * (on the injected clock), treats every protocol but UDP as reliable, and
 * can fail sends at once or later, as a real transport reports errors.
 */
import { parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../message/index.ts';
import { type SendTarget, type SipTransport, TransportError, type TransportProtocol } from '../transport/index.ts';
import type { Clock } from '../../system/index.ts';

export interface SentMessage {
  message: SipMessage;
  target: SendTarget;
  /** Milliseconds since the transport was created. */
  at: number;
  fail: (reason?: string) => void;
}

export class FakeTransport implements SipTransport {
  readonly sent: SentMessage[] = [];
  private readonly origin: number;
  /** When set, every send fails at once (inside `send`), as a closed socket does. */
  failImmediately: string | null = null;

  constructor(private readonly clock: Clock) {
    this.origin = clock.now();
  }

  send(message: SipMessage, target: SendTarget, onError?: (error: TransportError) => void): void {
    const fail = (reason = 'unreachable') => onError?.(new TransportError(reason, target.endpoint));
    this.sent.push({ message, target, at: this.clock.now() - this.origin, fail });
    if (this.failImmediately !== null) fail(this.failImmediately);
  }

  sendBytes(bytes: Uint8Array, target: SendTarget, onError?: (error: TransportError) => void): void {
    const parsed = parseSipMessage(bytes, { stream: false });
    if (parsed.kind !== 'message') throw new Error('FakeTransport was handed bytes that do not parse');
    this.send(parsed.message, target, onError);
  }

  isReliable(protocol: TransportProtocol): boolean {
    return protocol !== 'udp';
  }

  /** Requests sent, as `METHOD@ms`. */
  requestLog(): string[] {
    return this.sent.filter((s) => s.message.isRequest).map((s) => `${(s.message as SipRequest).method}@${s.at}`);
  }

  /** Responses sent, as `STATUS@ms`. */
  responseLog(): string[] {
    return this.sent.filter((s) => !s.message.isRequest).map((s) => `${(s.message as SipResponse).status}@${s.at}`);
  }

  last(): SentMessage {
    const last = this.sent.at(-1);
    if (last === undefined) throw new Error('nothing was sent');
    return last;
  }
}
