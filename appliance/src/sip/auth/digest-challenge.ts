/**
 * A Digest challenge, the value of WWW-Authenticate (401 from a registrar or
 * UAS) or Proxy-Authenticate (407 from a proxy), RFC 3261 §22.1, §22.4;
 * RFC 7616 §3.3. A server may send several, one per algorithm, most
 * preferred first (RFC 8760 §2.3); each one is parsed on its own.
 *
 *   Digest realm="pbx.example", nonce="…", qop="auth", algorithm=SHA-256,
 *          opaque="…", stale=true, userhash=false
 */
import { isToken } from '../message/index.ts';
import { type AuthParam, type AuthParams, formatDigest, formatParam, parseDigestParams } from './auth-params.ts';
import { algorithmText, type DigestAlgorithm, parseAlgorithm, type UnknownAlgorithm } from './digest-algorithm.ts';
import { type DigestParseResult, parseFailure } from './digest-parse-error.ts';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** Absent means MD5 (RFC 7616 §3.3). */
  algorithm?: DigestAlgorithm | UnknownAlgorithm;
  /** qop-options, lower-cased; absent for an RFC 2069 challenge. */
  qop?: string[];
  opaque?: string;
  /** The previous request had a correct digest but an old nonce: retry without asking the user. */
  stale?: boolean;
  domain?: string;
  charset?: string;
  /** RFC 7616 §3.4.4: the server accepts a hashed username. */
  userhash?: boolean;
  /** auth-params this parser does not interpret, kept for re-serialization. */
  extensions?: AuthParam[];
}

const KNOWN = new Set(['realm', 'nonce', 'algorithm', 'qop', 'opaque', 'stale', 'domain', 'charset', 'userhash']);

/** `auth, auth-int` (quoted list, RFC 2617 §3.2.1) → ['auth', 'auth-int']; null when an item is not a token. */
export function parseQopOptions(value: string): string[] | null {
  const items = value.split(',').map((v) => v.trim().toLowerCase());
  return items.every((v) => isToken(v)) ? items : null;
}

function booleanParam(params: AuthParams, key: string): boolean | null | undefined {
  const raw = params.get(key)?.value;
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : null;
}

function fromParams(params: AuthParams): DigestParseResult<DigestChallenge> {
  const realm = params.get('realm')?.value;
  const nonce = params.get('nonce')?.value;
  if (realm === undefined) return parseFailure('missing', 'realm is required', 'realm');
  if (nonce === undefined) return parseFailure('missing', 'nonce is required', 'nonce');
  const challenge: DigestChallenge = { realm, nonce };
  const algorithm = params.get('algorithm')?.value;
  if (algorithm !== undefined) challenge.algorithm = parseAlgorithm(algorithm);
  const qop = params.get('qop')?.value;
  if (qop !== undefined) {
    const options = parseQopOptions(qop);
    if (options === null) return parseFailure('bad-value', 'qop must be a list of tokens', 'qop');
    challenge.qop = options;
  }
  // RFC 2617 §3.2.1: anything but a case-insensitive "true" means false.
  const stale = params.get('stale')?.value;
  if (stale !== undefined) challenge.stale = stale.toLowerCase() === 'true';
  const userhash = booleanParam(params, 'userhash');
  if (userhash === null) return parseFailure('bad-value', 'userhash must be true or false', 'userhash');
  if (userhash !== undefined) challenge.userhash = userhash;
  for (const key of ['opaque', 'domain', 'charset'] as const) {
    const v = params.get(key)?.value;
    if (v !== undefined) challenge[key] = v;
  }
  const extensions = [...params.entries()].filter(([key]) => !KNOWN.has(key)).map(([, p]) => p);
  if (extensions.length > 0) challenge.extensions = extensions;
  return { ok: true, value: challenge };
}

/** Parses one WWW-Authenticate / Proxy-Authenticate value. Never throws. */
export function parseDigestChallenge(text: string): DigestParseResult<DigestChallenge> {
  const params = parseDigestParams(text);
  return params.ok ? fromParams(params.value) : params;
}

/** The header value. Values are wire text; throws RangeError on a value no quoted-string can carry. */
export function formatDigestChallenge(c: DigestChallenge): string {
  const items = [formatParam('realm', c.realm), formatParam('nonce', c.nonce)];
  if (c.opaque !== undefined) items.push(formatParam('opaque', c.opaque));
  if (c.algorithm !== undefined) items.push(formatParam('algorithm', algorithmText(c.algorithm), true));
  if (c.qop !== undefined) items.push(formatParam('qop', c.qop.join(',')));
  if (c.stale) items.push('stale=true');
  if (c.domain !== undefined) items.push(formatParam('domain', c.domain));
  if (c.charset !== undefined) items.push(formatParam('charset', c.charset, true));
  if (c.userhash !== undefined) items.push(`userhash=${c.userhash}`);
  for (const p of c.extensions ?? []) items.push(formatParam(p.name, p.value, !p.quoted));
  return formatDigest(items);
}
