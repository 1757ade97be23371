/**
 * INVITE server transaction (RFC 3261 §17.2.1, corrected by RFC 6026 §7.1):
 * a pure transition table. The shell keeps the last response and sends.
 * Labels beside a box keep the state; arrows change it.
 *
 *                                     | INVITE: to the TU, Timer Trying100
 *                                     v
 *                              +------------+  INVITE: resend the latest response
 *                              | Proceeding |  Trying100: send 100 Trying
 *                              +------------+  1xx from TU: send
 *                                 |      |     transport error: to TU
 *         300-699 from TU: send,  |      |
 *         Timer G (UDP), Timer H  |      | 2xx from TU: send, Timer L
 *                                 v      +------------------+
 *   INVITE, Timer G:       +------------+                   v
 *   resend (G doubles      | Completed  |            +------------+  INVITE: absorbed
 *   up to T2);             +------------+            |  Accepted  |  ACK: to TU
 *   transport error: to TU    |      |               +------------+  2xx from TU: send
 *                ACK: Timer I |      | Timer H:            |         transport error: to TU
 *                             v      | timeout to TU       | Timer L
 *   INVITE, ACK:       +------------+|                     |
 *   absorbed           | Confirmed  ||                     |
 *                      +------------+|                     |
 *                       Timer I |    |                     |
 *                               v    v                     v
 *                      +----------------------------------------+
 *                      |               Terminated               |
 *                      +----------------------------------------+
 *
 * A 2xx is retransmitted by the TU, not by the transaction (RFC 6026 §7.1):
 * the TU passes each retransmission through `tuSuccess` while Accepted.
 * Transport errors are reported and the state kept, as RFC 6026's revised
 * Figure 7 draws them: Timers H and L still bound the transaction, and a
 * retransmitted INVITE must not start a second transaction. Over reliable
 * transports Timer G is not started and Timer I is zero (Confirmed skipped).
 */
import type { SipResponse } from '../message/index.ts';
import { cancelTimers, type Effect, startTimer } from './transaction-effect.ts';
import type { InboundRequest, TimerFired, TransportFailed, TuResponse } from './transaction-input.ts';
import { doubled, type TransactionTimers } from './timer-values.ts';
import { type Machine, runTable, type Step } from './transition-table.ts';

export type InviteServerState = 'Proceeding' | 'Completed' | 'Confirmed' | 'Accepted' | 'Terminated';

export type InviteServerInput =
  /** The INVITE again (a retransmission matched to this transaction). */
  | { kind: 'request' }
  /** An ACK matched to this transaction. */
  | { kind: 'ack'; ack: InboundRequest }
  | TuResponse
  | TimerFired<'G' | 'H' | 'I' | 'L' | 'Trying100'>
  | TransportFailed;

const FIG7 = 'RFC 3261 §17.2.1';
const FIG7_6026 = 'RFC 6026 §7.1';
const REVISED_FIG7 = 'RFC 6026 revised Figure 7: inform the TU, keep the state';
const TERMINATED: Effect = { kind: 'terminated' };
const send = (input: { response: SipResponse }): Effect => ({ kind: 'sendResponse', response: input.response });
const RESEND: Effect = { kind: 'resendResponse' };

export const INVITE_SERVER: Machine<InviteServerState, InviteServerInput> = {
  name: 'invite-server',
  lingering: { Confirmed: 'I' },
  table: {
    Proceeding: {
      request: { to: 'Proceeding', effects: () => [RESEND], rfc: `${FIG7}: a retransmitted INVITE gets the latest provisional again` },
      ack: { ignore: `${FIG7}: nothing to acknowledge before a final response` },
      timerTrying100: { to: 'Proceeding', effects: () => [{ kind: 'sendTrying' }], rfc: `${FIG7}: 100 Trying when the TU is silent for 200 ms` },
      tuProvisional: { to: 'Proceeding', effects: (i) => [...cancelTimers('Trying100'), send(i)], rfc: `${FIG7}: provisional responses are sent as they come` },
      tuSuccess: { to: 'Accepted', effects: (i, t) => [...cancelTimers('Trying100'), send(i), ...startTimer('L', t.L)], rfc: `${FIG7_6026}: 2xx sent, Accepted, Timer L` },
      tuFailure: {
        to: 'Completed',
        effects: (i, t) => [...cancelTimers('Trying100'), send(i), ...startTimer('G', t.G), ...startTimer('H', t.H)],
        rfc: `${FIG7}: 300-699 sent, Timer G (unreliable only) and Timer H`,
      },
      transportError: { to: 'Proceeding', effects: (i) => [{ kind: 'transportError', error: i.error }], rfc: REVISED_FIG7 },
    },
    Completed: {
      request: { to: 'Completed', effects: () => [RESEND], rfc: `${FIG7}: a retransmitted INVITE gets the final response again` },
      ack: { to: 'Confirmed', effects: (_i, t) => [...cancelTimers('G', 'H'), ...startTimer('I', t.I)], rfc: `${FIG7}: ACK stops retransmission, Timer I` },
      timerG: { to: 'Completed', effects: (i, t) => [RESEND, ...startTimer('G', doubled(i.ms, t.t2))], rfc: `${FIG7}: retransmit, Timer G doubles up to T2` },
      timerH: { to: 'Terminated', effects: () => [{ kind: 'timeout', timer: 'H' }, TERMINATED], rfc: `${FIG7}: Timer H, the ACK never came` },
      transportError: { to: 'Completed', effects: (i) => [{ kind: 'transportError', error: i.error }], rfc: REVISED_FIG7 },
    },
    Confirmed: {
      request: { ignore: `${FIG7}: Confirmed absorbs stragglers` },
      ack: { ignore: `${FIG7}: Confirmed absorbs ACK retransmissions` },
      timerI: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG7}: Timer I` },
      transportError: { ignore: `${FIG7}: nothing is sent in Confirmed; a late report is dropped` },
    },
    Accepted: {
      request: { ignore: `${FIG7_6026}: retransmitted INVITEs are absorbed, not passed to the TU` },
      ack: { to: 'Accepted', effects: (i) => [{ kind: 'passAck', ack: i.ack }], rfc: `${FIG7_6026}: the ACK for a 2xx goes to the TU` },
      tuSuccess: { to: 'Accepted', effects: (i) => [send(i)], rfc: `${FIG7_6026}: the TU's 2xx retransmissions are sent` },
      timerL: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG7_6026}: Timer L` },
      transportError: { to: 'Accepted', effects: (i) => [{ kind: 'transportError', error: i.error }], rfc: REVISED_FIG7 },
    },
    Terminated: {},
  },
};

/** Entering Proceeding: the request goes to the TU (the shell does that) and the 100 Trying timer starts. */
export function inviteServerStart(timers: TransactionTimers): Step<InviteServerState> {
  return { state: 'Proceeding', effects: startTimer('Trying100', timers.Trying100) };
}

export function inviteServerStep(state: InviteServerState, input: InviteServerInput, timers: TransactionTimers): Step<InviteServerState> {
  return runTable(INVITE_SERVER, state, input, timers);
}
