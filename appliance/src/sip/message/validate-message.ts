/**
 * The checks that make a structurally sound message acceptable to the stack
 * (RFC 3261 §8.2, §20, §25 and the invalid cases of RFC 4475 §3.1.2):
 * mandatory headers present and well-formed, scalar fields within range,
 * CSeq method equal to the request method, Request-URI without headers.
 */
import { getParam } from './params.ts';
import { parseUri } from './sip-uri.ts';
import type { SipMessage, SipRequest, SipResponse } from './sip-message.ts';
import { SipParseError } from './sip-parse-error.ts';

const MAX_CSEQ = 2 ** 31 - 1;
const MAX_DELTA_SECONDS = 2 ** 32 - 1;
const SINGLE = ['from', 'to', 'call-id', 'cseq', 'max-forwards', 'content-length', 'expires'];
/** RFC 1123 date as RFC 3261 §20.17 requires: always GMT. */
const SIP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export function validateMessage(message: SipMessage): SipParseError | null {
  const problem = message.isRequest ? checkRequestLine(message as SipRequest) : checkStatusLine(message as SipResponse);
  return problem ?? checkCommonHeaders(message);
}

function checkRequestLine(request: SipRequest): SipParseError | null {
  if (request.version !== 'SIP/2.0') return new SipParseError(`unsupported version ${request.version.slice(0, 16)}`, 505);
  const uri = parseUri(request.uri);
  if (uri === null) return new SipParseError('bad Request-URI');
  if ((uri.scheme === 'sip' || uri.scheme === 'sips') && uri.headers !== null) return new SipParseError('Request-URI carries headers');
  const cseq = request.cseq();
  if (cseq !== null && cseq.method !== request.method) return new SipParseError('CSeq method does not match the request method');
  return null;
}

function checkStatusLine(response: SipResponse): SipParseError | null {
  if (response.version !== 'SIP/2.0') return new SipParseError('unsupported version', 505);
  if (response.status < 100 || response.status > 699) return new SipParseError('bad status code');
  return null;
}

function checkCommonHeaders(m: SipMessage): SipParseError | null {
  const counts = m.countLines();
  for (const name of SINGLE) if ((counts.get(name) ?? 0) > 1) return new SipParseError(`more than one ${name} header`);
  const vias = m.vias();
  if (vias === null || vias.length === 0) return new SipParseError(vias === null ? 'malformed Via' : 'missing Via');
  if (vias[0]?.protocol !== 'SIP' || vias[0]?.version !== '2.0') return new SipParseError('unsupported Via protocol', 505);
  if (!counts.has('from') || m.from() === null) return new SipParseError(counts.has('from') ? 'malformed From' : 'missing From');
  if (!counts.has('to') || m.to() === null) return new SipParseError(counts.has('to') ? 'malformed To' : 'missing To');
  const callId = m.callId();
  if (callId === null || callId.length === 0 || /[\s]/.test(callId)) return new SipParseError('missing or malformed Call-ID');
  const cseq = m.cseq();
  if (cseq === null) return new SipParseError(counts.has('cseq') ? 'malformed CSeq' : 'missing CSeq');
  if (cseq.seq > MAX_CSEQ) return new SipParseError('CSeq number out of range');
  if (counts.has('max-forwards')) {
    const hops = m.integer('max-forwards');
    if (hops === null || hops > 255) return new SipParseError('bad Max-Forwards');
  }
  if (counts.has('expires')) {
    const expires = m.integer('expires');
    if (expires === null || expires > MAX_DELTA_SECONDS) return new SipParseError('bad Expires');
  }
  if (counts.has('contact')) {
    const contacts = m.contacts();
    if (contacts === null) return new SipParseError('malformed Contact');
    if (contacts !== '*') {
      for (const c of contacts) {
        const expires = getParam(c.params, 'expires');
        if (expires !== undefined && (expires === null || !/^\d{1,10}$/.test(expires) || Number(expires) > MAX_DELTA_SECONDS)) {
          return new SipParseError('bad Contact expires');
        }
      }
    }
  }
  const date = counts.has('date') ? m.get('date') : undefined;
  if (date !== undefined && !SIP_DATE.test(date)) return new SipParseError('bad Date');
  return null;
}
