/** What every part of the call model needs, passed in once (no singletons). */
import type { EventBus } from '../../events/index.ts';
import type { MediaControl } from '../../media/index.ts';
import type { LocalIdentity, RandomBytes, TransactionLayer } from '../../sip/index.ts';
import type { Clock, Logger, Scheduler } from '../../system/index.ts';

export interface CallTimers {
  /** RFC 4028 interval the box asks for and grants, seconds. */
  sessionExpiresS: number;
  /** Smallest interval accepted from a phone (Min-SE). */
  minSeS: number;
  /** T1 of the transaction layer, for 2xx retransmissions (§13.3.1.4). */
  t1Ms: number;
  t2Ms: number;
}

export interface CallContext {
  transactions: TransactionLayer;
  media: MediaControl;
  local: LocalIdentity;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  bus: EventBus;
  random: RandomBytes;
  timers: CallTimers;
}
