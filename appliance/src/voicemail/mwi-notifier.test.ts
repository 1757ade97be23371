import { beforeEach, describe, expect, test } from 'bun:test';
import { EventBus } from '../events/index.ts';
import { FakeClock } from '../system/fake-clock.ts';
import { silentLogger } from '../system/index.ts';
import { MwiNotifier } from './mwi-notifier.ts';
import type { SummaryCounts } from './mwi-summary.ts';
import { binding, FakeLocation, FakeTransactions } from './test-support/fake-sip.ts';

let bus: EventBus;
let sip: FakeTransactions;
let location: FakeLocation;
let counts: Map<string, SummaryCounts>;
let covered: Set<string>;
let viaSubscription: string[];
let mwi: MwiNotifier;

beforeEach(() => {
  bus = new EventBus(new FakeClock(), silentLogger);
  sip = new FakeTransactions();
  location = new FakeLocation();
  location.bindings.push(
    binding('1002', 'sip:1002@192.168.1.20:5062', '192.168.1.20', 5062),
    binding('1002', 'sip:1002@192.168.1.21:5060;transport=udp', '192.168.1.21', 5060),
    binding('1001', 'sip:1001@192.168.1.30:5060', '192.168.1.30', 5060),
  );
  counts = new Map([
    ['1001', { new: 0, old: 0 }],
    ['1002', { new: 1, old: 2 }],
  ]);
  covered = new Set();
  viaSubscription = [];
  let n = 0;
  mwi = new MwiNotifier({
    bus,
    transactions: sip,
    location,
    counts: (m) => counts.get(m) ?? null,
    subscriptions: {
      notify: (mailbox) => viaSubscription.push(mailbox),
      covers: (mailbox, source) => covered.has(`${mailbox} ${source}`),
    },
    random: (size) => new Uint8Array(size).fill(++n),
    local: { host: '10.0.0.1', port: 5060, userAgent: 'Box/1' },
    logger: silentLogger,
  });
  mwi.start();
});

describe('unsolicited NOTIFY', () => {
  test('a change of counts reaches every contact of the extension, on the wire as RFC 3842 says', () => {
    bus.publish('voicemail.mailbox', { mailbox: '1002', new: 1, saved: 2 });
    expect(sip.sent.map((s) => [s.request.uri, `${s.target.endpoint.address}:${s.target.endpoint.port}`])).toEqual([
      ['sip:1002@192.168.1.20:5062', '192.168.1.20:5062'],
      ['sip:1002@192.168.1.21:5060;transport=udp', '192.168.1.21:5060'],
    ]);
    const text = sip.sent[0]?.text ?? '';
    expect(text).toStartWith('NOTIFY sip:1002@192.168.1.20:5062 SIP/2.0\r\n');
    for (const line of [
      'From: <sip:1002@10.0.0.1>;tag=',
      'To: <sip:1002@10.0.0.1>\r\n',
      'CSeq: 1 NOTIFY\r\n',
      'Event: message-summary\r\n',
      'Subscription-State: active\r\n',
      'Content-Type: application/simple-message-summary\r\n',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toEndWith('\r\n\r\nMessages-Waiting: yes\r\nMessage-Account: sip:1002@10.0.0.1\r\nVoice-Message: 1/2 (0/0)\r\n');
    expect(viaSubscription).toEqual(['1002']);
  });

  test('each NOTIFY is a transaction of its own (branch and Call-ID differ)', () => {
    mwi.changed('1002', { new: 0, old: 0 });
    const [a, b] = sip.sent;
    expect(a?.request.topVia()?.params).not.toEqual(b?.request.topVia()?.params);
    expect(a?.request.callId()).not.toBe(b?.request.callId());
  });

  test('a phone that registers learns the current state, only at its new contact', () => {
    bus.publish('extension.registered', {
      extension: '1002',
      contact: 'sip:1002@192.168.1.21:5060;transport=udp',
      source: '192.168.1.21:5060',
      transport: 'udp',
      user_agent: null,
      expires: 3600,
    });
    expect(sip.sent.map((s) => s.request.uri)).toEqual(['sip:1002@192.168.1.21:5060;transport=udp']);
    expect(sip.sent[0]?.text).toContain('Messages-Waiting: yes');
  });

  test('an extension without a mailbox gets nothing', () => {
    counts.delete('1002');
    mwi.onRegistered('1002', 'sip:1002@192.168.1.20:5062');
    expect(sip.sent).toEqual([]);
  });

  test('a phone that subscribed is not sent the unsolicited NOTIFY as well', () => {
    covered.add('1002 192.168.1.20:5062');
    mwi.changed('1002', { new: 1, old: 0 });
    expect(sip.sent.map((s) => s.request.uri)).toEqual(['sip:1002@192.168.1.21:5060;transport=udp']);
  });

  test('refusals are counted, not retried', () => {
    mwi.changed('1002', { new: 1, old: 0 });
    sip.answer(0, 200);
    sip.answer(1, 489);
    sip.sent[1]?.listener.onTimeout(new Error('t') as never);
    expect(mwi.stats).toEqual({ sent: 2, failed: 2 });
    expect(sip.sent).toHaveLength(2);
  });

  test('after stop the bus is no longer followed', () => {
    mwi.stop();
    bus.publish('voicemail.mailbox', { mailbox: '1002', new: 1, saved: 2 });
    expect(sip.sent).toEqual([]);
  });
});
