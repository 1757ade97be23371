import { describe, expect, test } from 'bun:test';
import { TransportError } from '../transport/index.ts';
import { NON_INVITE_CLIENT, type NonInviteClientInput, type NonInviteClientState, nonInviteClientStart } from './non-invite-client-transaction.ts';
import { describeMachine, TCP, UDP } from './table-test-support.ts';
import { sipResponse } from './test-messages.ts';

const trying = sipResponse(100, { method: 'REGISTER' });
const ok = sipResponse(200, { method: 'REGISTER' });
const unauthorized = sipResponse(401, { method: 'REGISTER' });
const error = new TransportError('host unreachable', { protocol: 'udp', address: '192.0.2.1', port: 5060 });

const samples: NonInviteClientInput[] = [
  { kind: 'provisional', response: trying },
  { kind: 'success', response: ok },
  { kind: 'failure', response: unauthorized },
  { kind: 'timerE', ms: 500 },
  { kind: 'timerF', ms: 32_000 },
  { kind: 'timerK', ms: 5000 },
  { kind: 'transportError', error },
];

const completeWith = (response: typeof ok, kTimer: number | null) => [
  { kind: 'cancelTimer' as const, timer: 'E' as const },
  { kind: 'cancelTimer' as const, timer: 'F' as const },
  { kind: 'passResponse' as const, response },
  ...(kTimer === null ? [{ kind: 'terminated' as const }] : [{ kind: 'startTimer' as const, timer: 'K' as const, ms: kTimer }]),
];

describe('non-INVITE client transaction: entering Trying', () => {
  test('sends the request and starts Timer E = T1 and Timer F = 64*T1 over UDP', () => {
    expect(nonInviteClientStart(UDP)).toEqual({
      state: 'Trying',
      effects: [
        { kind: 'sendRequest' },
        { kind: 'startTimer', timer: 'E', ms: 500 },
        { kind: 'startTimer', timer: 'F', ms: 32_000 },
      ],
    });
  });
  test('does not start Timer E over a reliable transport', () => {
    expect(nonInviteClientStart(TCP).effects).toEqual([{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'F', ms: 32_000 }]);
  });
});

describeMachine<NonInviteClientState, NonInviteClientInput>({
  machine: NON_INVITE_CLIENT,
  states: ['Trying', 'Proceeding', 'Completed', 'Terminated'],
  samples,
  legal: [
    {
      name: 'retransmits the request when Timer E fires in Trying and doubles Timer E',
      state: 'Trying',
      input: { kind: 'timerE', ms: 1000 },
      to: 'Trying',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'E', ms: 2000 }],
    },
    {
      name: 'Timer E caps at T2',
      state: 'Trying',
      input: { kind: 'timerE', ms: 4000 },
      to: 'Trying',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'E', ms: 4000 }],
    },
    {
      name: 'Timer E doubling never passes T2 (2 s → 4 s, not more)',
      state: 'Trying',
      input: { kind: 'timerE', ms: 3000 },
      to: 'Trying',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'E', ms: 4000 }],
    },
    {
      name: 'informs the TU of a timeout when Timer F fires in Trying',
      state: 'Trying',
      input: { kind: 'timerF', ms: 32_000 },
      to: 'Terminated',
      effects: [{ kind: 'timeout', timer: 'F' }, { kind: 'terminated' }],
    },
    {
      name: 'passes a 1xx to the TU and moves to Proceeding, still retransmitting',
      state: 'Trying',
      input: { kind: 'provisional', response: trying },
      to: 'Proceeding',
      effects: [{ kind: 'passResponse', response: trying }],
    },
    { name: 'passes a 2xx to the TU from Trying and starts Timer K = T4', state: 'Trying', input: { kind: 'success', response: ok }, to: 'Completed', effects: completeWith(ok, 5000) },
    {
      name: 'passes a 300-699 to the TU from Trying and starts Timer K',
      state: 'Trying',
      input: { kind: 'failure', response: unauthorized },
      to: 'Completed',
      effects: completeWith(unauthorized, 5000),
    },
    {
      name: 'goes straight to Terminated on a final response when Timer K is zero (reliable transport)',
      state: 'Trying',
      input: { kind: 'success', response: ok },
      timers: TCP,
      to: 'Terminated',
      effects: completeWith(ok, null),
    },
    {
      name: 'informs the TU of a transport error in Trying and terminates (§17.1.4)',
      state: 'Trying',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
    {
      name: 'retransmits every T2 when Timer E fires in Proceeding',
      state: 'Proceeding',
      input: { kind: 'timerE', ms: 1000 },
      to: 'Proceeding',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'E', ms: 4000 }],
    },
    {
      name: 'informs the TU of a timeout when Timer F fires in Proceeding',
      state: 'Proceeding',
      input: { kind: 'timerF', ms: 32_000 },
      to: 'Terminated',
      effects: [{ kind: 'timeout', timer: 'F' }, { kind: 'terminated' }],
    },
    {
      name: 'passes further 1xx to the TU in Proceeding',
      state: 'Proceeding',
      input: { kind: 'provisional', response: trying },
      to: 'Proceeding',
      effects: [{ kind: 'passResponse', response: trying }],
    },
    { name: 'passes a 2xx to the TU from Proceeding and starts Timer K', state: 'Proceeding', input: { kind: 'success', response: ok }, to: 'Completed', effects: completeWith(ok, 5000) },
    {
      name: 'passes a 300-699 to the TU from Proceeding and starts Timer K',
      state: 'Proceeding',
      input: { kind: 'failure', response: unauthorized },
      to: 'Completed',
      effects: completeWith(unauthorized, 5000),
    },
    {
      name: 'informs the TU of a transport error in Proceeding and terminates',
      state: 'Proceeding',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
    { name: 'terminates when Timer K fires in Completed', state: 'Completed', input: { kind: 'timerK', ms: 5000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
  ],
  ignored: [
    ['Completed', 'provisional', 'absorbs a 1xx in Completed'],
    ['Completed', 'success', 'absorbs a retransmitted 2xx in Completed'],
    ['Completed', 'failure', 'absorbs a retransmitted 300-699 in Completed'],
    ['Completed', 'transportError', 'drops a late transport error in Completed'],
  ],
});
