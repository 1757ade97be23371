import { describe, expect, test } from 'bun:test';
import { TransportError } from '../transport/index.ts';
import { INVITE_CLIENT, type InviteClientInput, type InviteClientState, inviteClientStart } from './invite-client-transaction.ts';
import { describeMachine, TCP, UDP } from './table-test-support.ts';
import { sipResponse } from './test-messages.ts';

const ringing = sipResponse(180);
const ok = sipResponse(200);
const busy = sipResponse(486);
const error = new TransportError('connection refused', { protocol: 'tcp', address: '192.0.2.1', port: 5060 });

const samples: InviteClientInput[] = [
  { kind: 'provisional', response: ringing },
  { kind: 'success', response: ok },
  { kind: 'failure', response: busy },
  { kind: 'timerA', ms: 500 },
  { kind: 'timerB', ms: 32_000 },
  { kind: 'timerD', ms: 32_000 },
  { kind: 'timerM', ms: 32_000 },
  { kind: 'transportError', error },
  { kind: 'abandon' },
];

describe('INVITE client transaction: entering Calling', () => {
  test('sends the INVITE and starts Timer A = T1 and Timer B = 64*T1 over UDP', () => {
    expect(inviteClientStart(UDP)).toEqual({
      state: 'Calling',
      effects: [
        { kind: 'sendRequest' },
        { kind: 'startTimer', timer: 'A', ms: 500 },
        { kind: 'startTimer', timer: 'B', ms: 32_000 },
      ],
    });
  });
  test('does not start Timer A over a reliable transport, but still Timer B', () => {
    expect(inviteClientStart(TCP).effects).toEqual([{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'B', ms: 32_000 }]);
  });
});

describeMachine<InviteClientState, InviteClientInput>({
  machine: INVITE_CLIENT,
  states: ['Calling', 'Proceeding', 'Completed', 'Accepted', 'Terminated'],
  samples,
  legal: [
    {
      name: 'retransmits the INVITE when Timer A fires and doubles Timer A',
      state: 'Calling',
      input: { kind: 'timerA', ms: 500 },
      to: 'Calling',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'A', ms: 1000 }],
    },
    {
      name: 'keeps doubling Timer A past T2 (only Timer B ends it)',
      state: 'Calling',
      input: { kind: 'timerA', ms: 8000 },
      to: 'Calling',
      effects: [{ kind: 'sendRequest' }, { kind: 'startTimer', timer: 'A', ms: 16_000 }],
    },
    {
      name: 'informs the TU of a timeout when Timer B fires in Calling',
      state: 'Calling',
      input: { kind: 'timerB', ms: 32_000 },
      to: 'Terminated',
      effects: [{ kind: 'timeout', timer: 'B' }, { kind: 'terminated' }],
    },
    {
      name: 'passes a 1xx to the TU and stops retransmitting (Calling → Proceeding)',
      state: 'Calling',
      input: { kind: 'provisional', response: ringing },
      to: 'Proceeding',
      effects: [
        { kind: 'cancelTimer', timer: 'A' },
        { kind: 'cancelTimer', timer: 'B' },
        { kind: 'passResponse', response: ringing },
      ],
    },
    {
      name: 'passes a 2xx to the TU and enters Accepted with Timer M (RFC 6026)',
      state: 'Calling',
      input: { kind: 'success', response: ok },
      to: 'Accepted',
      effects: [
        { kind: 'cancelTimer', timer: 'A' },
        { kind: 'cancelTimer', timer: 'B' },
        { kind: 'passResponse', response: ok },
        { kind: 'startTimer', timer: 'M', ms: 32_000 },
      ],
    },
    {
      name: 'passes a 300-699 to the TU, ACKs it and starts Timer D of at least 32 s',
      state: 'Calling',
      input: { kind: 'failure', response: busy },
      to: 'Completed',
      effects: [
        { kind: 'cancelTimer', timer: 'A' },
        { kind: 'cancelTimer', timer: 'B' },
        { kind: 'passResponse', response: busy },
        { kind: 'sendAck', response: busy },
        { kind: 'startTimer', timer: 'D', ms: 32_000 },
      ],
    },
    {
      name: 'goes straight to Terminated after ACKing a 300-699 when Timer D is zero (reliable transport)',
      state: 'Calling',
      input: { kind: 'failure', response: busy },
      timers: TCP,
      to: 'Terminated',
      effects: [
        { kind: 'cancelTimer', timer: 'A' },
        { kind: 'cancelTimer', timer: 'B' },
        { kind: 'passResponse', response: busy },
        { kind: 'sendAck', response: busy },
        { kind: 'terminated' },
      ],
    },
    {
      name: 'informs the TU of a transport error in Calling and terminates (§17.1.4)',
      state: 'Calling',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
    { name: 'can be abandoned by the TU in Calling (§9.1)', state: 'Calling', input: { kind: 'abandon' }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 'passes further 1xx to the TU in Proceeding',
      state: 'Proceeding',
      input: { kind: 'provisional', response: ringing },
      to: 'Proceeding',
      effects: [{ kind: 'passResponse', response: ringing }],
    },
    {
      name: 'passes a 2xx to the TU and enters Accepted from Proceeding',
      state: 'Proceeding',
      input: { kind: 'success', response: ok },
      to: 'Accepted',
      effects: [
        { kind: 'passResponse', response: ok },
        { kind: 'startTimer', timer: 'M', ms: 32_000 },
      ],
    },
    {
      name: 'passes a 300-699 to the TU and ACKs it from Proceeding',
      state: 'Proceeding',
      input: { kind: 'failure', response: busy },
      to: 'Completed',
      effects: [
        { kind: 'passResponse', response: busy },
        { kind: 'sendAck', response: busy },
        { kind: 'startTimer', timer: 'D', ms: 32_000 },
      ],
    },
    { name: 'can be abandoned by the TU in Proceeding when its CANCEL failed (§9.1)', state: 'Proceeding', input: { kind: 'abandon' }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 're-sends the ACK for a retransmitted final response in Completed, without passing it up',
      state: 'Completed',
      input: { kind: 'failure', response: busy },
      to: 'Completed',
      effects: [{ kind: 'sendAck', response: busy }],
    },
    {
      name: 'still passes a late 2xx to the TU in Completed so that it can be ACKed',
      state: 'Completed',
      input: { kind: 'success', response: ok },
      to: 'Completed',
      effects: [{ kind: 'passResponse', response: ok }],
    },
    { name: 'terminates when Timer D fires in Completed', state: 'Completed', input: { kind: 'timerD', ms: 32_000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 'informs the TU when the ACK cannot be sent in Completed and terminates',
      state: 'Completed',
      input: { kind: 'transportError', error },
      to: 'Terminated',
      effects: [{ kind: 'transportError', error }, { kind: 'terminated' }],
    },
    {
      name: 'passes every further 2xx (retransmission or fork) to the TU in Accepted',
      state: 'Accepted',
      input: { kind: 'success', response: ok },
      to: 'Accepted',
      effects: [{ kind: 'passResponse', response: ok }],
    },
    { name: 'terminates when Timer M fires in Accepted', state: 'Accepted', input: { kind: 'timerM', ms: 32_000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
  ],
  ignored: [
    ['Proceeding', 'transportError', 'drops a late transport error in Proceeding (nothing is sent there)'],
    ['Completed', 'provisional', 'absorbs a 1xx after the final response'],
    ['Completed', 'abandon', 'ignores abandon once the final response came'],
    ['Accepted', 'provisional', 'absorbs a 1xx in Accepted'],
    ['Accepted', 'failure', 'absorbs a 300-699 in Accepted (only 2xx go up)'],
    ['Accepted', 'transportError', 'drops a late transport error in Accepted'],
    ['Accepted', 'abandon', 'ignores abandon once the final response came'],
  ],
});
