import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { ApiError } from '../../lib/api/api-error';
import { describeError } from '../../lib/api/describe-error';
import type { TrunkStatus } from '../../lib/api/types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';

/** The events after which trunk status is read again. */
export const TRUNK_EVENTS = ['trunk.status'] as const satisfies readonly EventName[];
/** The fallback poll: channels in use and latency change without an event. */
const REFRESH_MS = 15_000;

/**
 * Each trunk's live status by name, read on trunk events and every 15 s. A
 * box without the trunk runtime answers 404: `available` is then false and
 * the page shows no status rather than an error.
 */
export class TrunkStatuses {
  #byName = $state.raw<ReadonlyMap<string, TrunkStatus>>(new Map());
  loaded = $state(false);
  available = $state(true);
  error = $state<Message | null>(null);
  readonly refresh: () => Promise<void>;

  constructor(source: { trunkStatus(): Promise<TrunkStatus[]> }) {
    this.refresh = coalesce(async () => {
      try {
        const items = await source.trunkStatus();
        this.#byName = new Map(items.map((item) => [item.name, item]));
        this.loaded = true;
        this.error = null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) this.available = false;
        else this.error = describeError(error);
      }
    });
  }

  of(name: string): TrunkStatus | null {
    return this.#byName.get(name) ?? null;
  }

  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: TRUNK_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }
}
