import { beforeEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../system/fake-clock.ts';
import { silentLogger } from '../system/index.ts';
import type { SummaryCounts } from './mwi-summary.ts';
import { MwiSubscriptions } from './mwi-subscriptions.ts';
import { binding, FakeLocation, FakeServerTransaction, FakeTransactions, parseRequest } from './test-support/fake-sip.ts';

let clock: FakeClock;
let sip: FakeTransactions;
let counts: Map<string, SummaryCounts>;
let subs: MwiSubscriptions;

beforeEach(() => {
  clock = new FakeClock();
  sip = new FakeTransactions();
  const location = new FakeLocation();
  location.bindings.push(binding('1002', 'sip:1002@192.168.1.20:5062', '192.168.1.20', 5062));
  counts = new Map([
    ['1001', { new: 0, old: 0 }],
    ['1002', { new: 2, old: 1 }],
  ]);
  let n = 0;
  subs = new MwiSubscriptions({
    transactions: sip,
    location,
    counts: (m) => counts.get(m) ?? null,
    scheduler: clock,
    random: (size) => new Uint8Array(size).fill(++n),
    local: { host: '10.0.0.1', port: 5060, userAgent: 'Box/1' },
    logger: silentLogger,
  });
});

function subscribe(o: { to?: string; event?: string; expires?: number; toTag?: string; cseq?: number } = {}): string[] {
  return [
    `SUBSCRIBE sip:${o.to ?? '1002'}@10.0.0.1 SIP/2.0`,
    'Via: SIP/2.0/UDP 192.168.1.20:5062;branch=z9hG4bK-sub1;rport',
    'Max-Forwards: 70',
    `From: <sip:1002@10.0.0.1>;tag=phone1`,
    `To: <sip:${o.to ?? '1002'}@10.0.0.1>${o.toTag ? `;tag=${o.toTag}` : ''}`,
    'Call-ID: sub-call-1',
    `CSeq: ${o.cseq ?? 1} SUBSCRIBE`,
    'Contact: <sip:1002@192.168.1.20:5062>',
    `Event: ${o.event ?? 'message-summary'}`,
    `Expires: ${o.expires ?? 3600}`,
    'Accept: application/simple-message-summary',
    'Content-Length: 0',
  ];
}

function send(lines: string[], source?: { address: string; port: number }): FakeServerTransaction {
  const tx = new FakeServerTransaction(parseRequest(lines), source);
  subs.onSubscribe(tx);
  return tx;
}

describe('SUBSCRIBE message-summary', () => {
  test('200 with Expires and Contact, then at once a NOTIFY in the new dialog with the counts', () => {
    const tx = send(subscribe({ expires: 1800 }));
    const ok = tx.responses[0];
    expect(ok?.status).toBe(200);
    expect(ok?.get('expires')).toBe('1800');
    expect(ok?.get('contact')).toBe('<sip:1002@10.0.0.1:5060>');
    const toTag = ok?.toTag();
    expect(toTag).not.toBeNull();
    const notify = sip.sent[0];
    expect(notify?.request.method).toBe('NOTIFY');
    expect(notify?.request.uri).toBe('sip:1002@192.168.1.20:5062');
    expect(notify?.request.callId()).toBe('sub-call-1');
    expect(notify?.request.fromTag()).toBe(toTag ?? '');
    expect(notify?.request.toTag()).toBe('phone1');
    expect(notify?.request.get('subscription-state')).toBe('active;expires=1800');
    expect(notify?.text).toContain('Voice-Message: 2/1 (0/0)');
    expect(subs.covers('1002', '192.168.1.20:5062')).toBe(true);
  });

  test('later changes go to the subscriber with a rising CSeq', () => {
    send(subscribe());
    subs.notify('1002', { new: 0, old: 3 });
    subs.notify('1001', { new: 5, old: 0 });
    expect(sip.sent.map((s) => s.request.cseq()?.seq)).toEqual([1, 2]);
    expect(sip.sent[1]?.text).toContain('Messages-Waiting: no');
  });

  test.each([
    ['another event package', { event: 'presence' }, undefined, 489],
    ['an interval under the minimum', { expires: 30 }, undefined, 423],
    ['a phone that is not registered from there', {}, { address: '203.0.113.9', port: 5060 }, 403],
    ['a mailbox of someone else', { to: '1001' }, undefined, 403],
  ])('%s is refused', (_name, o, source, status) => {
    const tx = send(subscribe(o), source);
    expect(tx.responses.map((r) => r.status)).toEqual([status]);
    expect(sip.sent).toEqual([]);
    expect(subs.size).toBe(0);
  });

  test('the subscription ends with a terminated NOTIFY when it runs out', () => {
    send(subscribe({ expires: 600 }));
    clock.advance(600_000 - 1);
    expect(subs.size).toBe(1);
    clock.advance(1);
    expect(subs.size).toBe(0);
    expect(sip.sent.at(-1)?.request.get('subscription-state')).toBe('terminated;reason=timeout');
  });

  test('a refresh in the dialog restarts the clock and resends the state', () => {
    const tag = send(subscribe({ expires: 600 })).responses[0]?.toTag() ?? '';
    clock.advance(500_000);
    const refresh = send(subscribe({ expires: 600, toTag: tag, cseq: 2 }));
    expect(refresh.responses.map((r) => r.status)).toEqual([200]);
    clock.advance(500_000);
    expect(subs.size).toBe(1);
    expect(sip.sent.map((s) => s.request.get('subscription-state'))).toEqual(['active;expires=600', 'active;expires=600']);
  });

  test('Expires 0 in the dialog unsubscribes with a final NOTIFY', () => {
    const tag = send(subscribe()).responses[0]?.toTag() ?? '';
    send(subscribe({ expires: 0, toTag: tag, cseq: 2 }));
    expect(subs.size).toBe(0);
    expect(sip.sent.at(-1)?.request.get('subscription-state')).toStartWith('terminated');
  });

  test('a refresh of an unknown dialog is 481', () => {
    expect(send(subscribe({ toTag: 'nope', cseq: 2 })).responses[0]?.status).toBe(481);
  });

  test('a phone that answers a NOTIFY with 481 loses its subscription', () => {
    send(subscribe());
    sip.answer(0, 481);
    expect(subs.size).toBe(0);
    expect(subs.covers('1002', '192.168.1.20:5062')).toBe(false);
  });
});
