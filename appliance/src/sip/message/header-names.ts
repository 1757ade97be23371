/**
 * Header names: case-insensitive, with the compact forms of RFC 3261 §7.3.3
 * and its extensions. Known headers are stored under their lower-case long
 * name and written back in canonical case; unknown ones keep their spelling.
 */

const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

const CANONICAL: Record<string, string> = Object.fromEntries(
  [
    'Accept', 'Accept-Contact', 'Accept-Encoding', 'Accept-Language', 'Alert-Info', 'Allow', 'Allow-Events',
    'Authentication-Info', 'Authorization', 'Call-ID', 'Call-Info', 'Contact', 'Content-Disposition',
    'Content-Encoding', 'Content-Language', 'Content-Length', 'Content-Type', 'CSeq', 'Date', 'Error-Info',
    'Event', 'Expires', 'From', 'Identity', 'Identity-Info', 'In-Reply-To', 'Max-Forwards', 'Min-Expires',
    'Min-SE', 'MIME-Version', 'Organization', 'P-Asserted-Identity', 'Path', 'Priority', 'Proxy-Authenticate',
    'Proxy-Authorization', 'Proxy-Require', 'RAck', 'Reason', 'Record-Route', 'Refer-To', 'Referred-By',
    'Reject-Contact', 'Replaces', 'Reply-To', 'Request-Disposition', 'Require', 'Retry-After', 'Route', 'RSeq',
    'Server', 'Session-Expires', 'SIP-ETag', 'SIP-If-Match', 'Subject', 'Subscription-State', 'Supported',
    'Timestamp', 'To', 'Unsupported', 'User-Agent', 'Via', 'Warning', 'WWW-Authenticate',
  ].map((name) => [name.toLowerCase(), name]),
);

/** The lower-case long form of a header name as it appears on the wire. */
export function normalizeHeaderName(name: string): string {
  const known = KNOWN_SPELLINGS.get(name);
  if (known !== undefined) return known[0];
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
}

/** How a header is written: canonical case for known headers, else as received. */
export function displayHeaderName(normalized: string, received: string): string {
  return CANONICAL[normalized] ?? received;
}

/**
 * The usual spellings of known headers (canonical, lower case, compact), each
 * with its normalized and written form, so the parser does no string work for
 * them. Built once; never changed.
 */
const KNOWN_SPELLINGS: ReadonlyMap<string, readonly [string, string]> = new Map(
  [
    ...Object.entries(CANONICAL).flatMap(([lower, canonical]) => [
      [canonical, lower],
      [lower, lower],
      [canonical.toUpperCase(), lower],
    ]),
    ...Object.entries(COMPACT).flatMap(([letter, lower]) => [
      [letter, lower],
      [letter.toUpperCase(), lower],
    ]),
  ].map(([spelling, lower]) => [spelling as string, [lower as string, CANONICAL[lower as string] ?? (spelling as string)] as const]),
);

/** Normalized and written name in one lookup, for the parser. */
export function headerNames(received: string): readonly [normalized: string, written: string] {
  const known = KNOWN_SPELLINGS.get(received);
  if (known !== undefined) return known;
  const normalized = normalizeHeaderName(received);
  return [normalized, displayHeaderName(normalized, received)];
}
