import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { ApiError } from '../../lib/api/api-error';
import { describeError } from '../../lib/api/describe-error';
import type { LiveCall } from '../../lib/api/types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';

/** The events after which the call list is read again (a key press changes nothing listed). */
export const LIVE_CALL_EVENTS = [
  'call.started',
  'call.ringing',
  'call.answered',
  'call.hold',
  'call.transferred',
  'call.ended',
] as const satisfies readonly EventName[];
/** The slow fallback poll, for events missed while the stream was down. */
const REFRESH_MS = 30_000;

interface CallSource {
  calls(): Promise<LiveCall[]>;
  hangupCall(id: string): Promise<void>;
}

/**
 * Calls in progress, kept live, and the hang-up-with-confirmation flow.
 * A failed read keeps the last known list; `error` is the read's,
 * `hangupError` the last hang-up's.
 */
export class LiveCalls {
  items = $state.raw<readonly LiveCall[]>([]);
  loaded = $state(false);
  error = $state<Message | null>(null);
  hangupError = $state<Message | null>(null);
  /** The call the confirmation dialog asks about. */
  pending = $state<LiveCall | null>(null);
  hangingUp = $state(false);
  /** Reads now; calls while a read runs fold into one more read. */
  readonly refresh: () => Promise<void>;
  readonly #source: CallSource;

  constructor(source: CallSource) {
    this.#source = source;
    this.refresh = coalesce(async () => {
      try {
        this.items = await source.calls();
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  /** Keeps the list fresh until the returned function is called (hand it back from `$effect`). */
  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: LIVE_CALL_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }

  get confirming(): boolean {
    return this.pending !== null;
  }

  set confirming(open: boolean) {
    if (!open && !this.hangingUp) this.pending = null;
  }

  askHangup(call: LiveCall): void {
    this.hangupError = null;
    this.pending = call;
  }

  /** Hangs up the pending call; returns it when ended, or null (the error is then in `hangupError`). */
  async confirmHangup(): Promise<LiveCall | null> {
    const call = this.pending;
    if (!call || this.hangingUp) return null;
    this.hangingUp = true;
    try {
      await this.#source.hangupCall(call.id);
      return this.#forget(call);
    } catch (error) {
      // 404: the call ended on its own meanwhile; it is gone either way.
      if (error instanceof ApiError && error.status === 404) return this.#forget(call);
      this.hangupError = describeError(error);
      return null;
    } finally {
      this.hangingUp = false;
      this.pending = null;
    }
  }

  #forget(call: LiveCall): LiveCall {
    this.items = this.items.filter((other) => other.id !== call.id);
    return call;
  }
}
