import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { describeError } from '../../lib/api/describe-error';
import type { CallRecord } from '../../lib/api/types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';

/** A record is written when its call ends. */
export const CALL_RECORD_EVENTS = ['call.ended'] as const satisfies readonly EventName[];
/** How many of the newest records the page shows. */
export const RECENT_RECORDS = 50;
const REFRESH_MS = 60_000;

/** The newest call records, read again whenever a call ends. A failed read keeps the last list. */
export class CallRecords {
  items = $state.raw<readonly CallRecord[]>([]);
  loaded = $state(false);
  error = $state<Message | null>(null);
  readonly refresh: () => Promise<void>;

  constructor(source: { callRecords(limit: number): Promise<CallRecord[]> }) {
    this.refresh = coalesce(async () => {
      try {
        this.items = await source.callRecords(RECENT_RECORDS);
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  /** Keeps the list fresh until the returned function is called (hand it back from `$effect`). */
  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: CALL_RECORD_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }
}
