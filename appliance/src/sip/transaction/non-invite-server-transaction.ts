/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2): a pure transition table.
 * It never sends 100 Trying on its own (RFC 4320: a non-INVITE 100 only
 * delays the client's timeout handling).
 * Labels beside a box keep the state; arrows change it.
 *
 *                  | request: to the TU
 *                  v
 *           +------------+  request: discarded
 *           |   Trying   |
 *           +------------+
 *            |          |
 *            |          | 200-699 from TU: send, Timer J
 *            |          +-----------------------+
 *            | 1xx from TU: send                |
 *            v                                  v
 *     +------------+  200-699 from TU:   +------------+  request: resend the final response
 *     | Proceeding |-------------------->| Completed  |  responses from TU: discarded
 *     +------------+  send, Timer J      +------------+
 *       |  request: resend the latest       |
 *       |  1xx from TU: send                | Timer J;
 *       |                                   | transport error: to TU
 *       | transport error: to TU            |
 *       v                                   v
 *     +------------------------------------------+
 *     |                Terminated                |
 *     +------------------------------------------+
 *
 * Over reliable transports Timer J is zero, so Completed is skipped.
 */
import type { SipResponse } from '../message/index.ts';
import { type Effect, startTimer } from './transaction-effect.ts';
import type { TimerFired, TransportFailed, TuResponse } from './transaction-input.ts';
import type { TransactionTimers } from './timer-values.ts';
import { type Machine, runTable, type Step } from './transition-table.ts';

export type NonInviteServerState = 'Trying' | 'Proceeding' | 'Completed' | 'Terminated';

export type NonInviteServerInput =
  /** The request again (a retransmission matched to this transaction). */
  | { kind: 'request' }
  | TuResponse
  | TimerFired<'J'>
  | TransportFailed;

const FIG8 = 'RFC 3261 §17.2.2';
const TERMINATED: Effect = { kind: 'terminated' };
const send = (input: { response: SipResponse }): Effect => ({ kind: 'sendResponse', response: input.response });
const complete = (input: { response: SipResponse }, t: TransactionTimers): Effect[] => [send(input), ...startTimer('J', t.J)];
const fail = (input: TransportFailed): Effect[] => [{ kind: 'transportError', error: input.error }, TERMINATED];

export const NON_INVITE_SERVER: Machine<NonInviteServerState, NonInviteServerInput> = {
  name: 'non-invite-server',
  lingering: { Completed: 'J' },
  table: {
    Trying: {
      request: { ignore: `${FIG8}: retransmissions are discarded in Trying` },
      tuProvisional: { to: 'Proceeding', effects: (i) => [send(i)], rfc: `${FIG8}: a provisional from the TU is sent` },
      tuSuccess: { to: 'Completed', effects: complete, rfc: `${FIG8}: a final response from the TU is sent, Timer J` },
      tuFailure: { to: 'Completed', effects: complete, rfc: `${FIG8}: a final response from the TU is sent, Timer J` },
    },
    Proceeding: {
      request: { to: 'Proceeding', effects: () => [{ kind: 'resendResponse' }], rfc: `${FIG8}: a retransmission gets the latest provisional again` },
      tuProvisional: { to: 'Proceeding', effects: (i) => [send(i)], rfc: `${FIG8}: further provisionals are sent` },
      tuSuccess: { to: 'Completed', effects: complete, rfc: `${FIG8}: a final response from the TU is sent, Timer J` },
      tuFailure: { to: 'Completed', effects: complete, rfc: `${FIG8}: a final response from the TU is sent, Timer J` },
      transportError: { to: 'Terminated', effects: fail, rfc: 'RFC 3261 §17.2.4' },
    },
    Completed: {
      request: { to: 'Completed', effects: () => [{ kind: 'resendResponse' }], rfc: `${FIG8}: a retransmission gets the final response again` },
      tuProvisional: { ignore: `${FIG8}: responses from the TU after the final one are discarded` },
      tuSuccess: { ignore: `${FIG8}: responses from the TU after the final one are discarded` },
      tuFailure: { ignore: `${FIG8}: responses from the TU after the final one are discarded` },
      timerJ: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG8}: Timer J` },
      transportError: { to: 'Terminated', effects: fail, rfc: 'RFC 3261 §17.2.4' },
    },
    Terminated: {},
  },
};

/** Entering Trying: nothing to send; the shell hands the request to the TU. */
export function nonInviteServerStart(): Step<NonInviteServerState> {
  return { state: 'Trying', effects: [] };
}

export function nonInviteServerStep(state: NonInviteServerState, input: NonInviteServerInput, timers: TransactionTimers): Step<NonInviteServerState> {
  return runTable(NON_INVITE_SERVER, state, input, timers);
}
