/**
 * What the transport does with one parse result before anything above sees
 * it (RFC 3261 §18.2.1, §18.1.2, RFC 3581): stamp `received` and `rport` on
 * the top Via of a request, answer a malformed request with 400 when a
 * response can be routed, and drop everything else that is malformed.
 * Pure: the transport layer performs the returned action.
 */
import {
  createResponse,
  getParam,
  type ParseResult,
  reasonPhrase,
  type SipRequest,
  type SipResponse,
  setParam,
  formatVia,
  type Via,
} from '../message/index.ts';
import type { Endpoint } from './transport-types.ts';

export type InboundAction =
  | { kind: 'deliver'; message: SipRequest | SipResponse }
  | { kind: 'reply'; response: SipResponse; reason: string }
  | { kind: 'drop'; reason: string };

/** Adds received= when the sent-by host is not the source address, and fills rport= when asked (RFC 3581 §4). */
export function stampVia(via: Via, source: Endpoint): boolean {
  let changed = false;
  if (via.host.replace(/^\[|\]$/g, '') !== source.address) {
    setParam(via.params, 'received', source.address);
    changed = true;
  }
  if (getParam(via.params, 'rport') === null) {
    setParam(via.params, 'rport', String(source.port));
    if (getParam(via.params, 'received') === undefined) setParam(via.params, 'received', source.address);
    changed = true;
  }
  return changed;
}

/** Rewrites the first Via line so its first via-parm carries received/rport. */
function stampRequest(request: SipRequest, source: Endpoint): void {
  const vias = request.vias();
  const top = vias?.[0];
  if (!top || !stampVia(top, source)) return;
  const line = request.headers.find((h) => h.name === 'via');
  if (!line) return;
  // The first Via line may hold several via-parms; only the first one changes.
  const rest = line.value.slice(firstViaParmLength(line.value));
  line.value = formatVia(top) + rest;
}

/** The length of the first via-parm in a Via line: up to the first comma outside quotes. */
function firstViaParmLength(value: string): number {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '"' && value.charAt(i - 1) !== '\\') quoted = !quoted;
    else if (c === ',' && !quoted) return i;
  }
  return value.length;
}

export function processInbound(result: Exclude<ParseResult, { kind: 'incomplete' }>, source: Endpoint): InboundAction {
  if (result.kind === 'message') {
    const message = result.message as SipRequest | SipResponse;
    if (message.isRequest) stampRequest(message as SipRequest, source);
    return { kind: 'deliver', message };
  }
  const partial = result.partial;
  const reason = result.error.message;
  // Only a request whose Via, From, To, Call-ID and CSeq are usable can be answered (§8.2.6.2).
  if (partial?.isRequest && partial.topVia() && partial.from() && partial.to() && partial.callId() && partial.cseq()) {
    const request = partial as SipRequest;
    stampRequest(request, source);
    const status = result.error.status;
    const response = createResponse(request, status, { reason: `${reasonPhrase(status)} (${reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)})` });
    return { kind: 'reply', response, reason };
  }
  return { kind: 'drop', reason };
}
