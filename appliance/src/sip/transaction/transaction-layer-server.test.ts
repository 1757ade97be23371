import { describe, expect, test } from 'bun:test';
import { createResponse, type SipResponse } from '../message/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { setup as setupOn } from './layer-test-support.ts';
import { endpoint, inboundRequest, sipRequest } from './test-messages.ts';
import { InvalidTransition } from './transaction-errors.ts';
import type { ServerTransaction } from './transaction-user.ts';

const setup = () => setupOn(new FakeClock());

const invite = (branch = 'z9hG4bKs1') => inboundRequest(sipRequest({ method: 'INVITE', branch }));
const ack = (branch = 'z9hG4bKs1', toTag = 'uas') => inboundRequest(sipRequest({ method: 'ACK', branch, toTag }));
const options = (branch = 'z9hG4bKo1') => inboundRequest(sipRequest({ method: 'OPTIONS', branch }));
const only = (list: ServerTransaction[]): ServerTransaction => {
  expect(list).toHaveLength(1);
  return list[0] as ServerTransaction;
};

describe('server transactions: 100 Trying (§17.2.1, RFC 4320)', () => {
  test('an INVITE server transaction sends 100 Trying itself when the TU is silent for 200 ms', () => {
    const { clock, transport, user, layer } = setup();
    layer.receive(invite());
    clock.advance(199);
    expect(transport.responseLog()).toEqual([]);
    clock.advance(1);
    expect(transport.responseLog()).toEqual(['100@200']);
    expect(only(user.requests).request.method).toBe('INVITE');
    expect((transport.last().message as SipResponse).toTag()).toBeNull();
  });

  test('copies the Timestamp of the INVITE into the 100 Trying', () => {
    const { clock, transport, layer } = setup();
    layer.receive(inboundRequest(sipRequest({ method: 'INVITE', extra: ['Timestamp: 54.2'] })));
    clock.advance(200);
    expect(transport.last().message.get('timestamp')).toBe('54.2');
  });

  test('sends no 100 Trying when the TU sends a provisional within 200 ms', () => {
    const { clock, transport, user, layer } = setup();
    user.answer = (tx) => clock.after(50, () => tx.reply(180, { toTag: 'uas' }));
    layer.receive(invite());
    clock.advance(5000);
    expect(transport.responseLog()).toEqual(['180@50']);
  });

  test('a non-INVITE server transaction never sends 100 Trying', () => {
    const { clock, transport, layer } = setup();
    layer.receive(options());
    clock.advance(10_000);
    expect(transport.responseLog()).toEqual([]);
  });
});

describe('server transactions: retransmitted requests', () => {
  test('answers a retransmitted INVITE with the last response, without a second transaction', () => {
    const { clock, transport, user, layer } = setup();
    layer.receive(invite());
    clock.advance(300);
    only(user.requests).reply(180, { toTag: 'uas' });
    clock.advance(200);
    layer.receive(invite());
    expect(transport.responseLog()).toEqual(['100@200', '180@300', '180@500']);
    expect(user.requests).toHaveLength(1);
    expect(layer.counts().inviteServer).toBe(1);
  });

  test('discards a retransmitted non-INVITE in Trying, answers it with the final response in Completed', () => {
    const { clock, transport, user, layer } = setup();
    layer.receive(options());
    clock.advance(500);
    layer.receive(options());
    expect(transport.responseLog()).toEqual([]);
    only(user.requests).reply(200);
    clock.advance(1000);
    layer.receive(options());
    expect(transport.responseLog()).toEqual(['200@500', '200@1500']);
    expect(user.requests).toHaveLength(1);
  });

  test('keeps a non-INVITE transaction for Timer J = 64*T1 over UDP, then forgets it', () => {
    const { clock, user, layer } = setup();
    layer.receive(options());
    only(user.requests).reply(200);
    clock.advance(31_999);
    expect(layer.counts().nonInviteServer).toBe(1);
    clock.advance(1);
    expect(layer.counts().total).toBe(0);
    expect(only(user.requests).state).toBe('Terminated');
  });

  test('forgets a non-INVITE transaction as soon as the final response is sent over TCP (Timer J = 0)', () => {
    const { user, layer } = setup();
    layer.receive(inboundRequest(sipRequest({ method: 'OPTIONS', transport: 'TCP' }), endpoint('tcp', 40_000), 7));
    only(user.requests).reply(200);
    expect(layer.counts().total).toBe(0);
  });
});

describe('server transactions: INVITE final responses', () => {
  test('retransmits a 300-699 on Timer G, doubling to T2, until Timer H fires at 32 s and reports the missing ACK', () => {
    const { clock, elapsed, transport, user, layer } = setup();
    user.answer = (tx) => {
      tx.listen({ onTimeout: (e) => events.push(`timeout ${e.timer}@${elapsed()}`), onTerminated: () => events.push(`terminated@${elapsed()}`) });
      tx.reply(486, { toTag: 'uas' });
    };
    const events: string[] = [];
    layer.receive(invite());
    clock.advance(40_000);
    const times = [0, 500, 1500, 3500, 7500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500];
    expect(transport.responseLog()).toEqual(times.map((t) => `486@${t}`));
    expect(events).toEqual(['timeout H@32000', 'terminated@32000']);
    expect(layer.counts().total).toBe(0);
  });

  test('stops retransmitting on the ACK, absorbs ACK retransmissions in Confirmed and ends after Timer I = T4', () => {
    const { clock, transport, user, layer } = setup();
    user.answer = (tx) => tx.reply(486, { toTag: 'uas' });
    layer.receive(invite());
    clock.advance(600);
    layer.receive(ack());
    clock.advance(1000);
    layer.receive(ack());
    expect(transport.responseLog()).toEqual(['486@0', '486@500']);
    expect(only(user.requests).state).toBe('Confirmed');
    expect(user.acks).toHaveLength(0);
    clock.advance(3999);
    expect(layer.counts().inviteServer).toBe(1);
    clock.advance(1);
    expect(layer.counts().total).toBe(0);
  });

  test('sends a 300-699 once over TCP and ends on the ACK at once (Timer I = 0)', () => {
    const { clock, transport, user, layer } = setup();
    user.answer = (tx) => tx.reply(486, { toTag: 'uas' });
    layer.receive(inboundRequest(sipRequest({ method: 'INVITE', transport: 'TCP' }), endpoint('tcp', 40_000), 3));
    clock.advance(1000);
    layer.receive(inboundRequest(sipRequest({ method: 'ACK', transport: 'TCP', toTag: 'uas' }), endpoint('tcp', 40_000), 3));
    expect(transport.responseLog()).toEqual(['486@0']);
    expect(layer.counts().total).toBe(0);
  });

  test('absorbs a retransmitted INVITE in Accepted and passes the ACK to the TU; Timer L ends it', () => {
    const { clock, transport, user, layer } = setup();
    user.answer = (tx) => tx.reply(200, { toTag: 'uas' });
    layer.receive(invite());
    clock.advance(500);
    layer.receive(invite());
    only(user.requests).respond(transport.last().message as SipResponse);
    layer.receive(ack());
    expect(transport.responseLog()).toEqual(['200@0', '200@500']);
    expect(user.requests).toHaveLength(1);
    expect(user.acks).toHaveLength(1);
    expect(only(user.requests).state).toBe('Accepted');
    clock.advance(32_000);
    expect(layer.counts().total).toBe(0);
  });

  test('passes an ACK for a 2xx with its own branch to the TU core', () => {
    const { user, layer } = setup();
    user.answer = (tx) => tx.reply(200, { toTag: 'uas' });
    layer.receive(invite());
    layer.receive(ack('z9hG4bKack2xx'));
    expect(user.acks.map((a) => a.message.method)).toEqual(['ACK']);
    expect(only(user.requests).state).toBe('Accepted');
  });

  test('refuses a second final response to an INVITE (InvalidTransition)', () => {
    const { user, layer } = setup();
    user.answer = (tx) => tx.reply(486, { toTag: 'uas' });
    layer.receive(invite());
    expect(() => only(user.requests).reply(200, { toTag: 'uas' })).toThrow(InvalidTransition);
  });
});

describe('server transactions: CANCEL and ACK matching (§9.2, §17.2.3)', () => {
  test('gives a CANCEL its own transaction that points at the INVITE it cancels', () => {
    const { clock, transport, user, layer } = setup();
    layer.receive(invite());
    layer.receive(inboundRequest(sipRequest({ method: 'CANCEL', branch: 'z9hG4bKs1' })));
    const [inviteTx, cancelTx] = user.requests as [ServerTransaction, ServerTransaction];
    expect(cancelTx.request.method).toBe('CANCEL');
    expect(cancelTx.cancelTarget).toBe(inviteTx);
    expect(layer.counts()).toMatchObject({ inviteServer: 1, nonInviteServer: 1 });
    cancelTx.reply(200);
    inviteTx.reply(487, { toTag: 'uas' });
    layer.receive(inboundRequest(sipRequest({ method: 'CANCEL', branch: 'z9hG4bKs1' })));
    expect(transport.responseLog()).toEqual(['200@0', '487@0', '200@0']);
    layer.receive(ack());
    expect(inviteTx.state).toBe('Confirmed');
    clock.advance(40_000);
    expect(layer.counts().total).toBe(0);
  });

  test('a CANCEL that matches no INVITE has no target (the TU answers 481)', () => {
    const { user, layer } = setup();
    layer.receive(inboundRequest(sipRequest({ method: 'CANCEL', branch: 'z9hG4bKnone' })));
    expect(only(user.requests).cancelTarget).toBeNull();
  });

  test('does not match a request with the same branch from another sent-by', () => {
    const { user, layer } = setup();
    layer.receive(invite());
    layer.receive(inboundRequest(sipRequest({ method: 'INVITE', sentBy: 'other.example.com:5060' })));
    expect(user.requests).toHaveLength(2);
  });

  test('matches an RFC 2543 INVITE retransmission, its CANCEL and its ACK without a magic cookie', () => {
    const { clock, transport, user, layer } = setup();
    const old = (method: string, toTag: string | null = null) => inboundRequest(sipRequest({ method, branch: null, toTag }));
    layer.receive(old('INVITE'));
    clock.advance(300);
    layer.receive(old('INVITE'));
    expect(user.requests).toHaveLength(1);
    expect(transport.responseLog()).toEqual(['100@200', '100@300']);
    layer.receive(old('CANCEL'));
    const [inviteTx, cancelTx] = user.requests as [ServerTransaction, ServerTransaction];
    expect(cancelTx.cancelTarget).toBe(inviteTx);
    cancelTx.reply(200);
    inviteTx.reply(487, { toTag: 'uas' });
    layer.receive(old('ACK', 'someone-else'));
    expect(inviteTx.state).toBe('Completed');
    expect(user.acks).toHaveLength(1);
    layer.receive(old('ACK', 'uas'));
    expect(inviteTx.state).toBe('Confirmed');
    clock.advance(40_000);
    expect(layer.counts().total).toBe(0);
  });
});

describe('server transactions: where responses go (§18.2.2, RFC 3581)', () => {
  test('over UDP to the source address and the sent-by port; to the source port when rport was asked', () => {
    const { transport, user, layer } = setup();
    user.answer = (tx) => tx.reply(200);
    const source = { protocol: 'udp' as const, address: '203.0.113.5', port: 40_123 };
    layer.receive(inboundRequest(sipRequest({ method: 'OPTIONS', branch: 'z9hG4bKa', sentBy: '10.0.0.2:5062' }), source));
    layer.receive(inboundRequest(sipRequest({ method: 'OPTIONS', branch: 'z9hG4bKb', sentBy: '10.0.0.2:5062', viaParams: ';rport' }), source));
    expect(transport.sent.map((s) => s.target)).toEqual([
      { endpoint: { protocol: 'udp', address: '203.0.113.5', port: 5062 }, connectionId: null },
      { endpoint: { protocol: 'udp', address: '203.0.113.5', port: 40_123 }, connectionId: null },
    ]);
  });

  test('over TCP on the connection the request came in on', () => {
    const { transport, user, layer } = setup();
    user.answer = (tx) => tx.reply(200);
    layer.receive(inboundRequest(sipRequest({ method: 'OPTIONS', transport: 'TCP', sentBy: '10.0.0.2' }), endpoint('tcp', 50_000), 42));
    expect(transport.last().target).toEqual({ endpoint: { protocol: 'tcp', address: '192.0.2.10', port: 5060 }, connectionId: 42 });
  });
});

describe('server transactions: transport errors (§17.2.4, RFC 6026)', () => {
  test('a non-INVITE transaction whose final response cannot be sent terminates and reports it', () => {
    const { transport, user, layer } = setup();
    const events: string[] = [];
    user.answer = (tx) => tx.listen({ onTransportError: (e) => events.push(e.message), onTerminated: () => events.push('terminated') });
    layer.receive(options());
    transport.failImmediately = 'ICMP port unreachable';
    only(user.requests).reply(200);
    expect(events).toEqual(['ICMP port unreachable', 'terminated']);
    expect(layer.counts().total).toBe(0);
  });

  test('an INVITE transaction reports a failed response and keeps absorbing retransmissions until Timer H', () => {
    const { clock, transport, user, layer } = setup();
    const events: string[] = [];
    user.answer = (tx) => tx.listen({ onTransportError: (e) => events.push(e.message) });
    layer.receive(invite());
    only(user.requests).reply(486, { toTag: 'uas' });
    transport.last().fail('ICMP host unreachable');
    expect(events).toEqual(['ICMP host unreachable']);
    expect(only(user.requests).state).toBe('Completed');
    layer.receive(invite());
    expect(user.requests).toHaveLength(1);
    clock.advance(32_000);
    expect(layer.counts().total).toBe(0);
  });
});

describe('the layer as a whole', () => {
  test('holds no transaction once every timer has expired', () => {
    const { clock, user, layer, listener } = setup();
    user.answer = (tx) => {
      if (tx.request.method === 'INVITE') tx.reply(tx.request.cseq()?.seq === 1 ? 200 : 603, { toTag: 'uas' });
      else tx.respond(createResponse(tx.request, 200));
    };
    layer.receive(invite('z9hG4bKx1'));
    layer.receive(inboundRequest(sipRequest({ method: 'INVITE', branch: 'z9hG4bKx2', cseq: 2 })));
    layer.receive(options('z9hG4bKx3'));
    layer.sendRequest(sipRequest({ method: 'OPTIONS', branch: 'z9hG4bKy1' }), { endpoint: endpoint('udp') }, listener());
    layer.sendRequest(sipRequest({ method: 'INVITE', branch: 'z9hG4bKy2' }), { endpoint: endpoint('udp') }, listener());
    expect(layer.counts()).toEqual({ inviteClient: 1, nonInviteClient: 1, inviteServer: 2, nonInviteServer: 1, total: 5 });
    clock.advance(64_000);
    expect(layer.counts().total).toBe(0);
  });
});
