/**
 * SIP and SIPS URIs (RFC 3261 §19.1, §25.1): `sip:user:password@host:port;params?headers`.
 * Other schemes (tel:, absolute URIs) are kept opaque. Parts keep their
 * escapes as written; comparison helpers apply §19.1.4 where the stack needs it.
 */
import { formatParams, type Params, parseParams } from './params.ts';
import { Scanner } from './scanner.ts';

export interface SipUri {
  scheme: string;
  user: string | null;
  password: string | null;
  host: string;
  port: number | null;
  params: Params;
  /** The `?…` part without the `?`, or null. */
  headers: string | null;
  /** For schemes other than sip/sips: everything after the colon. */
  opaque: string | null;
}

// Hand-written character checks instead of regular expressions: URIs are checked
// several times per message, and this is the parser's hottest path.
const ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ALNUM[c] = 1;
for (let c = 97; c <= 122; c++) ALNUM[c] = 1;

function isHostname(host: string): boolean {
  const n = host.length;
  if (n === 0 || ALNUM[host.charCodeAt(0)] !== 1) return false;
  for (let i = 1; i < n; i++) {
    const c = host.charCodeAt(i);
    if (c >= 128 || (ALNUM[c] !== 1 && c !== 46 && c !== 45)) return false;
  }
  return host.charCodeAt(n - 1) !== 45; // may end in '.', not in '-'
}

function isIpv6Reference(host: string): boolean {
  const n = host.length;
  if (n < 3 || host.charCodeAt(0) !== 91 || host.charCodeAt(n - 1) !== 93) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = host.charCodeAt(i);
    const hex = (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
    if (!hex) return false;
  }
  return true;
}

function isScheme(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  if (first >= 128 || ALNUM[first] !== 1 || (first >= 48 && first <= 57)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (ALNUM[c] !== 1 && c !== 43 && c !== 46 && c !== 45)) return false;
  }
  return true;
}

function isPort(digits: string): boolean {
  if (digits.length === 0 || digits.length > 5) return false;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(digits) <= 65535;
}

/** Characters never allowed inside a URI as it appears in a SIP message. */
function hasForbiddenChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 34 || c === 60 || c === 62) return true;
  }
  return false;
}

export function isValidHost(host: string): boolean {
  return isHostname(host) || isIpv6Reference(host);
}

export function parseUri(text: string): SipUri | null {
  if (text.length === 0 || hasForbiddenChar(text)) return null;
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const written = text.slice(0, colon);
  if (!isScheme(written)) return null;
  const scheme = written === 'sip' || written === 'sips' ? written : written.toLowerCase();
  const rest = text.slice(colon + 1);
  if (scheme !== 'sip' && scheme !== 'sips') {
    return rest.length > 0 ? { scheme, user: null, password: null, host: '', port: null, params: [], headers: null, opaque: rest } : null;
  }
  const at = rest.indexOf('@');
  let user: string | null = null;
  let password: string | null = null;
  let hostPart = rest;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const pw = userinfo.indexOf(':');
    user = pw >= 0 ? userinfo.slice(0, pw) : userinfo;
    password = pw >= 0 ? userinfo.slice(pw + 1) : null;
    if (user.length === 0) return null;
    hostPart = rest.slice(at + 1);
  }
  const question = hostPart.indexOf('?');
  const headers = question >= 0 ? hostPart.slice(question + 1) : null;
  if (headers !== null && headers.length === 0) return null;
  const beforeHeaders = question >= 0 ? hostPart.slice(0, question) : hostPart;
  const semi = beforeHeaders.indexOf(';');
  const hostport = semi >= 0 ? beforeHeaders.slice(0, semi) : beforeHeaders;
  let host = hostport;
  let port: number | null = null;
  const portColon = hostport.startsWith('[') ? hostport.indexOf(':', hostport.indexOf(']')) : hostport.indexOf(':');
  if (portColon >= 0) {
    const digits = hostport.slice(portColon + 1);
    if (!isPort(digits)) return null;
    port = Number(digits);
    host = hostport.slice(0, portColon);
  }
  if (!isValidHost(host)) return null;
  let params: Params = [];
  if (semi >= 0) {
    const scanner = new Scanner(beforeHeaders.slice(semi));
    const parsed = parseParams(scanner);
    if (parsed === null || !scanner.done) return null;
    params = parsed;
  }
  return { scheme, user, password, host, port, params, headers, opaque: null };
}

export function formatUri(uri: SipUri): string {
  if (uri.opaque !== null) return `${uri.scheme}:${uri.opaque}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== null) out += uri.password !== null ? `${uri.user}:${uri.password}@` : `${uri.user}@`;
  out += uri.host;
  if (uri.port !== null) out += `:${uri.port}`;
  out += formatParams(uri.params);
  if (uri.headers !== null) out += `?${uri.headers}`;
  return out;
}

/** Resolves %HH escapes (for comparing users such as `%75ser` and `user`). */
export function unescapeUriPart(text: string): string {
  return text.includes('%') ? text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

/** The user part as a person or the registrar names it: escapes resolved. */
export function uriUser(uri: SipUri): string | null {
  return uri.user === null ? null : unescapeUriPart(uri.user);
}
