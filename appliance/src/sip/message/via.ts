/**
 * The Via header (RFC 3261 §20.42, §25.1) and the RFC 3581 `rport` /
 * `received` parameters: `SIP/2.0/UDP host:port;branch=z9hG4bK…`.
 */
import { formatParams, getParam, type Params, parseParams } from './params.ts';
import { Scanner } from './scanner.ts';
import { isValidHost } from './sip-uri.ts';

export interface Via {
  protocol: string;
  version: string;
  /** Upper case: UDP, TCP, TLS, SCTP, WS, WSS or another token. */
  transport: string;
  host: string;
  port: number | null;
  params: Params;
}

/** The RFC 3261 magic cookie that marks a branch as globally unique (§8.1.1.7). */
export const BRANCH_COOKIE = 'z9hG4bK';

export function viaBranch(via: Via): string | null {
  const branch = getParam(via.params, 'branch');
  return typeof branch === 'string' ? branch : null;
}

function scanVia(s: Scanner): Via | null {
  s.skipWs();
  const protocol = s.token();
  if (protocol === null || !s.separator('/')) return null;
  const version = s.token();
  if (version === null || !s.separator('/')) return null;
  const transport = s.token();
  if (transport === null) return null;
  const beforeHost = s.pos;
  s.skipWs();
  if (s.pos === beforeHost) return null; // sent-protocol LWS sent-by
  let host: string;
  if (s.peek() === '[') {
    const close = s.text.indexOf(']', s.pos);
    if (close < 0) return null;
    host = s.text.slice(s.pos, close + 1);
    s.pos = close + 1;
  } else {
    host = s.until(':;, \t');
  }
  if (!isValidHost(host)) return null;
  let port: number | null = null;
  if (s.separator(':')) {
    const digits = s.until(';, \t');
    if (!/^\d{1,5}$/.test(digits) || Number(digits) > 65535) return null;
    port = Number(digits);
  }
  const params = parseParams(s);
  if (params === null) return null;
  return { protocol: protocol.toUpperCase(), version, transport: transport.toUpperCase(), host, port, params };
}

/** Parses one Via header value, which may hold several comma-separated via-parms. */
export function parseViaList(text: string): Via[] | null {
  const s = new Scanner(text);
  const out: Via[] = [];
  do {
    const via = scanVia(s);
    if (via === null) return null;
    out.push(via);
  } while (s.separator(','));
  s.skipWs();
  return s.done ? out : null;
}

export function formatVia(via: Via): string {
  return `${via.protocol}/${via.version}/${via.transport} ${via.host}${via.port === null ? '' : `:${via.port}`}${formatParams(via.params)}`;
}
