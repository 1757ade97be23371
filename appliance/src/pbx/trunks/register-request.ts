/**
 * The REGISTER the box sends to a carrier (RFC 3261 §10.2) and what it reads
 * back from the answer: the expiry granted, Min-Expires, Retry-After, and
 * which input of the registration machine a final response is.
 */
import {
  type Authorization,
  createInitialRequest,
  credentialsHeaderFor,
  type LocalIdentity,
  type SipRequest,
  type SipResponse,
  type TransportProtocol,
} from '../../sip/index.ts';
import type { RegistrationInput } from './registration-machine.ts';

/** One registration's fixed parts: a UA keeps Call-ID and From tag for all its REGISTERs to a registrar (§10.2). */
export interface RegisterDialog {
  /** The registrar's domain: Request-URI `sip:<domain>`, From/To `sip:<user>@<domain>`. */
  domain: string;
  username: string;
  protocol: TransportProtocol;
  callId: string;
  fromTag: string;
  local: LocalIdentity;
}

export interface RegisterOptions {
  cseq: number;
  branch: string;
  expires: number;
  /** The answer to the last challenge, with the status it answers. */
  authorization: { status: 401 | 407; value: Authorization } | null;
}

export const registrarUri = (domain: string) => `sip:${domain}`;

export function buildRegister(d: RegisterDialog, o: RegisterOptions): SipRequest {
  const aor = `<sip:${d.username}@${d.domain}>`;
  const headers: [string, string][] = [['Expires', String(o.expires)]];
  if (o.authorization) headers.push([credentialsHeaderFor(o.authorization.status), o.authorization.value.value]);
  return createInitialRequest({
    method: 'REGISTER',
    requestUri: registrarUri(d.domain),
    from: aor,
    fromTag: d.fromTag,
    to: aor,
    callId: d.callId,
    cseq: o.cseq,
    branch: o.branch,
    protocol: d.protocol,
    local: d.local,
    contactUser: d.username,
    headers,
  });
}

/**
 * The expiry the registrar granted our contact (§10.2.4): the `expires`
 * parameter of our Contact in the 2xx, else the Expires header, else what
 * we asked. A registrar behind NAT handling may rewrite the Contact, so a
 * lone Contact counts as ours.
 */
export function grantedExpires(response: SipResponse, d: RegisterDialog, requested: number): number {
  const contacts = response.contacts();
  if (Array.isArray(contacts)) {
    const ours =
      contacts.find((c) => c.uri.user === d.username && c.uri.host === d.local.host && (c.uri.port ?? 5060) === d.local.port) ??
      (contacts.length === 1 ? contacts[0] : undefined);
    const param = ours?.params.find(([name]) => name.toLowerCase() === 'expires')?.[1];
    if (param !== undefined && param !== null && /^\d{1,10}$/.test(param)) return Number(param);
  }
  return response.integer('Expires') ?? requested;
}

/** A final response as an input of the registration machine; challenges are left to the client (they need the digest). */
export function finalInput(response: SipResponse, d: RegisterDialog, requested: number): RegistrationInput {
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: 'ok', expires: grantedExpires(response, d, requested) };
  if (status === 423) return { kind: 'too-brief', minExpires: response.integer('Min-Expires') };
  if (status === 403) return { kind: 'forbidden' };
  return { kind: 'rejected', status, retryAfterS: response.integer('Retry-After') };
}
