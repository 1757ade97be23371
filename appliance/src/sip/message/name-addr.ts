/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1), the
 * shape of From, To, Contact, Route, Record-Route, Refer-To and friends.
 * In the addr-spec form the URI ends at the first `;` (what follows are
 * header parameters), so such a URI may not carry `?`, `;` or `,` (§20).
 */
import { formatParams, type Params, parseParams } from './params.ts';
import { Scanner } from './scanner.ts';
import { formatUri, parseUri, type SipUri } from './sip-uri.ts';

export interface NameAddr {
  /** As written: a quoted-string with quotes, a token sequence, or null. */
  displayName: string | null;
  uri: SipUri;
  params: Params;
  /** Whether the URI was written in angle brackets. */
  bracketed: boolean;
}

function displayNameTokens(s: Scanner): string | null {
  const start = s.pos;
  let end = s.pos;
  for (;;) {
    const word = s.token();
    if (word === null) break;
    end = s.pos;
    s.skipWs();
  }
  s.pos = end;
  s.skipWs();
  return end > start ? s.text.slice(start, end) : null;
}

/** Parses one name-addr or addr-spec with its parameters from the scanner's position. */
export function scanNameAddr(s: Scanner): NameAddr | null {
  s.skipWs();
  const start = s.pos;
  let displayName: string | null = null;
  if (s.peek() === '"') {
    displayName = s.quotedString();
    if (displayName === null) return null;
    s.skipWs();
  } else {
    displayName = displayNameTokens(s);
  }
  if (s.peek() === '<') {
    s.pos++;
    const close = s.text.indexOf('>', s.pos);
    if (close < 0) return null;
    const uri = parseUri(s.text.slice(s.pos, close));
    if (uri === null) return null;
    s.pos = close + 1;
    const params = parseParams(s);
    return params === null ? null : { displayName, uri, params, bracketed: true };
  }
  // addr-spec: no display name allowed; the URI runs to `;`, `,` or white space.
  s.pos = start;
  const text = s.until(';, \t');
  const uri = parseUri(text);
  if (uri === null || uri.headers !== null) return null;
  const params = parseParams(s);
  return params === null ? null : { displayName: null, uri, params, bracketed: false };
}

export function parseNameAddr(text: string): NameAddr | null {
  const s = new Scanner(text);
  const value = scanNameAddr(s);
  s.skipWs();
  return value !== null && s.done ? value : null;
}

/** A comma-separated list of name-addrs (Contact, Route, Record-Route). */
export function parseNameAddrList(text: string): NameAddr[] | null {
  const s = new Scanner(text);
  const out: NameAddr[] = [];
  do {
    const value = scanNameAddr(s);
    if (value === null) return null;
    out.push(value);
  } while (s.separator(','));
  s.skipWs();
  return s.done ? out : null;
}

export function formatNameAddr(value: NameAddr): string {
  const uri = formatUri(value.uri);
  const head = value.bracketed || value.displayName !== null ? `${value.displayName ? `${value.displayName} ` : ''}<${uri}>` : uri;
  return head + formatParams(value.params);
}
