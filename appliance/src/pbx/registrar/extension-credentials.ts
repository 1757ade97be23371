/**
 * The SIP secret of each enabled extension, decrypted once and kept in
 * memory: digest verification runs on every REGISTER, and an AES-GCM open
 * per request would cost more than the digest itself. Dropped for an
 * extension whenever its configuration changes.
 */
import type { EventBus } from '../../events/index.ts';
import type { ExtensionsRepository } from '../extensions-repository.ts';

export class ExtensionCredentials {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly extensions: ExtensionsRepository,
    bus: EventBus,
  ) {
    bus.subscribe((event) => {
      if (event.name === 'config.changed' && (event as { data: { entity: string } }).data.entity === 'extension') this.cache.clear();
    });
  }

  /** The plain secret of an enabled extension, or null (unknown or disabled). */
  secretOf(number: string): string | null {
    const cached = this.cache.get(number);
    if (cached !== undefined) return cached;
    const extension = this.extensions.findByNumber(number);
    const secret = extension?.enabled ? this.extensions.secretOf(extension.id) : null;
    // Unknown numbers are not cached: a scanner spraying numbers must not grow the map.
    if (extension) this.cache.set(number, secret);
    return secret;
  }
}
