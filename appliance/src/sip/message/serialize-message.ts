/**
 * SipRequest / SipResponse → bytes. Content-Length is always written from
 * the body actually sent, so a changed body can never be mis-framed.
 */
import type { SipMessage, SipRequest, SipResponse } from './sip-message.ts';

export function startLine(message: SipMessage): string {
  if (message.isRequest) {
    const r = message as SipRequest;
    return `${r.method} ${r.uri} ${r.version}`;
  }
  const r = message as SipResponse;
  return `${r.version} ${r.status} ${r.reason}`;
}

export function serializeMessage(message: SipMessage): Buffer {
  let head = `${startLine(message)}\r\n`;
  for (const h of message.headers) {
    if (h.name === 'content-length') continue;
    head += `${h.rawName}: ${h.value}\r\n`;
  }
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  if (message.body.length === 0) return Buffer.from(head, 'latin1');
  const headBytes = Buffer.from(head, 'latin1');
  const out = Buffer.allocUnsafe(headBytes.length + message.body.length);
  headBytes.copy(out, 0);
  out.set(message.body, headBytes.length);
  return out;
}
