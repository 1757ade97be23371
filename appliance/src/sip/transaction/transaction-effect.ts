/**
 * What a transaction state machine asks its shell to do, as data. The
 * machines stay pure: the shell (client-transaction.ts,
 * server-transaction.ts) keeps the messages, the timers and the transport.
 */
import type { SipResponse } from '../message/index.ts';
import type { TransportError } from '../transport/index.ts';
import type { InboundRequest } from './transaction-input.ts';
import type { TimerName } from './timer-values.ts';

export type Effect =
  /** Client: pass the request to the transport (first time or again). */
  | { kind: 'sendRequest' }
  /** INVITE client: send the ACK for this non-2xx final response (built once, re-sent as is). */
  | { kind: 'sendAck'; response: SipResponse }
  /** Server: send this response from the TU; it becomes the one retransmissions are answered with. */
  | { kind: 'sendResponse'; response: SipResponse }
  /** Server: send the most recent response again. */
  | { kind: 'resendResponse' }
  /** INVITE server: build and send 100 Trying (§17.2.1). */
  | { kind: 'sendTrying' }
  | { kind: 'startTimer'; timer: TimerName; ms: number }
  | { kind: 'cancelTimer'; timer: TimerName }
  /** Client: hand a response to the TU. */
  | { kind: 'passResponse'; response: SipResponse }
  /** INVITE server in Accepted: hand the ACK for a 2xx to the TU (RFC 6026 §7.1). */
  | { kind: 'passAck'; ack: InboundRequest }
  /** Tell the TU the transaction timed out on this timer. */
  | { kind: 'timeout'; timer: TimerName }
  /** Tell the TU a send failed. */
  | { kind: 'transportError'; error: TransportError }
  /** The transaction is over: cancel every timer, forget it. */
  | { kind: 'terminated' };

/** Starts a timer, or nothing when the duration is null (not used on this transport). */
export function startTimer(timer: TimerName, ms: number | null): Effect[] {
  return ms === null ? [] : [{ kind: 'startTimer', timer, ms }];
}

export function cancelTimers(...timers: TimerName[]): Effect[] {
  return timers.map((timer) => ({ kind: 'cancelTimer', timer }));
}
