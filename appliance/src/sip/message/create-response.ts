/**
 * A response to a request as RFC 3261 §8.2.6.2 builds it: the same Via
 * lines in order, From, To (with a tag added for anything but 100), Call-ID
 * and CSeq, then whatever headers the caller adds.
 */
import { reasonPhrase } from './reason-phrases.ts';
import { type HeaderField, type SipRequest, SipResponse } from './sip-message.ts';

export interface ResponseOptions {
  reason?: string;
  /** Added to To when the request's To has no tag (not for 100 Trying). */
  toTag?: string;
  headers?: [name: string, value: string][];
  body?: Uint8Array;
}

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

export function createResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  const headers: HeaderField[] = [];
  for (const h of request.headers) {
    if (!COPIED.has(h.name)) continue;
    if (h.name === 'to' && options.toTag && status > 100 && request.toTag() === null) {
      headers.push({ ...h, value: `${h.value};tag=${options.toTag}` });
    } else {
      headers.push({ ...h });
    }
  }
  const response = new SipResponse(status, options.reason ?? reasonPhrase(status), headers, options.body);
  for (const [name, value] of options.headers ?? []) response.append(name, value);
  return response;
}
