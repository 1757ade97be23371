/**
 * Message-waiting lamps. Whenever a mailbox's counts change, and whenever
 * a phone registers at a new contact, every registered contact of the
 * extension gets an unsolicited NOTIFY with the message summary (RFC 3842
 * body; most desk phones light the lamp from it without subscribing).
 * Phones that did subscribe hear through their subscription instead, so
 * they do not get each change twice.
 *
 *   NOTIFY sip:1002@192.168.1.20:5062 SIP/2.0
 *   From: <sip:1002@box>;tag=…   To: <sip:1002@box>
 *   Event: message-summary
 *   Subscription-State: active
 *   Content-Type: application/simple-message-summary
 */
import type { BusEvent, EventBus } from '../events/index.ts';
import type { Binding, LocationService } from '../pbx/index.ts';
import { createInitialRequest, type LocalIdentity, newBranch, type RandomBytes, randomHex, type TransactionLayer } from '../sip/index.ts';
import type { Logger } from '../system/index.ts';
import { MESSAGE_SUMMARY_EVENT, MESSAGE_SUMMARY_TYPE, messageSummary, type SummaryCounts } from './mwi-summary.ts';
import type { MwiSubscriptions } from './mwi-subscriptions.ts';

export interface MwiNotifierDeps {
  bus: EventBus;
  transactions: Pick<TransactionLayer, 'sendRequest'>;
  location: Pick<LocationService, 'lookup'>;
  /** The mailbox's counts, or null when the extension has no mailbox (disabled or unknown). */
  counts(mailbox: string): SummaryCounts | null;
  subscriptions: Pick<MwiSubscriptions, 'notify' | 'covers'>;
  random: RandomBytes;
  local: LocalIdentity;
  logger: Logger;
}

export class MwiNotifier {
  private unsubscribe: (() => void) | null = null;
  /** NOTIFYs sent and those a phone refused or never answered, for the status page. */
  readonly stats = { sent: 0, failed: 0 };

  constructor(private readonly deps: MwiNotifierDeps) {}

  /** Follows `voicemail.mailbox` and `extension.registered` on the bus until `stop`. */
  start(): void {
    this.unsubscribe ??= this.deps.bus.subscribe((event) => {
      if (event.name === 'voicemail.mailbox') {
        const data = (event as BusEvent<'voicemail.mailbox'>).data;
        this.changed(data.mailbox, { new: data.new, old: data.saved });
      } else if (event.name === 'extension.registered') {
        const data = (event as BusEvent<'extension.registered'>).data;
        this.onRegistered(data.extension, data.contact);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** A phone registered at `contact`: it learns the current state (a lamp may be stale after a reboot). */
  onRegistered(extension: string, contact: string): void {
    const counts = this.deps.counts(extension);
    const binding = this.deps.location.lookup(extension).find((b) => b.contact === contact);
    if (counts === null || binding === undefined) return;
    this.sendTo(binding, counts);
  }

  /** Sends the counts to every phone of the mailbox. */
  changed(mailbox: string, counts: SummaryCounts): void {
    this.deps.subscriptions.notify(mailbox, counts);
    for (const binding of this.deps.location.lookup(mailbox)) this.sendTo(binding, counts);
  }

  private sendTo(binding: Binding, counts: SummaryCounts): void {
    if (this.deps.subscriptions.covers(binding.aor, `${binding.source.address}:${binding.source.port}`)) return;
    const { local, random } = this.deps;
    const account = `sip:${binding.aor}@${local.host}`;
    const request = createInitialRequest({
      method: 'NOTIFY',
      requestUri: binding.contact,
      from: `<${account}>`,
      fromTag: randomHex(random, 6),
      to: `<${account}>`,
      callId: `${randomHex(random, 12)}@${local.host}`,
      cseq: 1,
      branch: newBranch(random),
      protocol: binding.source.protocol,
      local,
      contactUser: null,
      headers: [
        ['Event', MESSAGE_SUMMARY_EVENT],
        ['Subscription-State', 'active'],
      ],
      body: messageSummary(account, counts),
      contentType: MESSAGE_SUMMARY_TYPE,
    });
    this.stats.sent++;
    const failed = (why: string) => {
      this.stats.failed++;
      this.deps.logger.debug('message-waiting NOTIFY not accepted', { extension: binding.aor, contact: binding.contact, why });
    };
    this.deps.transactions.sendRequest(request, { endpoint: binding.source, connectionId: binding.connectionId }, {
      onFinal: (response) => (response.status >= 300 ? failed(`answered ${response.status}`) : undefined),
      onTimeout: () => failed('timeout'),
      onTransportError: () => failed('transport'),
    });
  }
}
