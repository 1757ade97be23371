/**
 * The verifying side of SIP Digest (RFC 3261 §22.1-§22.4, RFC 7616, RFC
 * 8760): what a registrar or UAS calls to challenge a request and to check
 * the credentials of the retry. A proxy uses the same with `proxy: true`
 * (407, Proxy-Authenticate / Proxy-Authorization).
 *
 *   request without credentials ─► challenge() ─► 401 with one header per algorithm
 *   retry with credentials ─► verify() ─► ok | stale (401, stale=true) | invalid (401) | malformed (400)
 *
 * Every refusal the network may learn of is `invalid`; the precise reason is
 * in `reason`, for logs. An unknown user costs the same work as a wrong
 * password: the response is computed from a random dummy password.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SipRequest } from '../message/index.ts';
import { trimWs } from '../message/index.ts';
import { isQuotable } from './auth-params.ts';
import { type DigestAlgorithm, isKnownAlgorithm, isSessionAlgorithm } from './digest-algorithm.ts';
import { formatDigestChallenge } from './digest-challenge.ts';
import { computeHa1, computeResponse, fromWireText, type QopAuth, toWireText } from './digest-compute.ts';
import { type DigestCredentials, ncCount, parseDigestCredentials } from './digest-credentials.ts';
import type { DigestParseError } from './digest-parse-error.ts';
import type { NonceManager } from './nonce-manager.ts';
import type { RandomBytes } from './random-bytes.ts';

export interface DigestServerOptions {
  /** Our protection space, e.g. the box's SIP domain (RFC 3261 §22.1). */
  realm: string;
  nonces: NonceManager;
  random: RandomBytes;
  /** Offered in this order, most preferred first (RFC 8760 §2.3). Default SHA-256 then MD5. */
  algorithms?: readonly DigestAlgorithm[];
  /** Sent in every challenge and required back unchanged when set. */
  opaque?: string;
  /** 407 / Proxy-Authenticate / Proxy-Authorization instead of 401 / WWW-Authenticate / Authorization. */
  proxy?: boolean;
  /** Accept RFC 2069 credentials (no qop, so no nc replay check within the nonce lifetime). Default false. */
  allowNoQop?: boolean;
}

export interface DigestChallengeHeaders {
  status: 401 | 407;
  header: 'WWW-Authenticate' | 'Proxy-Authenticate';
  /** One value per offered algorithm, in preference order; add each as its own header line. */
  values: string[];
}

/** The user's plain password, or null when there is no such user. `username` is decoded as UTF-8. */
export type SecretLookup = (username: string, realm: string) => string | null;

export type InvalidReason =
  | 'unknown-user'
  | 'wrong-password'
  | 'realm-mismatch'
  | 'uri-mismatch'
  | 'algorithm-not-offered'
  | 'qop-missing'
  | 'qop-unsupported'
  | 'opaque-mismatch'
  | 'userhash-unsupported'
  | 'nonce-forged'
  | 'replay';

export type DigestVerifyResult =
  | { kind: 'ok'; username: string; algorithm: DigestAlgorithm }
  /** The digest was right but the nonce is too old or was forgotten: challenge again with stale=true. */
  | { kind: 'stale'; username: string; algorithm: DigestAlgorithm }
  /** Answer with a fresh challenge; never tell the network which reason it was. */
  | { kind: 'invalid'; reason: InvalidReason; username: string | null }
  | { kind: 'malformed'; error: DigestParseError }
  /** No credentials for our realm: challenge (not a failed attempt). */
  | { kind: 'missing' };

const DEFAULT_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];

export class DigestServer {
  readonly credentialsHeader: 'Authorization' | 'Proxy-Authorization';
  private readonly realm: string;
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly dummyPassword: string;

  constructor(private readonly options: DigestServerOptions) {
    this.realm = toWireText(options.realm);
    if (!isQuotable(this.realm)) throw new RangeError('the realm cannot be carried in a quoted-string');
    this.algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
    if (this.algorithms.length === 0) throw new RangeError('offer at least one digest algorithm');
    this.credentialsHeader = options.proxy ? 'Proxy-Authorization' : 'Authorization';
    this.dummyPassword = Buffer.from(options.random(16)).toString('hex');
  }

  /** The challenge headers for a 401 / 407; one fresh nonce shared by all algorithms. */
  challenge(options: { stale?: boolean } = {}): DigestChallengeHeaders {
    const nonce = this.options.nonces.issue();
    const values = this.algorithms.map((algorithm) =>
      formatDigestChallenge({
        realm: this.realm,
        nonce,
        algorithm,
        qop: ['auth'],
        ...(this.options.opaque === undefined ? {} : { opaque: this.options.opaque }),
        ...(options.stale ? { stale: true } : {}),
      }),
    );
    return this.options.proxy
      ? { status: 407, header: 'Proxy-Authenticate', values }
      : { status: 401, header: 'WWW-Authenticate', values };
  }

  /**
   * Checks the credentials of a request: `credentials` are the values of
   * its Authorization (or Proxy-Authorization) header lines; the one for our
   * realm is used (RFC 3261 §22.3).
   */
  verify(request: SipRequest, credentials: string | readonly string[] | undefined, lookup: SecretLookup): DigestVerifyResult {
    const selected = this.select(typeof credentials === 'string' ? [credentials] : (credentials ?? []));
    if (selected.kind !== 'found') return selected;
    const c = selected.credentials;
    const username = fromWireText(c.username);
    const early = this.precheck(request, c);
    if (typeof early !== 'string') return { kind: 'invalid', reason: early.invalid, username };
    const algorithm = early;
    const nonce = this.options.nonces.check(c.nonce);
    if (nonce.kind === 'forged') return { kind: 'invalid', reason: 'nonce-forged', username };
    const password = lookup(username, this.options.realm);
    const expected = computeResponse({
      algorithm,
      ha1: computeHa1({ algorithm, username: c.username, realm: this.realm, password: password ?? this.dummyPassword }),
      nonce: c.nonce,
      method: request.method,
      uri: c.uri,
      qop: qopPart(c),
    });
    const matches = sameHex(expected, c.response);
    if (password === null) return { kind: 'invalid', reason: 'unknown-user', username };
    if (!matches) return { kind: 'invalid', reason: 'wrong-password', username };
    if (nonce.kind === 'expired') return { kind: 'stale', username, algorithm };
    if (c.qop === undefined || c.nc === undefined) return { kind: 'ok', username, algorithm };
    const count = this.options.nonces.recordCount(c.nonce, ncCount(c.nc), nonce);
    if (count === 'accepted') return { kind: 'ok', username, algorithm };
    if (count === 'replay') return { kind: 'invalid', reason: 'replay', username };
    if (count === 'forged') return { kind: 'invalid', reason: 'nonce-forged', username };
    return { kind: 'stale', username, algorithm };
  }

  private select(values: readonly string[]): { kind: 'found'; credentials: DigestCredentials } | DigestVerifyResult {
    let firstError: DigestParseError | null = null;
    let other: DigestCredentials | null = null;
    for (const value of values) {
      const parsed = parseDigestCredentials(value);
      if (!parsed.ok) {
        firstError ??= parsed.error;
        continue;
      }
      if (parsed.value.realm === this.realm) return { kind: 'found', credentials: parsed.value };
      other ??= parsed.value;
    }
    if (firstError !== null) return { kind: 'malformed', error: firstError };
    if (other !== null) return { kind: 'invalid', reason: 'realm-mismatch', username: fromWireText(other.username) };
    return { kind: 'missing' };
  }

  /** Checks that need no secret, so they say nothing about whether the user exists. */
  private precheck(request: SipRequest, c: DigestCredentials): DigestAlgorithm | { invalid: InvalidReason } {
    const algorithm = c.algorithm ?? 'MD5';
    if (!isKnownAlgorithm(algorithm) || !this.algorithms.includes(algorithm)) return { invalid: 'algorithm-not-offered' };
    if (trimWs(c.uri) !== trimWs(request.uri)) return { invalid: 'uri-mismatch' };
    if (c.userhash === true) return { invalid: 'userhash-unsupported' };
    if (c.qop === undefined) {
      if (!this.options.allowNoQop || isSessionAlgorithm(algorithm)) return { invalid: 'qop-missing' };
    } else if (c.qop.toLowerCase() !== 'auth') {
      return { invalid: 'qop-unsupported' };
    }
    if (this.options.opaque !== undefined && c.opaque !== this.options.opaque) return { invalid: 'opaque-mismatch' };
    return algorithm;
  }
}

/** The qop=auth inputs; the parser guarantees nc and cnonce whenever qop is present. */
function qopPart(c: DigestCredentials): QopAuth | null {
  if (c.qop === undefined || c.nc === undefined || c.cnonce === undefined) return null;
  return { qop: c.qop, nc: c.nc, cnonce: c.cnonce };
}

/** Constant-time for equal lengths; the length only tells the algorithm, which is public. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'latin1');
  const b = Buffer.from(given.toLowerCase(), 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}
