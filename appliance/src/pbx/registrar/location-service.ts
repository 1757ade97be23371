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
    return [...map.values()].filter((b) => b.expiresAt > now).sort((a, b) => b.registeredAt - a.registeredAt);
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
    if (!map.has(binding.contact)) this.total++;
    map.set(binding.contact, binding);
    if (persist) this.deps.persist({ kind: 'upsert', binding });
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
