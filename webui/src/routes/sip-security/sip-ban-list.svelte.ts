import type { EventName } from '../../../../appliance/src/events/event-map';
import type { Message } from '../../i18n/catalogue';
import { ApiError } from '../../lib/api/api-error';
import { describeError } from '../../lib/api/describe-error';
import type { SipBan } from '../../lib/api/types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';

/** The events after which the ban list is read again. */
export const SIP_BAN_EVENTS = ['sip.source_banned', 'sip.ban_lifted'] as const satisfies readonly EventName[];
/** The fallback poll; it also drops bans that ran out, which send no event. */
const REFRESH_MS = 30_000;

interface BanSource {
  sipBans(): Promise<SipBan[]>;
  liftSipBan(address: string): Promise<void>;
}

/**
 * The SIP ban list, kept live, and the lift-with-confirmation flow. A failed
 * read keeps the last known list; `error` is the read's, `liftError` the
 * last lift's, so a background read does not wipe a failed lift's message.
 */
export class SipBanList {
  items = $state.raw<readonly SipBan[]>([]);
  loaded = $state(false);
  error = $state<Message | null>(null);
  liftError = $state<Message | null>(null);
  /** The ban the confirmation dialog asks about. */
  pending = $state<SipBan | null>(null);
  lifting = $state(false);
  /** Reads now; calls while a read runs fold into one more read. */
  readonly refresh: () => Promise<void>;
  readonly #source: BanSource;

  constructor(source: BanSource) {
    this.#source = source;
    this.refresh = coalesce(async () => {
      try {
        this.items = await source.sipBans();
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  /** Keeps the list fresh until the returned function is called (hand it back from `$effect`). */
  follow(feed: EventFeed, repeat: Repeat): () => void {
    return liveRefresh({ refresh: () => void this.refresh(), names: SIP_BAN_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }

  get confirming(): boolean {
    return this.pending !== null;
  }

  set confirming(open: boolean) {
    if (!open && !this.lifting) this.pending = null;
  }

  askLift(ban: SipBan): void {
    this.liftError = null;
    this.pending = ban;
  }

  /** Lifts the pending ban; returns it when lifted, or null (the error is then in `liftError`). */
  async confirmLift(): Promise<SipBan | null> {
    const ban = this.pending;
    if (!ban || this.lifting) return null;
    this.lifting = true;
    try {
      await this.#source.liftSipBan(ban.address);
      return this.#forget(ban);
    } catch (error) {
      // 404: the ban ran out or someone else lifted it meanwhile; the address is free either way.
      if (error instanceof ApiError && error.status === 404) return this.#forget(ban);
      this.liftError = describeError(error);
      return null;
    } finally {
      this.lifting = false;
      this.pending = null;
    }
  }

  #forget(ban: SipBan): SipBan {
    this.items = this.items.filter((other) => other.address !== ban.address);
    return ban;
  }
}
