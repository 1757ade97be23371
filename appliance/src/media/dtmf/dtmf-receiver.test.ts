import { describe, expect, test } from 'bun:test';
import { type DtmfPress, DtmfReceiver } from './dtmf-receiver.ts';
import { type DtmfSymbol, eventCode, writeTelephoneEvent } from './telephone-event.ts';

/** One packet: [timestamp, marker, key, end, duration]. */
type Packet = [number, boolean, DtmfSymbol | number, boolean, number];

function payload(key: DtmfSymbol | number, end: boolean, duration: number): Uint8Array {
  const buf = new Uint8Array(4);
  writeTelephoneEvent(buf, 0, { event: typeof key === 'number' ? key : eventCode(key), end, volume: 10, duration });
  return buf;
}

function run(packets: Packet[], receiver = new DtmfReceiver()): (DtmfPress | null)[] {
  return packets.map(([ts, marker, key, end, duration]) => receiver.receive(ts, marker, payload(key, end, duration)));
}

const reported = (results: (DtmfPress | null)[]) => results.flatMap((r) => (r === null ? [] : [[r.digit, r.reportedDuration, r.endReceived]]));

/** A press as a sender emits it: updates every 160, then three end packets. */
function press(ts: number, key: DtmfSymbol, duration: number): Packet[] {
  const packets: Packet[] = [];
  for (let d = 160; d < duration; d += 160) packets.push([ts, packets.length === 0, key, false, d]);
  for (let i = 0; i < 3; i++) packets.push([ts, packets.length === 0, key, true, duration]);
  return packets;
}

describe('DtmfReceiver (RFC 4733 §2.5.2)', () => {
  test('reports a press once, on its first end packet', () => {
    const results = run(press(8000, '5', 800));
    expect(results.map((r) => r !== null)).toEqual([false, false, false, false, true, false, false]);
    expect(results[4]).toEqual({ digit: '5', timestamp: 8000, reportedDuration: 800, durationMs: 100, endReceived: true });
  });

  test('two presses of the same key are two reports', () => {
    expect(reported(run([...press(1000, '1', 480), ...press(5000, '1', 480)]))).toEqual([
      ['1', 480, true],
      ['1', 480, true],
    ]);
  });

  test('duplicated and reordered packets of a press do not report it again', () => {
    const packets: Packet[] = [
      [100, true, '#', false, 160],
      [100, true, '#', false, 160],
      [100, false, '#', false, 480],
      [100, false, '#', false, 320],
      [100, false, '#', true, 640],
      [100, false, '#', false, 480],
      [100, false, '#', true, 640],
      [100, false, '#', true, 640],
    ];
    expect(reported(run(packets))).toEqual([['#', 640, true]]);
  });

  test('a press whose end packets were all lost is reported when the next press starts', () => {
    const packets: Packet[] = [
      [1000, true, '1', false, 160],
      [1000, false, '1', false, 320],
      [4000, true, '2', false, 160],
      ...press(4000, '2', 480).slice(1),
    ];
    expect(reported(run(packets))).toEqual([
      ['1', 320, false],
      ['2', 480, true],
    ]);
  });

  test('a press whose start packets were lost is reported from its end packet', () => {
    expect(reported(run([[2000, false, '7', true, 400]]))).toEqual([['7', 400, true]]);
  });

  test('lost end of one press and lost start of the next: both reported, one per packet', () => {
    const packets: Packet[] = [
      [1000, true, '3', false, 160],
      [3000, false, '4', true, 400],
      [3000, false, '4', true, 400],
      [3000, false, '4', true, 400],
    ];
    expect(reported(run(packets))).toEqual([
      ['3', 160, false],
      ['4', 400, true],
    ]);
  });

  test('late packets of an earlier press are ignored', () => {
    const packets: Packet[] = [...press(1000, '1', 320), [5000, true, '2', false, 160], [1000, false, '1', true, 320], [5000, false, '2', true, 320]];
    expect(reported(run(packets))).toEqual([
      ['1', 320, true],
      ['2', 320, true],
    ]);
  });

  test('timestamps wrapping past 2^32 still order presses', () => {
    expect(reported(run([...press(0xffffff00, '8', 320), ...press(0x100, '9', 320), [0xffffff00, false, '8', true, 320]]))).toEqual([
      ['8', 320, true],
      ['9', 320, true],
    ]);
  });

  test('a press longer than the duration field continues in segments without marker (§2.5.1.3)', () => {
    const packets: Packet[] = [
      [0, true, '0', false, 40000],
      [0, false, '0', false, 0xffff],
      [0xffff, false, '0', false, 1000],
      [0xffff, false, '0', true, 2000],
    ];
    const results = run(packets);
    expect(reported(results)).toEqual([['0', 0xffff + 2000, true]]);
    expect(results[3]?.timestamp).toBe(0);
  });

  test('events that are not keys are ignored', () => {
    expect(reported(run([[100, true, 32, false, 160], [100, false, 32, true, 320], ...press(900, 'flash', 320)]))).toEqual([['flash', 320, true]]);
  });

  test('payloads shorter than four octets are ignored', () => {
    expect(new DtmfReceiver().receive(1, true, Uint8Array.of(5, 0x80, 0))).toBeNull();
  });

  test('onStart hears each press once, on its first packet', () => {
    const started: [DtmfSymbol, number][] = [];
    const receiver = new DtmfReceiver({ onStart: (digit, ts) => started.push([digit, ts]) });
    run([...press(100, 'A', 480), ...press(2000, 'B', 320)], receiver);
    expect(started).toEqual([
      ['A', 100],
      ['B', 2000],
    ]);
  });

  test('durationMs follows the clock rate', () => {
    const [, , last] = run(press(0, '6', 480), new DtmfReceiver({ clockRate: 16000 }));
    expect(last?.durationMs).toBe(30);
  });
});

describe('DtmfReceiver.expire', () => {
  test('ends a press whose end packets never came, once the timeout has passed', () => {
    const receiver = new DtmfReceiver();
    run([[1000, true, '5', false, 160], [1000, false, '5', false, 320]], receiver);
    expect(receiver.expire(1000 + 320 + 2000)).toBeNull();
    expect(receiver.expire(1000 + 320 + 2001)).toEqual({ digit: '5', timestamp: 1000, reportedDuration: 320, durationMs: 40, endReceived: false });
    expect(receiver.expire(1000 + 320 + 9000)).toBeNull();
  });

  test('after expiry, end packets of that press are not reported again', () => {
    const receiver = new DtmfReceiver();
    run([[1000, true, '5', false, 160]], receiver);
    receiver.expire(99999, 0);
    expect(run([[1000, false, '5', true, 320]], receiver)).toEqual([null]);
  });

  test('a press reported from its end has nothing to expire', () => {
    const receiver = new DtmfReceiver();
    run(press(0, '1', 160), receiver);
    expect(receiver.expire(100000)).toBeNull();
  });
});

describe('DtmfReceiver.reset', () => {
  test('forgets the last press, so a new source may reuse its timestamp', () => {
    const receiver = new DtmfReceiver();
    run(press(1000, '1', 160), receiver);
    receiver.reset();
    expect(reported(run(press(1000, '2', 160), receiver))).toEqual([['2', 160, true]]);
  });
});
