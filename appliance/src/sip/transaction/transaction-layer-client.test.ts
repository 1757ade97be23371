import { describe, expect, test } from 'bun:test';
import type { SipRequest } from '../message/index.ts';
import { createCancel } from './ack-and-cancel.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { setup as setupOn } from './layer-test-support.ts';
import { endpoint, inboundResponse, sipRequest, sipResponse } from './test-messages.ts';
import { TransactionUsageError } from './transaction-errors.ts';
import { newBranch } from './transaction-key.ts';

const setup = () => setupOn(new FakeClock());

const UDP_TARGET = { endpoint: endpoint('udp') };
const TCP_TARGET = { endpoint: endpoint('tcp') };
const invite = (branch = 'z9hG4bKc1') => sipRequest({ method: 'INVITE', branch, sentBy: 'pbx.example.com:5060' });
const register = (branch = 'z9hG4bKr1') => sipRequest({ method: 'REGISTER', branch, sentBy: 'pbx.example.com:5060' });

describe('client transactions: retransmission over UDP, none over TCP', () => {
  test('retransmits INVITE on Timer A at 0, 500, 1500, 3500 … ms, doubling, until Timer B fires at 32 s', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(invite(), UDP_TARGET, tu);
    clock.advance(40_000);
    expect(transport.requestLog()).toEqual(['INVITE@0', 'INVITE@500', 'INVITE@1500', 'INVITE@3500', 'INVITE@7500', 'INVITE@15500', 'INVITE@31500']);
    expect(tu.log).toEqual(['timeout B@32000', 'terminated@32000']);
    expect(layer.counts().total).toBe(0);
  });

  test('sends INVITE once over TCP and still times out on Timer B', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(invite(), TCP_TARGET, tu);
    clock.advance(40_000);
    expect(transport.requestLog()).toEqual(['INVITE@0']);
    expect(tu.log).toEqual(['timeout B@32000', 'terminated@32000']);
  });

  test('retransmits a non-INVITE on Timer E, doubling, capped at T2, until Timer F fires at 32 s', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(register(), UDP_TARGET, tu);
    clock.advance(40_000);
    const times = [0, 500, 1500, 3500, 7500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500];
    expect(transport.requestLog()).toEqual(times.map((t) => `REGISTER@${t}`));
    expect(tu.log).toEqual(['timeout F@32000', 'terminated@32000']);
    expect(layer.counts().total).toBe(0);
  });

  test('retransmits a non-INVITE every T2 once a provisional arrived', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    const request = register();
    layer.sendRequest(request, UDP_TARGET, tu);
    clock.advance(600);
    layer.receive(inboundResponse(sipResponse(100, { method: 'REGISTER', branch: 'z9hG4bKr1' })));
    clock.advance(10_000 - 600);
    expect(transport.requestLog()).toEqual(['REGISTER@0', 'REGISTER@500', 'REGISTER@1500', 'REGISTER@5500', 'REGISTER@9500']);
    expect(tu.log).toEqual(['100@600']);
  });

  test('sends a non-INVITE once over TCP and forgets it as soon as the final response comes (Timer K = 0)', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(register(), TCP_TARGET, tu);
    clock.advance(100);
    layer.receive(inboundResponse(sipResponse(200, { method: 'REGISTER', branch: 'z9hG4bKr1' })));
    expect(transport.requestLog()).toEqual(['REGISTER@0']);
    expect(tu.log).toEqual(['200@100', 'terminated@100']);
    expect(layer.counts().total).toBe(0);
  });
});

describe('client transactions: responses', () => {
  test('passes 1xx and the final response to the TU, absorbs retransmissions, and ends on Timer K = T4', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(register(), UDP_TARGET, tu);
    layer.receive(inboundResponse(sipResponse(100, { method: 'REGISTER', branch: 'z9hG4bKr1' })));
    clock.advance(200);
    layer.receive(inboundResponse(sipResponse(401, { method: 'REGISTER', branch: 'z9hG4bKr1' })));
    clock.advance(1000);
    layer.receive(inboundResponse(sipResponse(401, { method: 'REGISTER', branch: 'z9hG4bKr1' })));
    expect(layer.counts().nonInviteClient).toBe(1);
    clock.advance(4000);
    expect(tu.log).toEqual(['100@0', '401@200', 'terminated@5200']);
    expect(transport.requestLog()).toEqual(['REGISTER@0']);
    expect(layer.counts().total).toBe(0);
  });

  test('ACKs a 300-699 itself with the INVITE branch and the response To tag, and re-sends that ACK for each retransmission', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    const request = invite();
    layer.sendRequest(request, UDP_TARGET, tu);
    clock.advance(100);
    layer.receive(inboundResponse(sipResponse(486, { branch: 'z9hG4bKc1', toTag: 'callee', sentBy: 'pbx.example.com:5060' })));
    clock.advance(400);
    layer.receive(inboundResponse(sipResponse(486, { branch: 'z9hG4bKc1', toTag: 'callee', sentBy: 'pbx.example.com:5060' })));
    expect(transport.requestLog()).toEqual(['INVITE@0', 'ACK@100', 'ACK@500']);
    const ack = transport.last().message as SipRequest;
    expect(ack.topVia()).toEqual(request.topVia());
    expect(ack.toTag()).toBe('callee');
    expect(ack.cseq()).toEqual({ seq: 1, method: 'ACK' });
    expect(transport.last().target).toEqual(UDP_TARGET);
    expect(tu.log).toEqual(['486@100']);
    clock.advance(32_000);
    expect(tu.log).toEqual(['486@100', 'terminated@32100']);
    expect(layer.counts().total).toBe(0);
  });

  test('passes every 2xx to the TU while Accepted, then hands later 2xx to the TU core as strays after Timer M', () => {
    const { clock, transport, user, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(invite(), UDP_TARGET, tu);
    layer.receive(inboundResponse(sipResponse(180, { branch: 'z9hG4bKc1' })));
    clock.advance(1000);
    layer.receive(inboundResponse(sipResponse(200, { branch: 'z9hG4bKc1', toTag: 'a' })));
    clock.advance(500);
    layer.receive(inboundResponse(sipResponse(200, { branch: 'z9hG4bKc1', toTag: 'b' })));
    clock.advance(32_000);
    layer.receive(inboundResponse(sipResponse(200, { branch: 'z9hG4bKc1', toTag: 'a' })));
    expect(tu.log).toEqual(['180@0', '200@1000', '200@1500', 'terminated@33000']);
    expect(tu.finals.map((r) => r.toTag())).toEqual(['a', 'b']);
    expect(user.strays.map((s) => s.message.status)).toEqual([200]);
    expect(transport.requestLog()).toEqual(['INVITE@0']);
  });

  test('hands a response that matches no client transaction to the TU core', () => {
    const { user, layer } = setup();
    layer.receive(inboundResponse(sipResponse(200, { branch: 'z9hG4bKunknown' })));
    layer.receive(inboundResponse(sipResponse(200, { branch: null })));
    expect(user.strays).toHaveLength(2);
  });

  test('matches responses by branch and CSeq method: a CANCEL with the INVITE branch has its own transaction', () => {
    const { clock, transport, layer, listener } = setup();
    const inviteTu = listener();
    const cancelTu = listener();
    const request = invite();
    layer.sendRequest(request, UDP_TARGET, inviteTu);
    layer.receive(inboundResponse(sipResponse(180, { branch: 'z9hG4bKc1' })));
    clock.advance(2000);
    layer.sendRequest(createCancel(request), UDP_TARGET, cancelTu);
    expect(layer.counts()).toMatchObject({ inviteClient: 1, nonInviteClient: 1 });
    layer.receive(inboundResponse(sipResponse(200, { branch: 'z9hG4bKc1', method: 'CANCEL' })));
    layer.receive(inboundResponse(sipResponse(487, { branch: 'z9hG4bKc1' })));
    expect(cancelTu.log).toEqual(['200@2000']);
    expect(inviteTu.log).toEqual(['180@0', '487@2000']);
    expect(transport.requestLog()).toEqual(['INVITE@0', 'CANCEL@2000', 'ACK@2000']);
    clock.advance(40_000);
    expect(layer.counts().total).toBe(0);
  });

  test('lets the TU abandon an INVITE whose CANCEL went unanswered (§9.1)', () => {
    const { layer, listener } = setup();
    const tu = listener();
    const transaction = layer.sendRequest(invite(), UDP_TARGET, tu);
    layer.receive(inboundResponse(sipResponse(180, { branch: 'z9hG4bKc1' })));
    transaction.abandon();
    expect(transaction.state).toBe('Terminated');
    expect(tu.log).toEqual(['180@0', 'terminated@0']);
    expect(layer.counts().total).toBe(0);
  });
});

describe('client transactions: a TU that throws', () => {
  test('still gets its ACK sent and its transaction cleaned up when its callback throws', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    tu.onFinal = () => {
      throw new Error('TU bug');
    };
    layer.sendRequest(invite(), TCP_TARGET, tu);
    layer.receive(inboundResponse(sipResponse(503, { branch: 'z9hG4bKc1' })));
    clock.advance(1);
    expect(transport.requestLog()).toEqual(['INVITE@0', 'ACK@0']);
    expect(layer.counts().total).toBe(0);
  });
});

describe('client transactions: transport errors (§17.1.4)', () => {
  test('a send that fails at once terminates the transaction and reports it', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    transport.failImmediately = 'no route';
    const transaction = layer.sendRequest(invite(), UDP_TARGET, tu);
    expect(transaction.state).toBe('Terminated');
    expect(tu.log).toEqual(['transport error@0', 'terminated@0']);
    expect(layer.counts().total).toBe(0);
    clock.advance(40_000);
    expect(transport.requestLog()).toEqual(['INVITE@0']);
  });

  test('a failure reported later (TCP connect refused) terminates the transaction and reports it', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(register(), TCP_TARGET, tu);
    clock.advance(3000);
    transport.last().fail('connection refused');
    expect(tu.log).toEqual(['transport error@3000', 'terminated@3000']);
    expect(layer.counts().total).toBe(0);
  });

  test('a failure of a retransmission over UDP terminates the non-INVITE transaction', () => {
    const { clock, transport, layer, listener } = setup();
    const tu = listener();
    layer.sendRequest(register(), UDP_TARGET, tu);
    clock.advance(500);
    transport.last().fail('ICMP port unreachable');
    clock.advance(40_000);
    expect(transport.requestLog()).toEqual(['REGISTER@0', 'REGISTER@500']);
    expect(tu.log).toEqual(['transport error@500', 'terminated@500']);
  });
});

describe('client transactions: what the TU must supply', () => {
  test('newBranch gives the magic cookie and the injected random bytes', () => {
    expect(newBranch((n) => new Uint8Array(n).fill(0xab))).toBe(`z9hG4bK${'ab'.repeat(12)}`);
  });

  test.each([
    ['an ACK', sipRequest({ method: 'ACK', branch: 'z9hG4bKa1' })],
    ['a request without a branch', sipRequest({ method: 'OPTIONS', branch: null })],
    ['a request with an RFC 2543 branch', sipRequest({ method: 'OPTIONS', branch: '1234' })],
  ])('refuses %s', (_name, request) => {
    const { layer, listener } = setup();
    expect(() => layer.sendRequest(request, UDP_TARGET, listener())).toThrow(TransactionUsageError);
  });

  test('refuses a second live transaction with the same branch and method', () => {
    const { layer, listener } = setup();
    layer.sendRequest(register(), UDP_TARGET, listener());
    expect(() => layer.sendRequest(register(), UDP_TARGET, listener())).toThrow(TransactionUsageError);
  });

  test('only an INVITE can be abandoned', () => {
    const { layer, listener } = setup();
    const transaction = layer.sendRequest(register(), UDP_TARGET, listener());
    expect(() => transaction.abandon()).toThrow(TransactionUsageError);
  });
});
