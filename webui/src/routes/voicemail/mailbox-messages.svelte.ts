import type { Message } from '../../i18n/catalogue';
import { ApiError } from '../../lib/api/api-error';
import { describeError } from '../../lib/api/describe-error';
import type { Mailbox, MessageState, VoicemailMessage } from '../../lib/api/voicemail-types';
import type { Repeat } from '../../lib/browser-timers';
import { coalesce } from '../../lib/coalesce';
import { type EventFeed, liveRefresh } from '../../lib/events/live-refresh';
import { VOICEMAIL_EVENTS } from './mailbox-list.svelte';

interface MessageSource {
  mailbox(number: string): Promise<Mailbox>;
  messages(number: string): Promise<VoicemailMessage[]>;
  setMessageState(id: number, state: MessageState): Promise<VoicemailMessage>;
  deleteMessage(id: number): Promise<void>;
}

const REFRESH_MS = 60_000;

/**
 * One mailbox and its messages, kept live, with mark-saved and the
 * delete-with-confirmation flow. `error` is the last read's, `actionError`
 * the last change's, so a background read does not wipe a failed change.
 */
export class MailboxMessages {
  mailbox = $state.raw<Mailbox | null>(null);
  items = $state.raw<readonly VoicemailMessage[]>([]);
  loaded = $state(false);
  error = $state<Message | null>(null);
  actionError = $state<Message | null>(null);
  pending = $state<VoicemailMessage | null>(null);
  deleting = $state(false);
  readonly refresh: () => Promise<void>;
  readonly #source: MessageSource;
  readonly #number: string;

  constructor(source: MessageSource, number: string) {
    this.#source = source;
    this.#number = number;
    this.refresh = coalesce(async () => {
      try {
        const [mailbox, items] = await Promise.all([source.mailbox(number), source.messages(number)]);
        this.mailbox = mailbox;
        this.items = items;
        this.loaded = true;
        this.error = null;
      } catch (error) {
        this.error = describeError(error);
      }
    });
  }

  follow(feed: EventFeed, repeat: Repeat): () => void {
    // Events of other mailboxes cost a read too; they are rare, and a filter would need the event data here.
    return liveRefresh({ refresh: () => void this.refresh(), names: VOICEMAIL_EVENTS, feed, everyMs: REFRESH_MS, repeat });
  }

  async setState(message: VoicemailMessage, state: MessageState): Promise<boolean> {
    this.actionError = null;
    try {
      const updated = await this.#source.setMessageState(message.id, state);
      this.items = this.items.map((other) => (other.id === updated.id ? updated : other));
      void this.refresh();
      return true;
    } catch (error) {
      this.actionError = describeError(error);
      return false;
    }
  }

  get confirming(): boolean {
    return this.pending !== null;
  }

  set confirming(open: boolean) {
    if (!open && !this.deleting) this.pending = null;
  }

  askDelete(message: VoicemailMessage): void {
    this.actionError = null;
    this.pending = message;
  }

  /** Deletes the pending message; a 404 means it is gone already, which is what was wanted. */
  async confirmDelete(): Promise<VoicemailMessage | null> {
    const message = this.pending;
    if (!message || this.deleting) return null;
    this.deleting = true;
    try {
      await this.#source.deleteMessage(message.id);
      return this.#forget(message);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return this.#forget(message);
      this.actionError = describeError(error);
      return null;
    } finally {
      this.deleting = false;
      this.pending = null;
    }
  }

  get number(): string {
    return this.#number;
  }

  #forget(message: VoicemailMessage): VoicemailMessage {
    this.items = this.items.filter((other) => other.id !== message.id);
    void this.refresh();
    return message;
  }
}
