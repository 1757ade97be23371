import { describe, expect, test } from 'bun:test';
import { TransportError } from '../transport/index.ts';
import { INVITE_SERVER, type InviteServerInput, type InviteServerState, inviteServerStart } from './invite-server-transaction.ts';
import { describeMachine, TCP, UDP } from './table-test-support.ts';
import { inboundRequest, sipRequest, sipResponse } from './test-messages.ts';

const ringing = sipResponse(180);
const ok = sipResponse(200);
const busy = sipResponse(486);
const ack = inboundRequest(sipRequest({ method: 'ACK', toTag: 'to1' }));
const error = new TransportError('host unreachable', { protocol: 'udp', address: '192.0.2.10', port: 5060 });

const samples: InviteServerInput[] = [
  { kind: 'request' },
  { kind: 'ack', ack },
  { kind: 'tuProvisional', response: ringing },
  { kind: 'tuSuccess', response: ok },
  { kind: 'tuFailure', response: busy },
  { kind: 'timerG', ms: 500 },
  { kind: 'timerH', ms: 32_000 },
  { kind: 'timerI', ms: 5000 },
  { kind: 'timerL', ms: 32_000 },
  { kind: 'timerTrying100', ms: 200 },
  { kind: 'transportError', error },
];

describe('INVITE server transaction: entering Proceeding', () => {
  test('starts the 200 ms timer after which it sends 100 Trying itself', () => {
    expect(inviteServerStart(UDP)).toEqual({ state: 'Proceeding', effects: [{ kind: 'startTimer', timer: 'Trying100', ms: 200 }] });
  });
});

describeMachine<InviteServerState, InviteServerInput>({
  machine: INVITE_SERVER,
  states: ['Proceeding', 'Completed', 'Confirmed', 'Accepted', 'Terminated'],
  samples,
  legal: [
    {
      name: 'answers a retransmitted INVITE in Proceeding with the latest provisional response',
      state: 'Proceeding',
      input: { kind: 'request' },
      to: 'Proceeding',
      effects: [{ kind: 'resendResponse' }],
    },
    {
      name: 'sends 100 Trying when the TU has sent nothing within 200 ms',
      state: 'Proceeding',
      input: { kind: 'timerTrying100', ms: 200 },
      to: 'Proceeding',
      effects: [{ kind: 'sendTrying' }],
    },
    {
      name: 'sends a provisional from the TU and stops the 100 Trying timer',
      state: 'Proceeding',
      input: { kind: 'tuProvisional', response: ringing },
      to: 'Proceeding',
      effects: [
        { kind: 'cancelTimer', timer: 'Trying100' },
        { kind: 'sendResponse', response: ringing },
      ],
    },
    {
      name: 'sends a 2xx from the TU and enters Accepted with Timer L = 64*T1 (RFC 6026)',
      state: 'Proceeding',
      input: { kind: 'tuSuccess', response: ok },
      to: 'Accepted',
      effects: [
        { kind: 'cancelTimer', timer: 'Trying100' },
        { kind: 'sendResponse', response: ok },
        { kind: 'startTimer', timer: 'L', ms: 32_000 },
      ],
    },
    {
      name: 'sends a 300-699 from the TU and starts Timer G = T1 and Timer H = 64*T1 over UDP',
      state: 'Proceeding',
      input: { kind: 'tuFailure', response: busy },
      to: 'Completed',
      effects: [
        { kind: 'cancelTimer', timer: 'Trying100' },
        { kind: 'sendResponse', response: busy },
        { kind: 'startTimer', timer: 'G', ms: 500 },
        { kind: 'startTimer', timer: 'H', ms: 32_000 },
      ],
    },
    {
      name: 'does not start Timer G over a reliable transport, but still Timer H',
      state: 'Proceeding',
      input: { kind: 'tuFailure', response: busy },
      timers: TCP,
      to: 'Completed',
      effects: [
        { kind: 'cancelTimer', timer: 'Trying100' },
        { kind: 'sendResponse', response: busy },
        { kind: 'startTimer', timer: 'H', ms: 32_000 },
      ],
    },
    {
      name: 'informs the TU of a transport error in Proceeding and stays (RFC 6026 Figure 7)',
      state: 'Proceeding',
      input: { kind: 'transportError', error },
      to: 'Proceeding',
      effects: [{ kind: 'transportError', error }],
    },
    {
      name: 'answers a retransmitted INVITE in Completed with the final response',
      state: 'Completed',
      input: { kind: 'request' },
      to: 'Completed',
      effects: [{ kind: 'resendResponse' }],
    },
    {
      name: 'retransmits the final response on Timer G, doubling',
      state: 'Completed',
      input: { kind: 'timerG', ms: 500 },
      to: 'Completed',
      effects: [{ kind: 'resendResponse' }, { kind: 'startTimer', timer: 'G', ms: 1000 }],
    },
    {
      name: 'Timer G caps at T2',
      state: 'Completed',
      input: { kind: 'timerG', ms: 4000 },
      to: 'Completed',
      effects: [{ kind: 'resendResponse' }, { kind: 'startTimer', timer: 'G', ms: 4000 }],
    },
    {
      name: 'moves to Confirmed on the ACK, stops G and H and starts Timer I = T4',
      state: 'Completed',
      input: { kind: 'ack', ack },
      to: 'Confirmed',
      effects: [
        { kind: 'cancelTimer', timer: 'G' },
        { kind: 'cancelTimer', timer: 'H' },
        { kind: 'startTimer', timer: 'I', ms: 5000 },
      ],
    },
    {
      name: 'goes straight to Terminated on the ACK when Timer I is zero (reliable transport)',
      state: 'Completed',
      input: { kind: 'ack', ack },
      timers: TCP,
      to: 'Terminated',
      effects: [{ kind: 'cancelTimer', timer: 'G' }, { kind: 'cancelTimer', timer: 'H' }, { kind: 'terminated' }],
    },
    {
      name: 'reports a transaction failure to the TU when Timer H fires (no ACK)',
      state: 'Completed',
      input: { kind: 'timerH', ms: 32_000 },
      to: 'Terminated',
      effects: [{ kind: 'timeout', timer: 'H' }, { kind: 'terminated' }],
    },
    {
      name: 'informs the TU of a transport error in Completed and stays (RFC 6026 Figure 7)',
      state: 'Completed',
      input: { kind: 'transportError', error },
      to: 'Completed',
      effects: [{ kind: 'transportError', error }],
    },
    { name: 'terminates when Timer I fires in Confirmed', state: 'Confirmed', input: { kind: 'timerI', ms: 5000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 'passes an ACK to the TU in Accepted (RFC 6026)',
      state: 'Accepted',
      input: { kind: 'ack', ack },
      to: 'Accepted',
      effects: [{ kind: 'passAck', ack }],
    },
    {
      name: "sends the TU's 2xx retransmissions in Accepted",
      state: 'Accepted',
      input: { kind: 'tuSuccess', response: ok },
      to: 'Accepted',
      effects: [{ kind: 'sendResponse', response: ok }],
    },
    { name: 'terminates when Timer L fires in Accepted', state: 'Accepted', input: { kind: 'timerL', ms: 32_000 }, to: 'Terminated', effects: [{ kind: 'terminated' }] },
    {
      name: 'informs the TU of a transport error in Accepted and stays (RFC 6026 Figure 7)',
      state: 'Accepted',
      input: { kind: 'transportError', error },
      to: 'Accepted',
      effects: [{ kind: 'transportError', error }],
    },
  ],
  ignored: [
    ['Proceeding', 'ack', 'ignores an ACK before any final response'],
    ['Confirmed', 'request', 'absorbs a retransmitted INVITE in Confirmed'],
    ['Confirmed', 'ack', 'absorbs ACK retransmissions in Confirmed'],
    ['Confirmed', 'transportError', 'drops a late transport error in Confirmed'],
    ['Accepted', 'request', 'absorbs a retransmitted INVITE in Accepted without passing it to the TU (RFC 6026)'],
  ],
});
