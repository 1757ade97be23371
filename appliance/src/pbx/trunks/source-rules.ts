/**
 * Where a peer trunk's requests may come from. A trunk trusts its own host
 * at its port, plus any `match` entries: `203.0.113.7` (any port),
 * `203.0.113.7:5080`, `[2001:db8::1]:5060`, `203.0.113.0/28` (an IPv4
 * network) or a host name, resolved with the rest of the configuration.
 * Addresses are compared in one normal form, so `::ffff:10.0.0.1` is
 * `10.0.0.1` and IPv6 spellings of one address agree.
 */

export type SourceRule =
  | { kind: 'address'; address: string; port: number | null }
  | { kind: 'network'; base: number; bits: number; port: number | null }
  | { kind: 'name'; host: string; port: number | null };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

function ipv4Number(text: string): number | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return (((parts[0] as number) << 24) | ((parts[1] as number) << 16) | ((parts[2] as number) << 8) | (parts[3] as number)) >>> 0;
}

/** One spelling per address: IPv4 dotted, IPv6 compressed lower case, IPv4-mapped IPv6 as IPv4; null if not an IP literal. */
export function normalizeAddress(text: string): string | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipv4Number(bare) !== null) return bare;
  if (!bare.includes(':')) return null;
  let host: string;
  try {
    host = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = Number.parseInt(mapped[1] as string, 16);
    const lo = Number.parseInt(mapped[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return host;
}

function splitPort(text: string): { host: string; port: number | null } | null {
  const bracketed = /^(\[[^\]]+\])(?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] as string, port: bracketed[2] === undefined ? null : Number(bracketed[2]) };
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.indexOf(':') !== colon) return { host: text, port: null };
  const port = text.slice(colon + 1);
  return /^\d{1,5}$/.test(port) ? { host: text.slice(0, colon), port: Number(port) } : null;
}

/** A `match` entry, or null when it is none of the accepted forms. */
export function parseSourceRule(text: string): SourceRule | null {
  const split = splitPort(text.trim());
  if (split === null || (split.port !== null && (split.port < 1 || split.port > 65535))) return null;
  const { host, port } = split;
  const network = /^([\d.]+)\/(\d{1,2})$/.exec(host);
  if (network) {
    const base = ipv4Number(network[1] as string);
    const bits = Number(network[2]);
    if (base === null || bits > 32) return null;
    return { kind: 'network', base: (base & mask(bits)) >>> 0, bits, port };
  }
  const address = normalizeAddress(host);
  if (address !== null) return { kind: 'address', address, port };
  return HOST_NAME.test(host) && !/^[\d.]+$/.test(host) ? { kind: 'name', host, port } : null;
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Whether a (resolved) rule admits a normalized source address and port. Name rules match nothing until resolved. */
export function ruleMatches(rule: SourceRule, address: string, port: number): boolean {
  if (rule.port !== null && rule.port !== port) return false;
  if (rule.kind === 'address') return rule.address === address;
  if (rule.kind === 'network') {
    const n = ipv4Number(address);
    return n !== null && (n & mask(rule.bits)) >>> 0 === rule.base;
  }
  return false;
}
