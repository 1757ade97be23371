import { describe, expect, test } from 'bun:test';
import { SequenceTracker } from './sequence-tracker.ts';

/** Feeds sequence numbers at 160 timestamp units apart, arriving exactly on time. */
function feed(tracker: SequenceTracker, sequences: readonly number[]): boolean[] {
  return sequences.map((seq) => tracker.update(seq, seq * 160, seq * 160 + 1000));
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) & 0xffff);

describe('probation (RFC 3550 A.1)', () => {
  test('a new source counts from its second packet in sequence', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [1000, 1001, 1002])).toEqual([false, true, true]);
    expect(tracker.valid).toBe(true);
    expect(tracker.stats()).toMatchObject({ received: 2, expected: 2, cumulativeLost: 0 });
  });

  test('a packet out of sequence during probation starts probation over', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [10, 20, 21, 22])).toEqual([false, false, true, true]);
    expect(tracker.stats()).toMatchObject({ received: 2, expected: 2 });
  });

  test('with minSequential 0 the first packet counts', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    expect(feed(tracker, [0, 1])).toEqual([true, true]);
    expect(tracker.stats()).toMatchObject({ received: 2, expected: 2, cycles: 0, extendedHighestSequence: 1 });
  });

  test('probation follows the sequence across the wrap', () => {
    const tracker = new SequenceTracker();
    expect(feed(tracker, [65535, 0, 1])).toEqual([false, true, true]);
  });

  test('no statistics before the source is valid', () => {
    const tracker = new SequenceTracker();
    feed(tracker, [5]);
    expect(tracker.stats()).toMatchObject({ received: 0, expected: 0, cumulativeLost: 0, fractionLost: 0 });
  });
});

describe('expected and lost (RFC 3550 A.3)', () => {
  test('gaps count as lost; fraction lost is out of 256', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, [0, 1, 2, 4, 5, 6, 8, 9]);
    expect(tracker.closeInterval()).toMatchObject({ received: 8, expected: 10, cumulativeLost: 2, fractionLost: 51 });
  });

  test('fraction lost covers only the interval since the last report', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, [0, 2, 3]);
    expect(tracker.closeInterval().fractionLost).toBe(64);
    feed(tracker, [4, 5, 6, 7]);
    expect(tracker.closeInterval()).toMatchObject({ fractionLost: 0, cumulativeLost: 1 });
  });

  test('stats() does not close the interval', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, [0, 2]);
    expect(tracker.stats().fractionLost).toBe(85);
    expect(tracker.stats().fractionLost).toBe(85);
  });

  test('duplicates make loss negative and fraction lost zero', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, [0, 1, 1, 2, 2]);
    expect(tracker.closeInterval()).toMatchObject({ received: 5, expected: 3, cumulativeLost: -2, fractionLost: 0 });
  });

  test('a packet reordered within MAX_MISORDER is counted without moving the highest', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    expect(feed(tracker, [0, 1, 3, 2])).toEqual([true, true, true, true]);
    expect(tracker.stats()).toMatchObject({ received: 4, expected: 4, extendedHighestSequence: 3 });
  });

  test('the extended highest sequence carries the wrap count', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, range(65530, 10));
    expect(tracker.stats()).toMatchObject({ received: 10, expected: 10, cycles: 1, extendedHighestSequence: 0x10003 });
  });

  test('a reordered packet from before the wrap does not count a second cycle', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, [65534, 0, 65535, 1]);
    expect(tracker.stats()).toMatchObject({ cycles: 1, extendedHighestSequence: 0x10001, expected: 4, received: 4 });
  });
});

describe('restart detection (RFC 3550 A.1)', () => {
  test('one packet far ahead is ignored', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    expect(feed(tracker, [100, 101, 30000, 102])).toEqual([true, true, false, true]);
    expect(tracker.stats()).toMatchObject({ received: 3, expected: 3 });
  });

  test('two packets in sequence far ahead restart the statistics there', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    expect(feed(tracker, [100, 101, 30000, 30001, 30002])).toEqual([true, true, false, true, true]);
    expect(tracker.stats()).toMatchObject({ received: 2, expected: 2, extendedHighestSequence: 30002 });
  });

  test('a jump of less than MAX_DROPOUT is loss, not a restart', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    expect(feed(tracker, [0, 2999])).toEqual([true, true]);
    expect(tracker.stats()).toMatchObject({ expected: 3000, cumulativeLost: 2998 });
  });

  test('cumulative loss is clamped to 24 signed bits', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    for (let i = 0; i < 3000; i++) tracker.update((i * 2900) & 0xffff, 0, 0);
    expect(tracker.stats().cumulativeLost).toBe(0x7fffff);
  });
});

describe('interarrival jitter (RFC 3550 A.8)', () => {
  test('a constant transit time has no jitter', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    feed(tracker, range(0, 50));
    expect(tracker.stats().jitter).toBe(0);
  });

  test('each difference in transit moves the estimate by a sixteenth', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    tracker.update(0, 0, 5000);
    tracker.update(1, 160, 5000 + 160 + 320);
    expect(tracker.stats().jitter).toBe(20);
    tracker.update(2, 320, 5000 + 320);
    expect(tracker.stats().jitter).toBe(38);
  });

  test('converges on the mean deviation of alternating arrivals', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    for (let i = 0; i < 400; i++) tracker.update(i, i * 160, i * 160 + (i % 2 === 0 ? 0 : 80));
    expect(tracker.stats().jitter).toBe(79);
  });

  test('timestamps wrapping past 2^32 do not look like jitter', () => {
    const tracker = new SequenceTracker({ minSequential: 0 });
    const start = 0xffffff00;
    for (let i = 0; i < 10; i++) tracker.update(i, (start + i * 160) >>> 0, (1234 + i * 160) >>> 0);
    expect(tracker.stats().jitter).toBe(0);
  });
});
