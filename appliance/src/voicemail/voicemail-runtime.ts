/**
 * Voicemail put together for serve.ts, in two steps because of what each
 * needs: the service (files, mailer, call flows) before the SIP endpoint,
 * which takes it as the calls' voicemail desk; the message-waiting lamps
 * after it, since they send through its transaction layer.
 */
import type { EventBus } from '../events/index.ts';
import type { LocationService } from '../pbx/index.ts';
import type { LocalIdentity, RandomBytes, ServerTransaction, TransactionLayer } from '../sip/index.ts';
import type { Clock, Logger, Scheduler } from '../system/index.ts';
import { MessageStore } from './message-store.ts';
import { MwiNotifier } from './mwi-notifier.ts';
import type { SummaryCounts } from './mwi-summary.ts';
import { MwiSubscriptions } from './mwi-subscriptions.ts';
import type { VoicemailSpeech } from './prompt-player.ts';
import type { SmtpConnector } from './smtp/smtp-socket.ts';
import { VoicemailMailer } from './voicemail-mailer.ts';
import type { VoicemailRepository } from './voicemail-repository.ts';
import { VoicemailService } from './voicemail-service.ts';
import type { VoicemailSettingsStore } from './voicemail-settings.ts';

export interface VoicemailOptions {
  /** `<data>/voicemail`. */
  dir: string;
  repository: VoicemailRepository;
  settings: VoicemailSettingsStore;
  speech: VoicemailSpeech;
  bus: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  random: RandomBytes;
  /** How emails leave the box (the TCP/TLS connector in production). */
  connect: SmtpConnector;
  /** The box's name in SMTP EHLO and Message-IDs. */
  hostname: string;
}

export interface Voicemail {
  store: MessageStore;
  mailer: VoicemailMailer;
  service: VoicemailService;
}

export function createVoicemail(o: VoicemailOptions): Voicemail {
  const logger = o.logger.child({ domain: 'voicemail' });
  const store = new MessageStore({ dir: o.dir, repository: o.repository, bus: o.bus, clock: o.clock, logger, random: o.random });
  const mailer = new VoicemailMailer({ settings: o.settings, connect: o.connect, scheduler: o.scheduler, clock: o.clock, bus: o.bus, logger, hostname: o.hostname });
  const service = new VoicemailService({ repository: o.repository, settings: o.settings, store, speech: o.speech, mailer, clock: o.clock, logger });
  return { store, mailer, service };
}

export interface MessageWaitingOptions {
  repository: VoicemailRepository;
  bus: EventBus;
  transactions: Pick<TransactionLayer, 'sendRequest'>;
  location: Pick<LocationService, 'lookup'>;
  /** How the box names itself to phones (advertised address, SIP port, User-Agent). */
  local: LocalIdentity;
  scheduler: Scheduler;
  random: RandomBytes;
  logger: Logger;
}

export interface MessageWaiting {
  notifier: MwiNotifier;
  subscriptions: MwiSubscriptions;
  /** For the request dispatcher: SUBSCRIBE (in or out of a dialog). */
  onSubscribe(tx: ServerTransaction): void;
  stop(): void;
}

/** Starts the lamps: follows the bus until `stop`. */
export function startMessageWaiting(o: MessageWaitingOptions): MessageWaiting {
  const logger = o.logger.child({ domain: 'voicemail', part: 'mwi' });
  const counts = (mailbox: string): SummaryCounts | null => {
    // Lamps only for mailboxes that were set up: a phone without voicemail gets no NOTIFYs it never asked for.
    if (!o.repository.isSetUp(mailbox)) return null;
    const c = o.repository.counts(mailbox);
    return { new: c.new, old: c.saved };
  };
  const subscriptions = new MwiSubscriptions({ transactions: o.transactions, location: o.location, counts, scheduler: o.scheduler, random: o.random, local: o.local, logger });
  const notifier = new MwiNotifier({ bus: o.bus, transactions: o.transactions, location: o.location, counts, subscriptions, random: o.random, local: o.local, logger });
  notifier.start();
  return {
    notifier,
    subscriptions,
    onSubscribe: (tx) => subscriptions.onSubscribe(tx),
    stop() {
      notifier.stop();
      subscriptions.stop();
    },
  };
}
