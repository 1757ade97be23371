/**
 * What a REGISTER does to an address-of-record (RFC 3261 §10.3 steps 6–8),
 * as a pure function: the caller has already authenticated the request and
 * matched its To user to the extension. Returns the response to send and the
 * binding changes to make.
 */
import { formatUri, getParam, type SipRequest } from '../../sip/index.ts';
import type { Endpoint } from '../../sip/index.ts';
import type { Binding } from './binding.ts';

export interface RegisterPolicy {
  minExpires: number;
  maxExpires: number;
  defaultExpires: number;
  maxContacts: number;
}

export const DEFAULT_REGISTER_POLICY: RegisterPolicy = { minExpires: 60, maxExpires: 7200, defaultExpires: 3600, maxContacts: 5 };

export interface RegisterInput {
  request: SipRequest;
  aor: string;
  existing: readonly Binding[];
  now: number;
  policy: RegisterPolicy;
  source: Endpoint;
  connectionId: number | null;
}

export type RegisterDecision =
  | { kind: 'reject'; status: number; reason?: string; headers: [string, string][] }
  | { kind: 'accept'; upserts: Binding[]; removals: string[]; bindings: Binding[] };

const reject = (status: number, reason?: string, headers: [string, string][] = []): RegisterDecision => ({ kind: 'reject', status, reason, headers });

export function decideRegister(input: RegisterInput): RegisterDecision {
  const { request, policy, now } = input;
  const contacts = request.contacts();
  const callId = request.callId() as string;
  const cseq = request.cseq()?.seq as number;
  const headerExpires = request.integer('expires');
  if (contacts === null) return reject(400, 'Bad Contact');

  // Step 6: the wildcard removes every binding, and only with Expires: 0 and no other contact.
  if (contacts === '*') {
    if (headerExpires !== 0) return reject(400, 'Wildcard Contact needs Expires: 0');
    const stale = input.existing.find((b) => b.callId === callId && cseq <= b.cseq);
    if (stale) return reject(500, 'Out-of-order REGISTER');
    return { kind: 'accept', upserts: [], removals: input.existing.map((b) => b.contact), bindings: [] };
  }

  const current = new Map(input.existing.map((b) => [b.contact, b]));
  const upserts: Binding[] = [];
  const removals: string[] = [];
  for (const c of contacts) {
    const param = getParam(c.params, 'expires');
    const asked = typeof param === 'string' ? Number(param) : (headerExpires ?? policy.defaultExpires);
    // Step 7: too brief (but not zero) is refused with the minimum we accept.
    if (asked !== 0 && asked < policy.minExpires) return reject(423, undefined, [['Min-Expires', String(policy.minExpires)]]);
    const expires = Math.min(asked, policy.maxExpires);
    const key = formatUri(c.uri);
    const existing = current.get(key);
    // Step 8: same Call-ID needs a higher CSeq, or the update is out of order.
    if (existing && existing.callId === callId && cseq <= existing.cseq) return reject(500, 'Out-of-order REGISTER');
    if (expires === 0) {
      if (existing) {
        removals.push(key);
        current.delete(key);
      }
      continue;
    }
    const q = getParam(c.params, 'q');
    const binding: Binding = {
      aor: input.aor,
      contact: key,
      callId,
      cseq,
      q: typeof q === 'string' && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q) ? Number(q) : null,
      expiresAt: now + expires * 1000,
      registeredAt: now,
      source: input.source,
      connectionId: input.connectionId,
      userAgent: request.get('user-agent') ?? null,
    };
    upserts.push(binding);
    current.set(key, binding);
  }
  // Keep the newest contacts when a phone (or an attacker) piles them up.
  const ordered = [...current.values()].sort((a, b) => b.registeredAt - a.registeredAt);
  for (const dropped of ordered.slice(policy.maxContacts)) {
    removals.push(dropped.contact);
    current.delete(dropped.contact);
  }
  const kept = new Set(current.keys());
  return { kind: 'accept', upserts: upserts.filter((b) => kept.has(b.contact)), removals, bindings: [...current.values()] };
}

/** The Contact header values of a 200 OK: every binding with its remaining time. */
export function contactHeaders(bindings: readonly Binding[], now: number): string[] {
  return bindings.map((b) => `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`);
}
