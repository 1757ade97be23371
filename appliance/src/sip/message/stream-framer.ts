/**
 * Splits a byte stream (TCP, TLS) into SIP messages: partial reads wait for
 * more bytes, one read may carry several messages, and the RFC 5626 CRLF
 * keep-alive ping between messages is reported so the transport can pong.
 */
import { leadingLineEnds, type ParseResult, parseSipMessage } from './parse-message.ts';
import { SipParseError } from './sip-parse-error.ts';

export type FramerOutput = ParseResult | { kind: 'ping' };

export class StreamFramer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBuffered = 2 * 1024 * 1024) {}

  /** Feeds bytes; returns the complete messages (or errors) they finish. */
  push(chunk: Uint8Array): FramerOutput[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const out: FramerOutput[] = [];
    for (;;) {
      const skip = leadingLineEnds(this.pending);
      if (skip > 0) {
        // A double CRLF on its own is a keep-alive ping (RFC 5626 §3.5.1).
        if (skip >= 4 && skip === this.pending.length) out.push({ kind: 'ping' });
        this.pending = this.pending.subarray(skip);
      }
      if (this.pending.length === 0) break;
      const result = parseSipMessage(this.pending, { stream: true });
      if (result.kind === 'incomplete') {
        if (this.pending.length > this.maxBuffered) {
          out.push({ kind: 'invalid', error: new SipParseError('message too large', 513), partial: null, consumed: this.pending.length });
          this.pending = Buffer.alloc(0);
        }
        break;
      }
      out.push(result);
      this.pending = this.pending.subarray(result.consumed);
    }
    return out;
  }

  get buffered(): number {
    return this.pending.length;
  }
}
