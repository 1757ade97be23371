/**
 * The location service (RFC 3261 §10.2): which contacts each extension is
 * reachable at, in memory for speed, mirrored to SQLite through a
 * write-behind queue so a restart keeps phones reachable.
 */
import type { Clock } from '../../system/index.ts';
import type { Binding } from './binding.ts';
import type { BindingWrite } from './bindings-repository.ts';

export interface LocationServiceDeps {
  clock: Clock;
  /** Where changes go to be persisted (a write-behind queue in production). */
  persist(write: BindingWrite): void;
}

export class LocationService {
  private readonly byAor = new Map<string, Map<string, Binding>>();
  /** When each binding's copy on disk expires; a WeakMap so replaced bindings take their entry with them. */
  private readonly persistedUntil = new WeakMap<Binding, number>();
  private total = 0;

  constructor(private readonly deps: LocationServiceDeps) {}

  /** Loads persisted bindings at start (they lose their stream connections). */
  restore(bindings: readonly Binding[]): void {
    for (const b of bindings) this.put(b, false);
  }

  get count(): number {
    return this.total;
  }

  /** Live bindings of an address-of-record, freshest first. */
  lookup(aor: string): Binding[] {
    const now = this.deps.clock.now();
    const map = this.byAor.get(aor);
    if (!map) return [];
    const live: Binding[] = [];
    for (const b of map.values()) if (b.expiresAt > now) live.push(b);
    if (live.length > 1) live.sort((a, b) => b.registeredAt - a.registeredAt);
    return live;
  }

  find(aor: string, contact: string): Binding | undefined {
    return this.byAor.get(aor)?.get(contact);
  }

  put(binding: Binding, persist = true): void {
    let map = this.byAor.get(binding.aor);
    if (!map) {
      map = new Map();
      this.byAor.set(binding.aor, map);
    }
    const previous = map.get(binding.contact);
    if (!previous) this.total++;
    if (!persist) {
      this.persistedUntil.set(binding, binding.expiresAt);
    } else if (this.needsWrite(previous, binding)) {
      this.deps.persist({ kind: 'upsert', binding });
      this.persistedUntil.set(binding, binding.expiresAt);
    } else if (previous) {
      this.persistedUntil.set(binding, this.persistedUntil.get(previous) ?? 0);
    }
    map.set(binding.contact, binding);
  }

  /**
   * A plain refresh from the same place is written only when the copy on
   * disk has used up half of the new interval: at thousands of refreshes a
   * second the disk sees a fraction of them, and after a crash no binding
   * has expired on disk while it was still live in memory.
   */
  private needsWrite(previous: Binding | undefined, next: Binding): boolean {
    if (!previous) return true;
    const s = previous.source;
    if (s.address !== next.source.address || s.port !== next.source.port || s.protocol !== next.source.protocol) return true;
    const now = this.deps.clock.now();
    const onDisk = this.persistedUntil.get(previous) ?? 0;
    return onDisk - now < (next.expiresAt - now) / 2;
  }

  remove(aor: string, contact: string): Binding | undefined {
    const map = this.byAor.get(aor);
    const binding = map?.get(contact);
    if (!map || !binding) return undefined;
    map.delete(contact);
    this.total--;
    if (map.size === 0) this.byAor.delete(aor);
    this.deps.persist({ kind: 'delete', aor, contact });
    return binding;
  }

  /** Removes and returns every binding whose time is up. */
  sweep(): Binding[] {
    const now = this.deps.clock.now();
    const expired: Binding[] = [];
    for (const map of this.byAor.values()) for (const b of map.values()) if (b.expiresAt <= now) expired.push(b);
    for (const b of expired) this.remove(b.aor, b.contact);
    return expired;
  }

  /** All AORs with at least one live binding, for the API. */
  aors(): string[] {
    return [...this.byAor.keys()].filter((aor) => this.lookup(aor).length > 0);
  }
}
