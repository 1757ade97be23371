import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { describeError } from '../../lib/api/describe-error';
import type { Mailbox } from '../../lib/api/voicemail-types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';

/** The events after which message counts are read again. */
export const VOICEMAIL_EVENTS = ['voicemail.mailbox', 'voicemail.message'] as const satisfies readonly EventName[];
/** The fallback poll, for events missed while the stream was down. */
const REFRESH_MS = 60_000;

/** Every mailbox with its counts, kept live; a failed read keeps the last list and sets `error`. */
export class MailboxList {
  items = $state.raw<readonly Mailbox[]>([]);
  loaded = $state(false);
  error = $state<Message | null>(null);
  readonly refresh: () => Promise<void>;

  constructor(source: { mailboxes(): Promise<Mailbox[]> }) {
    this.refresh = coalesce(async () => {
      try {
        this.items = await source.mailboxes();
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  /** Keeps the list fresh until the returned function is called (hand it back from `$effect`). */
  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: VOICEMAIL_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }
}
