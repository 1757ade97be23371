/**
 * Which transaction a message belongs to, as a string key for a Map.
 *
 * - Responses to client transactions (RFC 3261 §17.1.3): the top Via branch
 *   and the CSeq method (so a CANCEL, which copies the INVITE's branch, has
 *   a transaction of its own).
 * - Requests to server transactions (§17.2.3): branch, sent-by and method,
 *   with ACK matched to its INVITE. When the branch lacks the `z9hG4bK`
 *   cookie (an RFC 2543 peer) the key is built from the Request-URI, To tag,
 *   From tag, Call-ID, CSeq and the top Via instead; an ACK then carries the
 *   To tag of the response it acknowledges, so the layer also files the
 *   INVITE transaction under that tag (see `serverKey`'s `toTag`).
 *
 * Branches are tokens and compared without regard to case (§7.3.1);
 * methods are case-sensitive (§7.1).
 */
import { BRANCH_COOKIE, formatVia, type SipMessage, type SipRequest, viaBranch } from '../message/index.ts';

/** Random bytes, e.g. node:crypto's `randomBytes`; injected so tests are repeatable. */
export type RandomSource = (byteCount: number) => Uint8Array;

/** A branch for a new client transaction: the RFC 3261 cookie and 96 random bits (§8.1.1.7). */
export function newBranch(random: RandomSource): string {
  return BRANCH_COOKIE + Buffer.from(random(12)).toString('hex');
}

export function hasMagicCookie(branch: string | null): branch is string {
  return branch?.startsWith(BRANCH_COOKIE) === true;
}

/** §17.1.3: top Via branch + CSeq method, for a request we send and the responses to it; null when either is missing. */
export function clientKey(message: SipMessage): string | null {
  const via = message.topVia();
  const branch = via ? viaBranch(via) : null;
  const cseq = message.cseq();
  if (branch === null || branch.length === 0 || cseq === null) return null;
  return `${branch.toLowerCase()} ${cseq.method}`;
}

export interface ServerKeyOverride {
  /** Match as if the request had this method (INVITE for an ACK or for finding the INVITE a CANCEL targets). */
  method?: string;
  /** RFC 2543 matching only: use this To tag (the tag of the response an ACK acknowledges). */
  toTag?: string | null;
}

/** §17.2.3: the key a request is matched under; ACK maps to INVITE. Null when the headers it needs are missing. */
export function serverKey(request: SipRequest, override: ServerKeyOverride = {}): string | null {
  const method = override.method ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  const via = request.topVia();
  if (via === null) return null;
  const branch = viaBranch(via);
  if (hasMagicCookie(branch)) {
    return `${branch.toLowerCase()} ${via.host.toLowerCase()}:${via.port ?? ''} ${method}`;
  }
  const cseq = request.cseq();
  const callId = request.callId();
  if (cseq === null || callId === null) return null;
  const toTag = override.toTag !== undefined ? override.toTag : request.toTag();
  return ['2543', request.uri, toTag ?? '', request.fromTag() ?? '', callId, cseq.seq, method, formatVia(via)].join(' ');
}

/** Whether a request is matched by the RFC 2543 rules (no magic cookie in its branch). */
export function isRfc2543(request: SipRequest): boolean {
  const via = request.topVia();
  return !hasMagicCookie(via ? viaBranch(via) : null);
}
