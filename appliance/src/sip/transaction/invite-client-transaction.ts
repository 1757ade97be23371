/**
 * INVITE client transaction (RFC 3261 §17.1.1, corrected by RFC 6026 §7.2):
 * a pure transition table. The shell sends, times and reports.
 * Labels beside a box keep the state; arrows change it.
 *
 *                  | INVITE from TU: send, Timer A (UDP only), Timer B
 *                  v
 *           +------------+  Timer A: resend, A doubles
 *           |  Calling   |
 *           +------------+
 *            |     |    |  Timer B: timeout to TU;
 *            |     |    |  transport error: to TU; abandon
 *            |     |    +--------------------------------------------------+
 *            |     | 2xx: to TU, Timer M                                   |
 *            |     +------------------------------------+                  |
 *            | 1xx: to TU                               |                  |
 *            v                                          v                  |
 *     +------------+  2xx: to TU, Timer M        +------------+  2xx: to TU|
 *     | Proceeding |---------------------------->|  Accepted  |  1xx,      |
 *     +------------+                             +------------+  300-699:  |
 *      1xx: to TU                                      |         absorbed  |
 *       |       |                                      |                   |
 *       |       | 300-699: to TU, ACK, Timer D         | Timer M           |
 *       |       | (the same from Calling)              |                   |
 *       |       v                                      |                   |
 *       |  +------------+  300-699: ACK again          |                   |
 *       |  | Completed  |  2xx: to TU                  |                   |
 *       |  +------------+  1xx: absorbed               |                   |
 *       |       |                                      |                   |
 *       |abandon| Timer D; transport error: to TU      |                   |
 *       v       v                                      v                   v
 *     +--------------------------------------------------------------------+
 *     |                             Terminated                             |
 *     +--------------------------------------------------------------------+
 *
 * Timers A and B stop when Calling is left: the RFC times an INVITE out
 * only while nothing has been heard. A TU whose CANCEL went unanswered
 * abandons the transaction (§9.1). Over reliable transports Timer D is
 * zero, so Completed is skipped. The ACK for a 2xx is the TU's (§13.2.2.4):
 * in Accepted every 2xx, retransmitted or forked, goes up to the TU.
 */
import type { SipResponse } from '../message/index.ts';
import { cancelTimers, type Effect, startTimer } from './transaction-effect.ts';
import type { ResponseReceived, TimerFired, TransportFailed } from './transaction-input.ts';
import { doubled, type TransactionTimers } from './timer-values.ts';
import { type Machine, runTable, type Step } from './transition-table.ts';

export type InviteClientState = 'Calling' | 'Proceeding' | 'Completed' | 'Accepted' | 'Terminated';

export type InviteClientInput =
  | ResponseReceived
  | TimerFired<'A' | 'B' | 'D' | 'M'>
  | TransportFailed
  /** The TU gives up on the INVITE (its CANCEL timed out, §9.1). */
  | { kind: 'abandon' };

const FIG5 = 'RFC 3261 §17.1.1.2';
const FIG5_6026 = 'RFC 6026 §7.2';
const TERMINATED: Effect = { kind: 'terminated' };
const toTu = (input: { response: SipResponse }): Effect => ({ kind: 'passResponse', response: input.response });
const ack = (input: { response: SipResponse }): Effect => ({ kind: 'sendAck', response: input.response });

export const INVITE_CLIENT: Machine<InviteClientState, InviteClientInput> = {
  name: 'invite-client',
  lingering: { Completed: 'D' },
  table: {
    Calling: {
      timerA: { to: 'Calling', effects: (i) => [{ kind: 'sendRequest' }, ...startTimer('A', doubled(i.ms))], rfc: `${FIG5}: retransmit, Timer A doubles` },
      timerB: { to: 'Terminated', effects: () => [{ kind: 'timeout', timer: 'B' }, TERMINATED], rfc: `${FIG5}: Timer B, inform the TU` },
      provisional: { to: 'Proceeding', effects: (i) => [...cancelTimers('A', 'B'), toTu(i)], rfc: `${FIG5}: 1xx stops retransmission` },
      success: { to: 'Accepted', effects: (i, t) => [...cancelTimers('A', 'B'), toTu(i), ...startTimer('M', t.M)], rfc: `${FIG5_6026}: 2xx to the TU, Timer M` },
      failure: { to: 'Completed', effects: (i, t) => [...cancelTimers('A', 'B'), toTu(i), ack(i), ...startTimer('D', t.D)], rfc: `${FIG5}: 300-699 to the TU, ACK, Timer D` },
      transportError: { to: 'Terminated', effects: (i) => [{ kind: 'transportError', error: i.error }, TERMINATED], rfc: 'RFC 3261 §17.1.4' },
      abandon: { to: 'Terminated', effects: () => [TERMINATED], rfc: 'RFC 3261 §9.1: destroy the INVITE transaction when its CANCEL fails' },
    },
    Proceeding: {
      provisional: { to: 'Proceeding', effects: (i) => [toTu(i)], rfc: `${FIG5}: further 1xx go to the TU` },
      success: { to: 'Accepted', effects: (i, t) => [toTu(i), ...startTimer('M', t.M)], rfc: `${FIG5_6026}: 2xx to the TU, Timer M` },
      failure: { to: 'Completed', effects: (i, t) => [toTu(i), ack(i), ...startTimer('D', t.D)], rfc: `${FIG5}: 300-699 to the TU, ACK, Timer D` },
      transportError: { ignore: `${FIG5}: nothing is sent in Proceeding; a late report of an answered send is dropped` },
      abandon: { to: 'Terminated', effects: () => [TERMINATED], rfc: 'RFC 3261 §9.1: destroy the INVITE transaction when its CANCEL fails' },
    },
    Completed: {
      failure: { to: 'Completed', effects: (i) => [ack(i)], rfc: `${FIG5}: a retransmitted final response is ACKed again, not passed up` },
      success: { to: 'Completed', effects: (i) => [toTu(i)], rfc: 'RFC 3261 §13.2.2.4: every 2xx must reach the TU to be ACKed' },
      provisional: { ignore: `${FIG5}: a 1xx after the final response is stale` },
      timerD: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG5}: Timer D` },
      transportError: { to: 'Terminated', effects: (i) => [{ kind: 'transportError', error: i.error }, TERMINATED], rfc: `${FIG5}, §17.1.4: the ACK could not be sent` },
      abandon: { ignore: 'RFC 3261 §9.1: the INVITE already has its final response' },
    },
    Accepted: {
      success: { to: 'Accepted', effects: (i) => [toTu(i)], rfc: `${FIG5_6026}: each 2xx (retransmission or fork) goes to the TU` },
      provisional: { ignore: `${FIG5_6026}: only 2xx are passed up in Accepted` },
      failure: { ignore: `${FIG5_6026}: only 2xx are passed up in Accepted` },
      timerM: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG5_6026}: Timer M` },
      transportError: { ignore: `${FIG5_6026}: nothing is sent in Accepted (the 2xx ACK is the TU's)` },
      abandon: { ignore: 'RFC 3261 §9.1: the INVITE already has its final response' },
    },
    Terminated: {},
  },
};

/** Entering Calling: send the INVITE, start Timer A (unreliable transports only) and Timer B. */
export function inviteClientStart(timers: TransactionTimers): Step<InviteClientState> {
  return { state: 'Calling', effects: [{ kind: 'sendRequest' }, ...startTimer('A', timers.A), ...startTimer('B', timers.B)] };
}

export function inviteClientStep(state: InviteClientState, input: InviteClientInput, timers: TransactionTimers): Step<InviteClientState> {
  return runTable(INVITE_CLIENT, state, input, timers);
}
