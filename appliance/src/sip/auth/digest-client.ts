/**
 * The answering side of SIP Digest: registering to a carrier, and later
 * authenticating outbound INVITEs (RFC 3261 §22.2-§22.3, RFC 7616 §3.4, RFC
 * 8760 §2.4). Given the challenges of a 401 / 407 it answers the topmost one
 * it can (servers list them most preferred first), with a fresh cnonce and
 * the next nonce count for that nonce. A challenge marked stale=true is
 * answered like any other: the password was right, only the nonce changed.
 */
import { AppError } from '../../errors.ts';
import { isToken } from '../message/index.ts';
import { isQuotable } from './auth-params.ts';
import { DIGEST_ALGORITHMS, type DigestAlgorithm, isKnownAlgorithm, isSessionAlgorithm } from './digest-algorithm.ts';
import { type DigestChallenge, parseDigestChallenge } from './digest-challenge.ts';
import { computeHa1, computeResponse, computeUserhash, toWireText } from './digest-compute.ts';
import { type DigestCredentials, formatDigestCredentials, formatNc } from './digest-credentials.ts';
import type { DigestParseError } from './digest-parse-error.ts';
import type { RandomBytes } from './random-bytes.ts';

/** `no-usable-challenge`: none parsed, matched the realm, had a known algorithm and qop auth (or none). */
export type DigestClientFailure = 'no-usable-challenge' | 'bad-input';

export class DigestClientError extends AppError {
  constructor(
    readonly failure: DigestClientFailure,
    message: string,
    /** Why each unparsable challenge was skipped. */
    readonly parseErrors: readonly DigestParseError[] = [],
  ) {
    super('sip_digest_client', message);
  }
}

export interface DigestClientOptions {
  random: RandomBytes;
  /** Algorithms we answer. Default: all of them. */
  algorithms?: readonly DigestAlgorithm[];
  /** Most nonces whose count is remembered. Default 64. */
  maxNonces?: number;
}

export interface AuthorizeInput {
  /** WWW-Authenticate or Proxy-Authenticate values, in the order received. */
  challenges: string | readonly string[];
  /** Ordinary text (sent as UTF-8). */
  username: string;
  password: string;
  method: string;
  /** The Request-URI of the request being authenticated, as it will be sent. */
  uri: string;
  /** Answer only a challenge of this realm (ordinary text). */
  realm?: string;
}

export interface Authorization {
  /** The header value; the header is credentialsHeaderFor(status). */
  value: string;
  challenge: DigestChallenge;
  credentials: DigestCredentials;
}

export type AuthorizeResult = { ok: true; value: Authorization } | { ok: false; error: DigestClientError };

/** Authorization answers a 401, Proxy-Authorization a 407 (RFC 3261 §22.2, §22.3). */
export function credentialsHeaderFor(status: 401 | 407): 'Authorization' | 'Proxy-Authorization' {
  return status === 407 ? 'Proxy-Authorization' : 'Authorization';
}

export class DigestClient {
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly maxNonces: number;
  /** Last nc sent per nonce; oldest first. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: DigestClientOptions) {
    this.algorithms = options.algorithms ?? DIGEST_ALGORITHMS;
    this.maxNonces = options.maxNonces ?? 64;
  }

  authorize(input: AuthorizeInput): AuthorizeResult {
    const username = toWireText(input.username);
    if (!isQuotable(username) || !isQuotable(input.uri) || !isToken(input.method)) {
      return { ok: false, error: new DigestClientError('bad-input', 'username, uri or method cannot be sent in a Digest header') };
    }
    const picked = this.pick(typeof input.challenges === 'string' ? [input.challenges] : input.challenges, input.realm);
    if (!picked.ok) return picked;
    const { challenge, algorithm } = picked;
    const qop = challenge.qop === undefined ? null : { qop: 'auth', nc: formatNc(this.nextCount(challenge.nonce)), cnonce: this.cnonce() };
    const response = computeResponse({
      algorithm,
      ha1: computeHa1({ algorithm, username, realm: challenge.realm, password: input.password }),
      nonce: challenge.nonce,
      method: input.method,
      uri: input.uri,
      qop,
    });
    const credentials: DigestCredentials = {
      username: challenge.userhash ? computeUserhash(algorithm, username, challenge.realm) : username,
      realm: challenge.realm,
      nonce: challenge.nonce,
      uri: input.uri,
      response,
      ...(challenge.algorithm === undefined ? {} : { algorithm }),
      ...(qop === null ? {} : qop),
      ...(challenge.opaque === undefined ? {} : { opaque: challenge.opaque }),
      ...(challenge.userhash ? { userhash: true } : {}),
    };
    return { ok: true, value: { value: formatDigestCredentials(credentials), challenge, credentials } };
  }

  private pick(
    values: readonly string[],
    realm: string | undefined,
  ): { ok: true; challenge: DigestChallenge; algorithm: DigestAlgorithm } | { ok: false; error: DigestClientError } {
    const wanted = realm === undefined ? undefined : toWireText(realm);
    const errors: DigestParseError[] = [];
    for (const value of values) {
      const parsed = parseDigestChallenge(value);
      if (!parsed.ok) {
        errors.push(parsed.error);
        continue;
      }
      const challenge = parsed.value;
      const algorithm = challenge.algorithm ?? 'MD5';
      if (wanted !== undefined && challenge.realm !== wanted) continue;
      if (!isKnownAlgorithm(algorithm) || !this.algorithms.includes(algorithm)) continue;
      const qopUsable = challenge.qop === undefined ? !isSessionAlgorithm(algorithm) : challenge.qop.includes('auth');
      if (qopUsable) return { ok: true, challenge, algorithm };
    }
    return { ok: false, error: new DigestClientError('no-usable-challenge', 'no Digest challenge this client can answer', errors) };
  }

  private nextCount(nonce: string): number {
    const next = (this.counts.get(nonce) ?? 0) + 1;
    this.counts.delete(nonce);
    this.counts.set(nonce, next);
    for (const key of this.counts.keys()) {
      if (this.counts.size <= this.maxNonces) break;
      this.counts.delete(key);
    }
    return next;
  }

  private cnonce(): string {
    return Buffer.from(this.options.random(16)).toString('hex');
  }
}
