import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Repeat } from '../browser-timers';
import type { AnyBusEvent } from './describe-event';

/** What a page needs of the app's event stream: to hear each event as it arrives. */
export interface EventFeed {
  subscribe(listener: (event: AnyBusEvent) => void): () => void;
}

export interface LiveRefreshOptions {
  /** Re-reads the data; should not throw (keep the error on the page's state). */
  refresh: () => void;
  /** The events that mean the data changed. */
  names: readonly EventName[];
  feed: EventFeed;
  /** The fallback poll, for events missed while the stream was down or not allowed. */
  everyMs: number;
  repeat: Repeat;
}

/**
 * Keeps data fresh: reads it now, again on each named event, and every
 * `everyMs` regardless. Returns the function that stops all of it, so a
 * page can hand it straight back from `$effect`.
 */
export function liveRefresh(options: LiveRefreshOptions): () => void {
  const { refresh, names, feed, everyMs, repeat } = options;
  refresh();
  const unsubscribe = feed.subscribe((event) => {
    if (names.includes(event.name)) refresh();
  });
  const stopPolling = repeat(refresh, everyMs);
  return () => {
    unsubscribe();
    stopPolling();
  };
}
