import { describe, expect, test } from 'bun:test';
import { TransportError } from '../transport/index.ts';
import { NON_INVITE_SERVER, type NonInviteServerInput, type NonInviteServerState, nonInviteServerStart } from './non-invite-server-transaction.ts';
import { describeMachine, TCP } from './table-test-support.ts';
import { sipResponse } from './test-messages.ts';

const trying = sipResponse(100, { method: 'OPTIONS' });
const ok = sipResponse(200, { method: 'OPTIONS' });
const notFound = sipResponse(404, { method: 'OPTIONS' });
const error = new TransportError('connection reset', { protocol: 'tcp', address: '192.0.2.10', port: 5060 });

const samples: NonInviteServerInput[] = [
  { kind: 'request' },
  { kind: 'tuProvisional', response: trying },
  { kind: 'tuSuccess', response: ok },
  { kind: 'tuFailure', response: notFound },
  { kind: 'timerJ', ms: 32_000 },
  { kind: 'transportError', error },
];

describe('non-INVITE server transaction: entering Trying', () => {
  test('sends nothing by itself: no 100 Trying for non-INVITE (RFC 4320)', () => {
    expect(nonInviteServerStart()).toEqual({ state: 'Trying', effects: [] });
  });
});

describeMachine<NonInviteServerState, NonInviteServerInput>({
  machine: NON_INVITE_SERVER,
  states: ['Trying', 'Proceeding', 'Completed', 'Terminated'],
  samples,
  legal: [
    {
      name: 'sends a provisional from the TU and moves to Proceeding',
      state: 'Trying',
      input: { kind: 'tuProvisional', response: trying },
      to: 'Proceeding',
      effects: [{ kind: 'sendResponse', response: trying }],
    },
    {
      name: 'sends a 2xx from the TU in Trying and starts Timer J = 64*T1',
      state: 'Trying',
      input: { kind: 'tuSuccess', response: ok },
      to: 'Completed',
      effects: [
        { kind: 'sendResponse', response: ok },
        { kind: 'startTimer', timer: 'J', ms: 32_000 },
      ],
    },
    {
      name: 'sends a 300-699 from the TU in Trying and starts Timer J',
      state: 'Trying',
      input: { kind: 'tuFailure', response: notFound },
      to: 'Completed',
      effects: [
        { kind: 'sendResponse', response: notFound },
        { kind: 'startTimer', timer: 'J', ms: 32_000 },
      ],
    },
    {
      name: 'goes straight to Terminated on a final response when Timer J is zero (reliable transport)',
      state: 'Trying',
      input: { kind: 'tuSuccess', response: ok },
      timers: TCP,
      to: 'Terminated',
      effects: [{ kind: 'sendResponse', response: ok }, { kind: 'terminated' }],
    },
    {
      name: 'answers a retransmitted request in Proceeding with the latest provisional',
      state: 'Proceeding',
      input: { kind: 'request' },
      to: 'Proceeding',
      effects: [{ kind: 'resendResponse' }],
    },
    {
      name: 'sends further provisionals from the TU in Proceeding',
      state: 'Proceeding',
      input: { kind: 'tuProvisional', response: trying },
      to: 'Proceeding',
      effects: [{ kind: 'sendResponse', response: trying }],
    },
    {
      name: 'sends a 2xx from the TU in Proceeding and starts Timer J',
      state: 'Proceeding',
      input: { kind: 'tuSuccess', response: ok },
      to: 'Completed',
      effects: [
        { kind: 'sendResponse', response: ok },
        { kind: 'startTimer', timer: 'J', ms: 32_000 },
      ],
    },
    {
      name: 'sends a 300-699 from the TU in Proceeding and starts Timer J',
      state: 'Proceeding',
      input: { kind: 'tuFailure', response: notFound },
      to: 'Completed',
      effects: [
        { kind: 'sendResponse', response: notFound },
        { kind: 'startTimer', timer: 'J', ms: 32_000 },
      ],
    },
    {
      name: 'informs the TU of a transport error in Proceeding and terminates (§17.2.4)',
      state: 'Proceeding',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
    {
      name: 'answers a retransmitted request in Completed with the final response',
      state: 'Completed',
      input: { kind: 'request' },
      to: 'Completed',
      effects: [{ kind: 'resendResponse' }],
    },
    { name: 'terminates when Timer J fires in Completed', state: 'Completed', input: { kind: 'timerJ', ms: 32_000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 'informs the TU of a transport error in Completed and terminates (§17.2.4)',
      state: 'Completed',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
  ],
  ignored: [
    ['Trying', 'request', 'discards a retransmitted request in Trying'],
    ['Completed', 'tuProvisional', 'discards a provisional from the TU after the final response'],
    ['Completed', 'tuSuccess', 'discards a second final response from the TU'],
    ['Completed', 'tuFailure', 'discards a second final response from the TU'],
  ],
});
