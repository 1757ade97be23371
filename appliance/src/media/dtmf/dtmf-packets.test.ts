import { describe, expect, test } from 'bun:test';
import { dtmfPackets } from './dtmf-packets.ts';
import { DtmfReceiver } from './dtmf-receiver.ts';

const summary = (digit: string, options: Parameters<typeof dtmfPackets>[1]) =>
  dtmfPackets(digit, options).map((p) => [p.marker, p.end, p.durationSamples]);

describe('dtmfPackets (RFC 4733 §2.5.1)', () => {
  test('updates every 20 ms, marker on the first, then the end packet three times', () => {
    expect(summary('5', { durationMs: 100 })).toEqual([
      [true, false, 160],
      [false, false, 320],
      [false, false, 480],
      [false, false, 640],
      [false, true, 800],
      [false, true, 800],
      [false, true, 800],
    ]);
  });

  test('payload octets carry event, E bit, volume 10 and duration', () => {
    const packets = dtmfPackets('#', { durationMs: 40 });
    expect(packets.map((p) => [...p.payload])).toEqual([
      [11, 0x0a, 0x00, 0xa0],
      [11, 0x8a, 0x01, 0x40],
      [11, 0x8a, 0x01, 0x40],
      [11, 0x8a, 0x01, 0x40],
    ]);
  });

  test('a 50 ms interval and a 16 kHz clock are honoured', () => {
    expect(summary('1', { durationMs: 120, packetIntervalMs: 50, clockRate: 16000 })).toEqual([
      [true, false, 800],
      [false, false, 1600],
      [false, true, 1920],
      [false, true, 1920],
      [false, true, 1920],
    ]);
  });

  test('a press shorter than one interval is only end packets, the first with marker', () => {
    expect(summary('A', { durationMs: 10 })).toEqual([
      [true, true, 80],
      [false, true, 80],
      [false, true, 80],
    ]);
  });

  test('flash is event 16 and volume is configurable', () => {
    const [first] = dtmfPackets('flash', { durationMs: 20, volume: 3 });
    expect([...(first?.payload ?? [])]).toEqual([16, 0x83, 0x00, 0xa0]);
  });

  test.each([
    ['a non-key', 'x', { durationMs: 100 }],
    ['lower-case a', 'a', { durationMs: 100 }],
    ['a zero duration', '1', { durationMs: 0 }],
    ['a duration beyond the 16-bit field', '1', { durationMs: 8200 }],
    ['a zero interval', '1', { durationMs: 100, packetIntervalMs: 0 }],
  ])('refuses %s', (_, digit, options) => {
    expect(() => dtmfPackets(digit, options)).toThrow(RangeError);
  });

  test('what the sender emits, the receiver reports once', () => {
    const receiver = new DtmfReceiver();
    const reports = dtmfPackets('9', { durationMs: 200 }).map((p) => receiver.receive(1000, p.marker, p.payload));
    expect(reports.filter((r) => r !== null)).toEqual([{ digit: '9', timestamp: 1000, reportedDuration: 1600, durationMs: 200, endReceived: true }]);
  });
});
