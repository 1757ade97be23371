/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2): a pure transition table,
 * with the Timer E retransmissions UDP needs.
 * Labels beside a box keep the state; arrows change it.
 *
 *                  | request from TU: send, Timer E (UDP only), Timer F
 *                  v
 *           +------------+  Timer E: resend, E = min(2E, T2)
 *           |   Trying   |
 *           +------------+
 *            |     |    |  Timer F: timeout to TU;
 *            |     |    |  transport error: to TU
 *            |     |    +---------------------------------------------+
 *            |     | 200-699: to TU, Timer K                          |
 *            |     +-------------------------------+                  |
 *            | 1xx: to TU                          |                  |
 *            v                                     v                  |
 *     +------------+  200-699: to TU, Timer K +------------+          |
 *     | Proceeding |------------------------->| Completed  |          |
 *     +------------+                          +------------+          |
 *       |   Timer E: resend, E = T2;            1xx-699: absorbed     |
 *       |   1xx: to TU                             |                  |
 *       |                                          | Timer K          |
 *       | Timer F: timeout to TU;                  |                  |
 *       | transport error: to TU                   |                  |
 *       v                                          v                  v
 *     +---------------------------------------------------------------+
 *     |                          Terminated                           |
 *     +---------------------------------------------------------------+
 *
 * Over reliable transports Timer E is not started and Timer K is zero, so
 * Completed is skipped.
 */
import type { SipResponse } from '../message/index.ts';
import { cancelTimers, type Effect, startTimer } from './transaction-effect.ts';
import type { ResponseReceived, TimerFired, TransportFailed } from './transaction-input.ts';
import { doubled, type TransactionTimers } from './timer-values.ts';
import { type Machine, runTable, type Step } from './transition-table.ts';

export type NonInviteClientState = 'Trying' | 'Proceeding' | 'Completed' | 'Terminated';

export type NonInviteClientInput = ResponseReceived | TimerFired<'E' | 'F' | 'K'> | TransportFailed;

const FIG6 = 'RFC 3261 §17.1.2.2';
const TERMINATED: Effect = { kind: 'terminated' };
const toTu = (input: { response: SipResponse }): Effect => ({ kind: 'passResponse', response: input.response });
const complete = (input: { response: SipResponse }, t: TransactionTimers): Effect[] => [...cancelTimers('E', 'F'), toTu(input), ...startTimer('K', t.K)];

export const NON_INVITE_CLIENT: Machine<NonInviteClientState, NonInviteClientInput> = {
  name: 'non-invite-client',
  lingering: { Completed: 'K' },
  table: {
    Trying: {
      timerE: { to: 'Trying', effects: (i, t) => [{ kind: 'sendRequest' }, ...startTimer('E', doubled(i.ms, t.t2))], rfc: `${FIG6}: retransmit, Timer E doubles up to T2` },
      timerF: { to: 'Terminated', effects: () => [{ kind: 'timeout', timer: 'F' }, TERMINATED], rfc: `${FIG6}: Timer F, inform the TU` },
      provisional: { to: 'Proceeding', effects: (i) => [toTu(i)], rfc: `${FIG6}: 1xx to the TU` },
      success: { to: 'Completed', effects: complete, rfc: `${FIG6}: final response to the TU, Timer K` },
      failure: { to: 'Completed', effects: complete, rfc: `${FIG6}: final response to the TU, Timer K` },
      transportError: { to: 'Terminated', effects: (i) => [{ kind: 'transportError', error: i.error }, TERMINATED], rfc: 'RFC 3261 §17.1.4' },
    },
    Proceeding: {
      timerE: { to: 'Proceeding', effects: (_i, t) => [{ kind: 'sendRequest' }, ...startTimer('E', t.t2)], rfc: `${FIG6}: retransmit every T2 once a 1xx came` },
      timerF: { to: 'Terminated', effects: () => [{ kind: 'timeout', timer: 'F' }, TERMINATED], rfc: `${FIG6}: Timer F, inform the TU` },
      provisional: { to: 'Proceeding', effects: (i) => [toTu(i)], rfc: `${FIG6}: 1xx to the TU` },
      success: { to: 'Completed', effects: complete, rfc: `${FIG6}: final response to the TU, Timer K` },
      failure: { to: 'Completed', effects: complete, rfc: `${FIG6}: final response to the TU, Timer K` },
      transportError: { to: 'Terminated', effects: (i) => [{ kind: 'transportError', error: i.error }, TERMINATED], rfc: 'RFC 3261 §17.1.4' },
    },
    Completed: {
      provisional: { ignore: `${FIG6}: Completed buffers response retransmissions` },
      success: { ignore: `${FIG6}: Completed buffers response retransmissions` },
      failure: { ignore: `${FIG6}: Completed buffers response retransmissions` },
      timerK: { to: 'Terminated', effects: () => [TERMINATED], rfc: `${FIG6}: Timer K` },
      transportError: { ignore: `${FIG6}: nothing is sent in Completed; a late report is dropped` },
    },
    Terminated: {},
  },
};

/** Entering Trying: send the request, start Timer E (unreliable transports only) and Timer F. */
export function nonInviteClientStart(timers: TransactionTimers): Step<NonInviteClientState> {
  return { state: 'Trying', effects: [{ kind: 'sendRequest' }, ...startTimer('E', timers.E), ...startTimer('F', timers.F)] };
}

export function nonInviteClientStep(state: NonInviteClientState, input: NonInviteClientInput, timers: TransactionTimers): Step<NonInviteClientState> {
  return runTable(NON_INVITE_CLIENT, state, input, timers);
}
