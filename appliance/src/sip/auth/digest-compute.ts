/**
 * The Digest computations (RFC 7616 §3.4.1-§3.4.3, RFC 2617 §3.2.2, RFC 2069
 * §2.1.2), pure functions over strings:
 *
 *   HA1      = H(username ":" realm ":" password)
 *   HA1-sess = H(HA1 ":" nonce ":" cnonce)                 (algorithms *-sess)
 *   HA2      = H(method ":" digest-uri)                    (qop=auth or no qop)
 *   response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)   (qop=auth)
 *   response = H(HA1 ":" nonce ":" HA2)                    (no qop, RFC 2069)
 *
 * In SIP the method is the request's method and digest-uri its Request-URI
 * (RFC 3261 §22.4). H is lower-case hex of MD5, SHA-256 or SHA-512/256.
 *
 * Octets: every value taken from a message is *wire text* (one char per
 * octet, as the message layer gives it) and is hashed octet for octet; the
 * password is ordinary text and is hashed as UTF-8 (RFC 7616 §4, charset).
 * `toWireText` turns ordinary text (a configured username) into wire text.
 */
import { createHash } from 'node:crypto';
import { type DigestAlgorithm, hashName, isSessionAlgorithm } from './digest-algorithm.ts';


/** Text (e.g. from configuration) → the wire text of its UTF-8 octets. */
export function toWireText(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Wire text → text, decoding the octets as UTF-8. */
export function fromWireText(wire: string): string {
  return Buffer.from(wire, 'latin1').toString('utf8');
}

/**
 * H(parts joined by ':'). Parts are wire text (latin1: one char per octet);
 * `utf8Tail`, when given, is appended after a ':' as UTF-8 (a password).
 * Strings go to the hash directly: no Buffer per part on the REGISTER path.
 */
function digestHex(algorithm: DigestAlgorithm, parts: readonly string[], utf8Tail?: string): string {
  const hash = createHash(hashName(algorithm));
  hash.update(parts.join(':'), 'latin1');
  if (utf8Tail !== undefined) hash.update(`:${utf8Tail}`, 'utf8');
  return hash.digest('hex');
}

export interface Ha1Input {
  algorithm: DigestAlgorithm;
  /** Wire text. */
  username: string;
  /** Wire text. */
  realm: string;
  /** Ordinary text, hashed as UTF-8. */
  password: string;
}

/** H(username:realm:password) — what a user table may store instead of the password. */
export function computeHa1(input: Ha1Input): string {
  return digestHex(input.algorithm, [input.username, input.realm], input.password);
}

/** HA2 for qop=auth and for the RFC 2069 form: H(method:uri). */
export function computeHa2(algorithm: DigestAlgorithm, method: string, uri: string): string {
  return digestHex(algorithm, [method, uri]);
}

/** The qop=auth part of a response: qop as written, nc as 8 hex digits, cnonce. */
export interface QopAuth {
  qop: string;
  nc: string;
  cnonce: string;
}

export interface ResponseInput {
  algorithm: DigestAlgorithm;
  /** H(username:realm:password), from computeHa1 or a stored value; the -sess step is applied here. */
  ha1: string;
  nonce: string;
  method: string;
  uri: string;
  /** null for the RFC 2069 form (no qop, nc, cnonce). */
  qop: QopAuth | null;
}

/** The request-digest. Throws for a -sess algorithm without qop, which has no cnonce to fold in. */
export function computeResponse(input: ResponseInput): string {
  const { algorithm, nonce, qop } = input;
  let ha1 = input.ha1;
  if (isSessionAlgorithm(algorithm)) {
    if (qop === null) throw new RangeError(`${algorithm} needs qop (a cnonce) to compute HA1`);
    ha1 = digestHex(algorithm, [ha1, nonce, qop.cnonce]);
  }
  const ha2 = computeHa2(algorithm, input.method, input.uri);
  if (qop === null) return digestHex(algorithm, [ha1, nonce, ha2]);
  return digestHex(algorithm, [ha1, nonce, qop.nc, qop.cnonce, qop.qop, ha2]);
}

/** RFC 7616 §3.4.4: the username sent when userhash=true, H(username:realm). Both are wire text. */
export function computeUserhash(algorithm: DigestAlgorithm, username: string, realm: string): string {
  return digestHex(algorithm, [username, realm]);
}
