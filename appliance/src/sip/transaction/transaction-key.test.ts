import { describe, expect, test } from 'bun:test';
import { sipRequest, sipResponse } from './test-messages.ts';
import { clientKey, isRfc2543, serverKey } from './transaction-key.ts';

describe('client transaction matching (§17.1.3)', () => {
  test.each([
    ['the same branch and CSeq method match', sipResponse(200, { branch: 'z9hG4bKabc' }), true],
    ['the branch compares without regard to case', sipResponse(200, { branch: 'z9hG4bKABC' }), true],
    ['another branch does not match', sipResponse(200, { branch: 'z9hG4bKabd' }), false],
    ['the same branch with CSeq method CANCEL does not match the INVITE', sipResponse(200, { branch: 'z9hG4bKabc', method: 'CANCEL' }), false],
    ['a different sent-by does not matter', sipResponse(200, { branch: 'z9hG4bKabc', sentBy: 'elsewhere.example.com' }), true],
  ])('%s', (_name, response, matches) => {
    expect(clientKey(response) === clientKey(sipRequest({ branch: 'z9hG4bKabc' }))).toBe(matches);
  });

  test('a response without a branch has no key', () => {
    expect(clientKey(sipResponse(200, { branch: null }))).toBeNull();
  });
});

describe('server transaction matching (§17.2.3)', () => {
  const inviteKey = serverKey(sipRequest({ branch: 'z9hG4bKs' }));

  test.each([
    ['a retransmitted INVITE matches', sipRequest({ branch: 'z9hG4bKs' }), true],
    ['the ACK matches its INVITE', sipRequest({ method: 'ACK', branch: 'z9hG4bKs', toTag: 'uas' }), true],
    ['a CANCEL does not match the INVITE (it has its own transaction)', sipRequest({ method: 'CANCEL', branch: 'z9hG4bKs' }), false],
    ['another sent-by host does not match', sipRequest({ branch: 'z9hG4bKs', sentBy: 'other.example.com:5060' }), false],
    ['another sent-by port does not match', sipRequest({ branch: 'z9hG4bKs', sentBy: 'phone.example.com:5070' }), false],
    ['the sent-by host compares without regard to case', sipRequest({ branch: 'z9hG4bKs', sentBy: 'PHONE.example.com:5060' }), true],
    ['another branch does not match', sipRequest({ branch: 'z9hG4bKt' }), false],
  ])('%s', (_name, request, matches) => {
    expect(serverKey(request) === inviteKey).toBe(matches);
  });

  test('a CANCEL finds the INVITE it targets when matched with method INVITE (§9.2)', () => {
    expect(serverKey(sipRequest({ method: 'CANCEL', branch: 'z9hG4bKs' }), { method: 'INVITE' })).toBe(inviteKey as string);
  });
});

describe('RFC 2543 fallback matching (§17.2.3)', () => {
  const base = { branch: null, uri: 'sip:bob@example.com' } as const;
  const inviteKey = serverKey(sipRequest(base));

  test('a branch without the magic cookie is matched the RFC 2543 way', () => {
    expect(isRfc2543(sipRequest({ branch: '12345' }))).toBe(true);
    expect(isRfc2543(sipRequest(base))).toBe(true);
    expect(isRfc2543(sipRequest({ branch: 'z9hG4bK1' }))).toBe(false);
  });

  test.each([
    ['an identical INVITE matches', {}, true],
    ['another Request-URI does not match', { uri: 'sip:carol@example.com' }, false],
    ['another From tag does not match', { fromTag: 'other' }, false],
    ['another To tag does not match', { toTag: 'x' }, false],
    ['another Call-ID does not match', { callId: 'other@host' }, false],
    ['another CSeq number does not match', { cseq: 2 }, false],
    ['another top Via does not match', { sentBy: 'other.example.com' }, false],
  ])('%s', (_name, fields, matches) => {
    expect(serverKey(sipRequest({ ...base, ...fields })) === inviteKey).toBe(matches);
  });

  test('an ACK matches when its To tag is that of the response the INVITE transaction sent', () => {
    const ackKey = serverKey(sipRequest({ ...base, method: 'ACK', toTag: 'uas' }));
    expect(ackKey).toBe(serverKey(sipRequest(base), { toTag: 'uas' }) as string);
    expect(ackKey).not.toBe(inviteKey as string);
  });
});
