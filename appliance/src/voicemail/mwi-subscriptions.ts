/**
 * Phones that ask for message-waiting state (RFC 3842 over RFC 6665):
 * SUBSCRIBE with `Event: message-summary` gets 200 and at once a NOTIFY
 * with the current counts, then a NOTIFY at each change until the
 * subscription expires or is ended with `Expires: 0`.
 *
 * Only a phone registered as the mailbox's extension, from the address it
 * registered from, may subscribe: the counts are the owner's business, and
 * a SUBSCRIBE from anywhere else would make the box send NOTIFYs to an
 * address of the sender's choosing.
 */
import type { Binding, LocationService } from '../pbx/index.ts';
import {
  contactValue,
  type Dialog,
  dialogId,
  type LocalIdentity,
  newBranch,
  type RandomBytes,
  randomHex,
  type ServerTransaction,
  type TransactionLayer,
  uasDialog,
  parseUri,
  uriUser,
} from '../sip/index.ts';
import type { Logger, Scheduler, Timer } from '../system/index.ts';
import { MESSAGE_SUMMARY_EVENT, MESSAGE_SUMMARY_TYPE, messageSummary, type SummaryCounts } from './mwi-summary.ts';

export interface MwiSubscriptionsDeps {
  transactions: Pick<TransactionLayer, 'sendRequest'>;
  location: Pick<LocationService, 'lookup'>;
  /** The mailbox's counts, or null when the extension has no mailbox. */
  counts(mailbox: string): SummaryCounts | null;
  scheduler: Scheduler;
  random: RandomBytes;
  local: LocalIdentity;
  logger: Logger;
  expires?: { min: number; max: number };
}

interface Subscription {
  mailbox: string;
  dialog: Dialog;
  source: string;
  timer: Timer;
}

const DEFAULT_EXPIRES = { min: 60, max: 3600 };

export class MwiSubscriptions {
  private readonly byDialog = new Map<string, Subscription>();
  private readonly expires: { min: number; max: number };

  constructor(private readonly deps: MwiSubscriptionsDeps) {
    this.expires = deps.expires ?? DEFAULT_EXPIRES;
  }

  get size(): number {
    return this.byDialog.size;
  }

  /** Answers a SUBSCRIBE, new or refreshing; any other event package gets 489 (RFC 6665 §4.2.1.1). */
  onSubscribe(tx: ServerTransaction): void {
    const request = tx.request;
    const toTag = request.toTag();
    const event = (request.get('event') ?? '').split(';')[0]?.trim().toLowerCase();
    if (event !== MESSAGE_SUMMARY_EVENT) {
      tx.reply(489, { toTag: toTag ?? randomHex(this.deps.random, 6), headers: [['Allow-Events', MESSAGE_SUMMARY_EVENT]] });
      return;
    }
    const requested = request.integer('expires') ?? this.expires.max;
    if (requested !== 0 && requested < this.expires.min) {
      tx.reply(423, { toTag: toTag ?? randomHex(this.deps.random, 6), headers: [['Min-Expires', String(this.expires.min)]] });
      return;
    }
    const expires = Math.min(requested, this.expires.max);
    if (toTag === null) this.subscribe(tx, expires);
    else this.refresh(tx, toTag, expires);
  }

  /** Sends the new counts to every phone subscribed to `mailbox`. */
  notify(mailbox: string, counts: SummaryCounts): void {
    for (const s of this.byDialog.values()) if (s.mailbox === mailbox) this.send(s, counts, 'active');
  }

  /** Whether a phone at `source` (address:port) already hears about `mailbox` through a subscription. */
  covers(mailbox: string, source: string): boolean {
    for (const s of this.byDialog.values()) if (s.mailbox === mailbox && s.source === source) return true;
    return false;
  }

  /** Shutdown: timers stop; phones re-subscribe when their subscription runs out. */
  stop(): void {
    for (const s of this.byDialog.values()) s.timer.cancel();
    this.byDialog.clear();
  }

  private subscribe(tx: ServerTransaction, expires: number): void {
    const request = tx.request;
    const to = request.to();
    const target = parseUri(request.uri);
    const mailbox = (to ? uriUser(to.uri) : null) ?? (target ? uriUser(target) : null);
    const source = `${tx.inbound.source.address}:${tx.inbound.source.port}`;
    const counts = mailbox === null ? null : this.deps.counts(mailbox);
    const localTag = randomHex(this.deps.random, 6);
    if (mailbox === null || counts === null || !this.registeredFrom(mailbox, source)) {
      this.deps.logger.info('message-summary SUBSCRIBE refused', { mailbox, source });
      tx.reply(403, { toTag: localTag });
      return;
    }
    const contact = contactValue(this.deps.local, mailbox, tx.inbound.source.protocol);
    tx.reply(200, { toTag: localTag, headers: [['Expires', String(expires)], ['Contact', contact]] });
    const dialog = uasDialog(tx.inbound, localTag, this.deps.local, mailbox);
    // Expires 0 on a new SUBSCRIBE is a one-time fetch: one NOTIFY, already terminated (RFC 6665 §4.4.3).
    const s: Subscription = { mailbox, dialog, source, timer: { cancel() {} } };
    if (expires === 0) {
      this.send(s, counts, 'terminated');
      return;
    }
    this.keep(s, expires);
    this.send(s, counts, 'active', expires);
  }

  private refresh(tx: ServerTransaction, toTag: string, expires: number): void {
    const request = tx.request;
    const s = this.byDialog.get(dialogId(request.callId() ?? '', toTag, request.fromTag() ?? ''));
    if (!s) {
      tx.reply(481);
      return;
    }
    if (s.dialog.checkRemoteCSeq(request) === 'out-of-order') {
      tx.reply(500, { reason: 'CSeq Out of Order' });
      return;
    }
    tx.reply(200, { headers: [['Expires', String(expires)]] });
    const counts = this.deps.counts(s.mailbox) ?? { new: 0, old: 0 };
    s.timer.cancel();
    if (expires === 0) {
      this.byDialog.delete(s.dialog.id);
      this.send(s, counts, 'terminated');
      return;
    }
    this.keep(s, expires);
    this.send(s, counts, 'active', expires);
  }

  private keep(s: Subscription, expires: number): void {
    s.timer = this.deps.scheduler.after(expires * 1000, () => {
      if (this.byDialog.get(s.dialog.id) !== s) return;
      this.byDialog.delete(s.dialog.id);
      this.send(s, this.deps.counts(s.mailbox) ?? { new: 0, old: 0 }, 'terminated');
    });
    this.byDialog.set(s.dialog.id, s);
  }

  private send(s: Subscription, counts: SummaryCounts, state: 'active' | 'terminated', expires?: number): void {
    const subscriptionState = state === 'active' ? `active;expires=${expires ?? this.expires.max}` : 'terminated;reason=timeout';
    const request = s.dialog.createRequest('NOTIFY', {
      branch: newBranch(this.deps.random),
      headers: [
        ['Event', MESSAGE_SUMMARY_EVENT],
        ['Subscription-State', subscriptionState],
      ],
      body: messageSummary(`sip:${s.mailbox}@${this.deps.local.host}`, counts),
      contentType: MESSAGE_SUMMARY_TYPE,
    });
    const drop = (why: string) => {
      if (this.byDialog.get(s.dialog.id) !== s) return;
      s.timer.cancel();
      this.byDialog.delete(s.dialog.id);
      this.deps.logger.info('message-summary subscription dropped', { mailbox: s.mailbox, why });
    };
    this.deps.transactions.sendRequest(request, s.dialog.target, {
      // 481: the phone forgot the subscription (RFC 6665 §4.1.3); anything else non-2xx ends it too.
      onFinal: (response) => (response.status >= 300 ? drop(`NOTIFY answered ${response.status}`) : undefined),
      onTimeout: () => drop('NOTIFY timed out'),
      onTransportError: () => drop('NOTIFY not sent'),
    });
  }

  private registeredFrom(mailbox: string, source: string): boolean {
    return this.deps.location.lookup(mailbox).some((b: Binding) => `${b.source.address}:${b.source.port}` === source);
  }
}
