/**
 * The trunks as calls need them, in memory: by name, by the address a
 * request came from (peer trunks are trusted by source address), the
 * credentials for a carrier's challenge, the caller number presented on
 * each trunk, and a channel count against max_channels. Host names are
 * resolved when the view is (re)built — at start and on each trunk change
 * — so the per-call lookups compare numeric addresses only. A reload
 * builds a whole new view and swaps it in at once.
 */
import { lookup } from 'node:dns/promises';
import type { EventBus } from '../../events/index.ts';
import type { Endpoint } from '../../sip/index.ts';
import type { Logger } from '../../system/index.ts';
import type { Trunk } from '../trunks-repository.ts';
import { ChannelCounter } from './channel-counter.ts';
import { normalizeAddress, parseSourceRule, ruleMatches, type SourceRule } from './source-rules.ts';

/** Addresses of a host name; throws when it does not resolve. */
export type HostResolver = (host: string) => Promise<string[]>;

export const dnsResolver: HostResolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** Where trunks are stored (TrunksRepository). */
export interface TrunkStore {
  list(): Trunk[];
  secretOf(id: number): string | null;
}

/** One trunk as an outbound call needs it (the call layer's TrunkLine). */
export interface TrunkLineView {
  name: string;
  target: Endpoint;
  domain: string;
  fromHeader(caller: string): string;
  auth: { username: string; password: string } | null;
  /** The trunk's codec list (names as configured), in the carrier's order of preference. */
  codecs: readonly string[];
}

export interface TrunkAccessView {
  line(name: string): TrunkLineView | null;
  bySource(source: Pick<Endpoint, 'address' | 'port'>): string | null;
  acquire(name: string): boolean;
  release(name: string): void;
}

interface Entry {
  trunk: Trunk;
  secret: string | null;
  /** Where requests to the trunk go; null when its host did not resolve. */
  target: Endpoint | null;
  /** The host at its port, then the match entries, names resolved to addresses. */
  sources: SourceRule[];
}

export interface TrunkDirectoryDeps {
  trunks: TrunkStore;
  logger: Logger;
  resolve?: HostResolver;
}

/** host[:port] as written in a Request-URI or From: the port only when it is not the default. */
export function hostPort(trunk: Pick<Trunk, 'host' | 'port'>): string {
  return trunk.port === 5060 ? trunk.host : `${trunk.host}:${trunk.port}`;
}

/** The domain in From, To and Request-URIs for a trunk: its from_domain, else its host. */
export function trunkDomain(trunk: Pick<Trunk, 'host' | 'port' | 'from_domain'>): string {
  return trunk.from_domain ?? hostPort(trunk);
}

export class TrunkDirectory {
  private entries = new Map<string, Entry>();
  private readonly channels = new ChannelCounter();
  private readonly listeners = new Set<() => void>();
  private reloading: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: TrunkDirectoryDeps) {}

  /** Reads every trunk and resolves its names; the new view replaces the old one whole. */
  async load(): Promise<void> {
    const trunks = this.deps.trunks.list();
    const cache = new Map<string, Promise<string[]>>();
    const resolveOnce = (host: string) => {
      let found = cache.get(host);
      if (found === undefined) {
        found = this.addresses(host);
        cache.set(host, found);
      }
      return found;
    };
    const built = await Promise.all(trunks.map((t) => this.entry(t, resolveOnce)));
    this.entries = new Map(built.map((e) => [e.trunk.name, e]));
  }

  /** Reloads on every trunk change (several changes in a row make one more reload), then tells the listeners. */
  watch(bus: EventBus): () => void {
    return bus.subscribe((event) => {
      if (event.name === 'config.changed' && (event.data as { entity: string }).entity === 'trunk') void this.reload();
    });
  }

  reload(): Promise<void> {
    if (this.reloading !== null) {
      this.again = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.again = false;
        try {
          await this.load();
        } catch (error) {
          this.deps.logger.error('trunks could not be reloaded', { error });
        }
        for (const listener of this.listeners) listener();
      } while (this.again);
      this.reloading = null;
    })();
    return this.reloading;
  }

  /** Called after each reload; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Trunk[] {
    return [...this.entries.values()].map((e) => e.trunk);
  }

  byName(name: string): Trunk | null {
    return this.entries.get(name)?.trunk ?? null;
  }

  /** Where requests to the trunk go; null for an unknown trunk or a host that did not resolve. */
  target(name: string): Endpoint | null {
    return this.entries.get(name)?.target ?? null;
  }

  /**
   * The enabled trunk a request from `address`:`port` belongs to, or null.
   * Entries naming a port are tried before those for any port, so two
   * trunks on one host at different ports stay apart.
   */
  bySource(address: string, port: number): Trunk | null {
    const normal = normalizeAddress(address);
    if (normal === null) return null;
    for (const anyPort of [false, true]) {
      for (const e of this.entries.values()) {
        if (!e.trunk.enabled) continue;
        if (e.sources.some((r) => (r.port === null) === anyPort && ruleMatches(r, normal, port))) return e.trunk;
      }
    }
    return null;
  }

  /** Username and password for the trunk's digest challenges; null when it has no username or no secret. */
  credentials(name: string): { username: string; password: string } | null {
    const e = this.entries.get(name);
    if (!e?.trunk.username || e.secret === null) return null;
    return { username: e.trunk.username, password: e.secret };
  }

  /** The number presented as caller on this trunk: its caller_id (the business number), else the extension's own. */
  callerIdFor(name: string, extensionNumber: string): string {
    return this.entries.get(name)?.trunk.caller_id ?? extensionNumber;
  }

  /** An enabled, resolved trunk for an outbound call; null otherwise. */
  line(name: string): TrunkLineView | null {
    const e = this.entries.get(name);
    if (!e?.trunk.enabled || e.target === null) return null;
    const domain = trunkDomain(e.trunk);
    return {
      name,
      target: e.target,
      domain,
      fromHeader: (caller) => `<sip:${this.callerIdFor(name, caller)}@${domain}>`,
      auth: this.credentials(name),
      codecs: e.trunk.codecs,
    };
  }

  /** The shape the call layer asks for (its TrunkAccess): a request's source as an endpoint, the trunk by name. */
  access(): TrunkAccessView {
    return {
      line: (name) => this.line(name),
      bySource: (source) => this.bySource(source.address, source.port)?.name ?? null,
      acquire: (name) => this.acquire(name),
      release: (name) => this.release(name),
    };
  }

  /** Takes a channel of an enabled trunk; false when unknown, disabled or all max_channels are in use. */
  acquire(name: string): boolean {
    const e = this.entries.get(name);
    if (!e?.trunk.enabled) return false;
    return this.channels.acquire(name, e.trunk.max_channels);
  }

  release(name: string): void {
    this.channels.release(name);
  }

  inUse(name: string): number {
    return this.channels.inUse(name);
  }

  private async entry(trunk: Trunk, resolve: (host: string) => Promise<string[]>): Promise<Entry> {
    const hostAddresses = await resolve(trunk.host);
    const sources: SourceRule[] = hostAddresses.map((address) => ({ kind: 'address', address, port: trunk.port }));
    for (const text of trunk.match) {
      const rule = parseSourceRule(text);
      if (rule === null) continue;
      if (rule.kind !== 'name') sources.push(rule);
      else for (const address of await resolve(rule.host)) sources.push({ kind: 'address', address, port: rule.port });
    }
    // Prefer IPv4: the box's SIP socket usually listens on an IPv4 address.
    const address = hostAddresses.find((a) => !a.includes(':')) ?? hostAddresses[0];
    const target = address === undefined ? null : { protocol: trunk.transport, address, port: trunk.port };
    return { trunk, secret: trunk.username ? this.deps.trunks.secretOf(trunk.id) : null, target, sources };
  }

  private async addresses(host: string): Promise<string[]> {
    const literal = normalizeAddress(host);
    if (literal !== null) return [literal];
    try {
      const found = (await (this.deps.resolve ?? dnsResolver)(host)).map(normalizeAddress).filter((a): a is string => a !== null);
      return [...new Set(found)];
    } catch (error) {
      this.deps.logger.warn('trunk host name did not resolve', { host, error: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }
}
