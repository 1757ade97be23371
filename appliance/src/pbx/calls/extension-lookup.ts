/**
 * The extensions a call names, looked up a few times per call (caller,
 * dialled number, each forwarding hop): kept in memory and forgotten
 * whenever an extension changes, so the hot path skips SQLite without ever
 * serving a stale extension. Unknown numbers are not kept: a scanner
 * spraying numbers must not grow the map.
 */
import type { EventBus } from '../../events/index.ts';
import type { Extension, ExtensionsRepository } from '../extensions-repository.ts';

export class ExtensionLookup {
  private readonly known = new Map<string, Extension>();

  constructor(
    private readonly extensions: Pick<ExtensionsRepository, 'findByNumber'>,
    bus: EventBus,
  ) {
    bus.subscribe((event) => {
      if (event.name === 'config.changed' && (event as { data: { entity: string } }).data.entity === 'extension') this.known.clear();
    });
  }

  find(number: string): Extension | null {
    const hit = this.known.get(number);
    if (hit !== undefined) return hit;
    const found = this.extensions.findByNumber(number);
    if (found !== null) this.known.set(number, found);
    return found;
  }
}
