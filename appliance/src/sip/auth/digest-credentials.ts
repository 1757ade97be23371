/**
 * Digest credentials, the value of Authorization (answering a 401) or
 * Proxy-Authorization (answering a 407), RFC 3261 §22.2-§22.4; RFC 7616 §3.4.
 *
 *   Digest username="1001", realm="pbx.example", nonce="…", uri="sip:pbx.example",
 *          response="…", algorithm=MD5, cnonce="…", qop=auth, nc=00000001
 *
 * With qop, cnonce and nc are required (RFC 7616 §3.4). `nc` stays as the
 * 8 hex digits written, since those exact characters enter the response.
 */
import { isToken } from '../message/index.ts';
import { type AuthParam, type AuthParams, formatDigest, formatParam, parseDigestParams } from './auth-params.ts';
import { algorithmText, type DigestAlgorithm, parseAlgorithm, type UnknownAlgorithm } from './digest-algorithm.ts';
import { type DigestParseResult, parseFailure } from './digest-parse-error.ts';

export interface DigestCredentials {
  /** Wire text; the hashed username when `userhash` is true. */
  username: string;
  realm: string;
  nonce: string;
  /** The Request-URI the client digested (RFC 3261 §22.4: digest-uri). */
  uri: string;
  /** Hex digest as sent. */
  response: string;
  /** Absent means MD5. */
  algorithm?: DigestAlgorithm | UnknownAlgorithm;
  cnonce?: string;
  opaque?: string;
  /** As written (e.g. `auth`); absent for the RFC 2069 form. */
  qop?: string;
  /** Nonce count, exactly 8 hex digits. */
  nc?: string;
  userhash?: boolean;
  extensions?: AuthParam[];
}

const REQUIRED = ['username', 'realm', 'nonce', 'uri', 'response'] as const;
const KNOWN = new Set([...REQUIRED, 'algorithm', 'cnonce', 'opaque', 'qop', 'nc', 'userhash']);
const NC = /^[0-9A-Fa-f]{8}$/;
const HEX = /^[0-9A-Fa-f]{1,128}$/;

/** The nonce count as a number (nc values are hex). */
export function ncCount(nc: string): number {
  return Number.parseInt(nc, 16);
}

/** 1 → `00000001`. */
export function formatNc(count: number): string {
  if (!Number.isInteger(count) || count < 1 || count > 0xffffffff) throw new RangeError(`nonce count ${count} out of range`);
  return count.toString(16).padStart(8, '0');
}

function optional(params: AuthParams, c: DigestCredentials): DigestParseResult<DigestCredentials> {
  const algorithm = params.get('algorithm')?.value;
  if (algorithm !== undefined) c.algorithm = parseAlgorithm(algorithm);
  for (const key of ['cnonce', 'opaque', 'qop', 'nc'] as const) {
    const v = params.get(key)?.value;
    if (v !== undefined) c[key] = v;
  }
  if (c.qop !== undefined && !isToken(c.qop)) return parseFailure('bad-value', 'qop must be one token', 'qop');
  if (c.nc !== undefined && !NC.test(c.nc)) return parseFailure('bad-value', 'nc must be 8 hex digits', 'nc');
  if (c.qop !== undefined && c.cnonce === undefined) return parseFailure('missing', 'cnonce is required with qop', 'cnonce');
  if (c.qop !== undefined && c.nc === undefined) return parseFailure('missing', 'nc is required with qop', 'nc');
  const userhash = params.get('userhash')?.value.toLowerCase();
  if (userhash !== undefined && userhash !== 'true' && userhash !== 'false') {
    return parseFailure('bad-value', 'userhash must be true or false', 'userhash');
  }
  if (userhash !== undefined) c.userhash = userhash === 'true';
  const extensions = [...params.entries()].filter(([key]) => !KNOWN.has(key)).map(([, p]) => p);
  if (extensions.length > 0) c.extensions = extensions;
  return { ok: true, value: c };
}

function fromParams(params: AuthParams): DigestParseResult<DigestCredentials> {
  if (params.has('username*')) return parseFailure('unsupported', 'username* (RFC 7616 §3.4.4 extended notation) is not supported', 'username*');
  for (const key of REQUIRED) if (!params.has(key)) return parseFailure('missing', `${key} is required`, key);
  const value = (key: (typeof REQUIRED)[number]) => (params.get(key) as AuthParam).value;
  const response = value('response');
  if (!HEX.test(response)) return parseFailure('bad-value', 'response must be hex digits', 'response');
  const c: DigestCredentials = { username: value('username'), realm: value('realm'), nonce: value('nonce'), uri: value('uri'), response };
  return optional(params, c);
}

/** Parses one Authorization / Proxy-Authorization value. Never throws. */
export function parseDigestCredentials(text: string): DigestParseResult<DigestCredentials> {
  const params = parseDigestParams(text);
  return params.ok ? fromParams(params.value) : params;
}

/** The header value, in the order most phones use. Throws RangeError on a value no quoted-string can carry. */
export function formatDigestCredentials(c: DigestCredentials): string {
  const items = [
    formatParam('username', c.username),
    formatParam('realm', c.realm),
    formatParam('nonce', c.nonce),
    formatParam('uri', c.uri),
    formatParam('response', c.response),
  ];
  if (c.algorithm !== undefined) items.push(formatParam('algorithm', algorithmText(c.algorithm), true));
  if (c.cnonce !== undefined) items.push(formatParam('cnonce', c.cnonce));
  if (c.opaque !== undefined) items.push(formatParam('opaque', c.opaque));
  if (c.qop !== undefined) items.push(formatParam('qop', c.qop, true));
  if (c.nc !== undefined) items.push(formatParam('nc', c.nc, true));
  if (c.userhash !== undefined) items.push(`userhash=${c.userhash}`);
  for (const p of c.extensions ?? []) items.push(formatParam(p.name, p.value, !p.quoted));
  return formatDigest(items);
}
