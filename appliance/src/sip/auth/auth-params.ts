/**
 * The shared shape of challenges and credentials (RFC 3261 §25.1, from
 * RFC 2617 §1.2 / RFC 7235 §2.1):
 *
 *   "Digest" LWS auth-param *( COMMA auth-param )
 *   auth-param = token EQUAL ( token / quoted-string )
 *
 * Values may be tokens or quoted strings whatever the parameter, in any
 * order, with SWS around `=` and `,`. Names compare case-insensitively and
 * may appear once. The value is kept unquoted; `quoted` says how it came.
 */
import { unquote } from '../message/index.ts';
import { isToken, Scanner } from '../message/index.ts';
import { type DigestParseResult, parseFailure } from './digest-parse-error.ts';

export interface AuthParam {
  /** As written. */
  name: string;
  /** Unquoted, escapes resolved; wire text (one char per octet). */
  value: string;
  quoted: boolean;
}

/** Parameters by lower-case name, in the order they came. */
export type AuthParams = Map<string, AuthParam>;

function scanValue(s: Scanner): { value: string; quoted: boolean } | null {
  if (s.peek() === '"') {
    const q = s.quotedString();
    return q === null ? null : { value: unquote(q), quoted: true };
  }
  const t = s.token();
  return t === null ? null : { value: t, quoted: false };
}

/** Parses a `Digest …` header value into its parameters. Never throws. */
export function parseDigestParams(text: string): DigestParseResult<AuthParams> {
  const s = new Scanner(text);
  s.skipWs();
  const scheme = s.token();
  if (scheme === null) return parseFailure('syntax', 'no auth scheme');
  if (scheme.toLowerCase() !== 'digest') return parseFailure('not-digest', 'the auth scheme is not Digest');
  const afterScheme = s.pos;
  s.skipWs();
  if (s.pos === afterScheme || s.done) return parseFailure('syntax', 'no parameters after Digest');
  const params: AuthParams = new Map();
  for (;;) {
    const name = s.token();
    if (name === null) return parseFailure('syntax', `parameter name expected at offset ${s.pos}`);
    if (!s.separator('=')) return parseFailure('syntax', `"=" expected after ${name}`, name);
    const value = scanValue(s);
    if (value === null) return parseFailure('syntax', `token or terminated quoted-string expected for ${name}`, name);
    const key = name.toLowerCase();
    if (params.has(key)) return parseFailure('duplicate', `${name} given twice`, name);
    params.set(key, { name, ...value });
    s.skipWs();
    if (s.done) return { ok: true, value: params };
    if (!s.separator(',')) return parseFailure('syntax', `"," expected at offset ${s.pos}`);
  }
}

/** CR and LF cannot appear in a quoted-string, even escaped; wire text has no code above 255. */
export function isQuotable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c > 255) return false;
  }
  return true;
}

/** A quoted-string: `"` and `\` escaped, other controls (not CR, LF, HTAB) as quoted-pairs (RFC 3261 §25.1). */
function quoteValue(value: string): string {
  if (!needsQuotedPairs(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const needsPair = c === 34 || c === 92 || (c < 32 && c !== 9) || c === 127;
    out += needsPair ? `\\${value.charAt(i)}` : value.charAt(i);
  }
  return `${out}"`;
}

function needsQuotedPairs(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 92 || (c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

/** One `name=value` item; quoted unless `token` is set and the value is a token. */
export function formatParam(name: string, value: string, token = false): string {
  if (token && isToken(value)) return `${name}=${value}`;
  if (!isQuotable(value)) throw new RangeError(`digest parameter ${name} holds a character a quoted-string cannot carry`);
  return `${name}=${quoteValue(value)}`;
}

export function formatDigest(items: readonly string[]): string {
  return `Digest ${items.join(', ')}`;
}
