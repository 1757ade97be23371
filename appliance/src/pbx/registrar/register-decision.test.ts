import { describe, expect, test } from 'bun:test';
import { parseSipMessage, type SipRequest } from '../../sip/index.ts';
import type { Binding } from './binding.ts';
import { contactHeaders, DEFAULT_REGISTER_POLICY, decideRegister } from './register-decision.ts';

const NOW = 1_000_000_000_000;
const source = { protocol: 'udp' as const, address: '192.0.2.10', port: 5062 };

function register(headers: string[], callId = 'reg-1', cseq = 2): SipRequest {
  const text = [
    'REGISTER sip:box SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK1',
    'From: <sip:1001@box>;tag=a',
    'To: <sip:1001@box>',
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} REGISTER`,
    ...headers,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const r = parseSipMessage(Buffer.from(text), { stream: false });
  if (r.kind !== 'message') throw new Error('bad fixture');
  return r.message as SipRequest;
}

function binding(contact: string, over: Partial<Binding> = {}): Binding {
  return { aor: '1001', contact, callId: 'reg-1', cseq: 1, q: null, expiresAt: NOW + 60_000, registeredAt: NOW - 1000, source, connectionId: null, userAgent: null, ...over };
}

const decide = (request: SipRequest, existing: Binding[] = []) =>
  decideRegister({ request, aor: '1001', existing, now: NOW, policy: DEFAULT_REGISTER_POLICY, source, connectionId: null });

describe('REGISTER processing (RFC 3261 §10.3)', () => {
  test('adds a binding with the Expires header, capped at the maximum', () => {
    const d = decide(register(['Contact: <sip:1001@192.0.2.10:5062>', 'Expires: 99999']));
    expect(d.kind).toBe('accept');
    if (d.kind !== 'accept') return;
    expect(d.upserts[0]).toMatchObject({ contact: 'sip:1001@192.0.2.10:5062', expiresAt: NOW + 7200_000 });
  });

  test('a contact expires parameter wins over the Expires header', () => {
    const d = decide(register(['Contact: <sip:1001@h>;expires=120', 'Expires: 3600']));
    expect(d.kind === 'accept' && d.upserts[0]?.expiresAt).toBe(NOW + 120_000);
  });

  test('too brief an interval gets 423 with Min-Expires', () => {
    expect(decide(register(['Contact: <sip:1001@h>;expires=10']))).toEqual({
      kind: 'reject',
      status: 423,
      reason: undefined,
      headers: [['Min-Expires', '60']],
    });
  });

  test('expires=0 removes that binding only', () => {
    const d = decide(register(['Contact: <sip:1001@a>;expires=0']), [binding('sip:1001@a'), binding('sip:1001@b')]);
    expect(d.kind === 'accept' && d.removals).toEqual(['sip:1001@a']);
    expect(d.kind === 'accept' && d.bindings.map((b) => b.contact)).toEqual(['sip:1001@b']);
  });

  test('the wildcard with Expires: 0 removes every binding', () => {
    const d = decide(register(['Contact: *', 'Expires: 0'], 'other', 9), [binding('sip:1001@a'), binding('sip:1001@b')]);
    expect(d.kind === 'accept' && d.removals.sort()).toEqual(['sip:1001@a', 'sip:1001@b']);
  });

  test('the wildcard without Expires: 0 is a bad request', () => {
    expect(decide(register(['Contact: *'])).kind).toBe('reject');
  });

  test('no Contact is a query that changes nothing', () => {
    const d = decide(register([]), [binding('sip:1001@a')]);
    expect(d).toMatchObject({ kind: 'accept', upserts: [], removals: [] });
  });

  test('the same Call-ID with a CSeq not higher is out of order', () => {
    const d = decide(register(['Contact: <sip:1001@a>'], 'reg-1', 1), [binding('sip:1001@a', { cseq: 1 })]);
    expect(d).toMatchObject({ kind: 'reject', status: 500 });
  });

  test('a new Call-ID replaces the binding whatever its CSeq', () => {
    const d = decide(register(['Contact: <sip:1001@a>'], 'reboot', 1), [binding('sip:1001@a', { cseq: 50 })]);
    expect(d.kind === 'accept' && d.upserts[0]?.callId).toBe('reboot');
  });

  test('keeps at most maxContacts bindings, newest first', () => {
    const existing = [1, 2, 3, 4, 5].map((i) => binding(`sip:1001@old${i}`, { registeredAt: NOW - i * 1000 }));
    const d = decide(register(['Contact: <sip:1001@new>']), existing);
    expect(d.kind === 'accept' && d.removals).toEqual(['sip:1001@old5']);
    expect(d.kind === 'accept' && d.bindings).toHaveLength(5);
  });

  test('200 OK lists each contact with its remaining seconds', () => {
    expect(contactHeaders([binding('sip:1001@a')], NOW)).toEqual(['<sip:1001@a>;expires=60']);
  });
});
