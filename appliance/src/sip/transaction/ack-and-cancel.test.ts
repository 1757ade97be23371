import { describe, expect, test } from 'bun:test';
import { createCancel, createNon2xxAck } from './ack-and-cancel.ts';
import { sipRequest, sipResponse } from './test-messages.ts';
import { TransactionUsageError } from './transaction-errors.ts';

const invite = sipRequest({
  method: 'INVITE',
  branch: 'z9hG4bKinv',
  cseq: 7,
  uri: 'sip:bob@192.0.2.20',
  extra: ['Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKlower', 'Route: <sip:proxy.example.com;lr>', 'Contact: <sip:alice@192.0.2.10>'],
});

describe('the ACK for a non-2xx final response (§17.1.1.3)', () => {
  const ack = createNon2xxAck(invite, sipResponse(486, { branch: 'z9hG4bKinv', toTag: 'callee', cseq: 7 }));

  test('has the INVITE Request-URI, only its top Via, its Call-ID, From and CSeq number with method ACK', () => {
    expect(ack.method).toBe('ACK');
    expect(ack.uri).toBe('sip:bob@192.0.2.20');
    expect(ack.vias()).toEqual(invite.vias()?.slice(0, 1) ?? null);
    expect(ack.callId()).toBe(invite.callId());
    expect(ack.get('from')).toBe(invite.get('from'));
    expect(ack.cseq()).toEqual({ seq: 7, method: 'ACK' });
  });

  test('takes To from the response, with its tag', () => {
    expect(ack.toTag()).toBe('callee');
  });

  test('keeps the Route set of the INVITE and nothing else of it', () => {
    expect(ack.getAll('route')).toEqual(['<sip:proxy.example.com;lr>']);
    expect(ack.has('contact')).toBe(false);
    expect(ack.integer('max-forwards')).toBe(70);
  });
});

describe('CANCEL (§9.1)', () => {
  const cancel = createCancel(invite);

  test('copies Request-URI, top Via (same branch), Call-ID, From, To and CSeq number, with method CANCEL', () => {
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uri).toBe(invite.uri);
    expect(cancel.vias()).toEqual(invite.vias()?.slice(0, 1) ?? null);
    expect(cancel.get('to')).toBe(invite.get('to'));
    expect(cancel.cseq()).toEqual({ seq: 7, method: 'CANCEL' });
    expect(cancel.getAll('route')).toEqual(invite.getAll('route'));
  });

  test.each(['ACK', 'CANCEL'])('refuses to cancel an %s', (method) => {
    expect(() => createCancel(sipRequest({ method }))).toThrow(TransactionUsageError);
  });
});
