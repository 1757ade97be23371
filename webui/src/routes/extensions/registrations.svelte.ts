import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { describeError } from '../../lib/api/describe-error';
import type { Registration, RegistrationContact } from '../../lib/api/types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';
import { indexRegistrations } from './registration-contacts';

/** The events after which the registration list is read again. */
export const REGISTRATION_EVENTS = ['extension.registered', 'extension.unregistered'] as const satisfies readonly EventName[];
/** The fallback poll: a refreshed registration sends no event, and the stream may be down. */
const REFRESH_MS = 30_000;

/**
 * Which extensions are registered, and where: read from the server on
 * registration events and every 30 s. A failed read keeps the last known
 * state and sets `error` until a read succeeds.
 */
export class Registrations {
  #contacts = $state.raw<ReadonlyMap<string, readonly RegistrationContact[]>>(new Map());
  /** Whether a read has succeeded yet; until then no status is shown. */
  loaded = $state(false);
  error = $state<Message | null>(null);
  /** Reads now; calls while a read runs fold into one more read. */
  readonly refresh: () => Promise<void>;

  constructor(source: { registrations(): Promise<Registration[]> }) {
    this.refresh = coalesce(async () => {
      try {
        this.#contacts = indexRegistrations(await source.registrations());
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  contactsOf(extension: string): readonly RegistrationContact[] {
    return this.#contacts.get(extension) ?? [];
  }

  /** Keeps the state fresh until the returned function is called (hand it back from `$effect`). */
  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: REGISTRATION_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }
}
