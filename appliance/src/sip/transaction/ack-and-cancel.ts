/**
 * The two requests the transaction layer derives from a request it sent:
 * the ACK for a non-2xx final response (RFC 3261 §17.1.1.3), which the INVITE
 * client transaction sends itself, and a CANCEL (§9.1), which the TU sends as
 * a client transaction of its own. Both reuse the original's top Via (and so
 * its branch), Request-URI, Call-ID, From, CSeq number and Route set.
 */
import { formatVia, SipRequest, type SipResponse } from '../message/index.ts';
import { TransactionUsageError } from './transaction-errors.ts';

function hopByHop(original: SipRequest, method: 'ACK' | 'CANCEL', to: string): SipRequest {
  const via = original.topVia();
  const cseq = original.cseq();
  const from = original.get('from');
  const callId = original.callId();
  if (via === null || cseq === null || from === undefined || callId === null) {
    throw new TransactionUsageError(`cannot build ${method}: the original request lacks Via, CSeq, From or Call-ID`);
  }
  const request = new SipRequest(method, original.uri);
  request.append('Via', formatVia(via));
  for (const route of original.getAll('route')) request.append('Route', route);
  request.append('Max-Forwards', String(original.integer('max-forwards') ?? 70));
  request.append('From', from);
  request.append('To', to);
  request.append('Call-ID', callId);
  request.append('CSeq', `${cseq.seq} ${method}`);
  return request;
}

/** §17.1.1.3: the ACK for a 300-699 response; its To is the response's (with the tag). */
export function createNon2xxAck(invite: SipRequest, response: SipResponse): SipRequest {
  return hopByHop(invite, 'ACK', response.get('to') ?? invite.get('to') ?? '');
}

/** §9.1: a CANCEL for a pending request; its To is the request's. Send it to the same target. */
export function createCancel(request: SipRequest): SipRequest {
  if (request.method === 'ACK' || request.method === 'CANCEL') {
    throw new TransactionUsageError(`${request.method} cannot be cancelled`);
  }
  return hopByHop(request, 'CANCEL', request.get('to') ?? '');
}
