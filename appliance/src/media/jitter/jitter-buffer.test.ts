import { describe, expect, test } from 'bun:test';
import { JitterBuffer, type JitterBufferOptions } from './jitter-buffer.ts';

/** A tick: one call to pop(). Any number is a packet pushed with that sequence number. */
const T = 'tick';
type Step = number | typeof T | { seq: number; ts: number };

/** Each payload names its sequence number, so a popped frame says which packet it was. */
const frame = (seq: number) => Uint8Array.of(seq >> 8, seq & 0xff);
const seqOf = (payload: Uint8Array | null) => (payload === null ? null : ((payload[0] as number) << 8) | (payload[1] as number));

/** Runs a script of arrivals and ticks; returns what each tick played. Timestamps default to 160 per sequence number. */
function play(buffer: JitterBuffer, steps: Step[]): (number | null)[] {
  const played: (number | null)[] = [];
  for (const step of steps) {
    if (step === T) played.push(seqOf(buffer.pop()));
    else if (typeof step === 'number') buffer.push(step, step * 160, frame(step));
    else buffer.push(step.seq, step.ts, frame(step.seq));
  }
  return played;
}

const make = (options: JitterBufferOptions = {}) => new JitterBuffer(options);
/** Packets from `from`, one per tick, each arriving just before its tick. */
const steady = (from: number, count: number): Step[] => Array.from({ length: count }, (_, i) => [from + i, T] as Step[]).flat();

describe('JitterBuffer ordering', () => {
  test('nothing plays before the first packet', () => {
    const buffer = make();
    expect(play(buffer, [T, T])).toEqual([null, null]);
    expect(buffer.stats()).toMatchObject({ concealed: 0, currentDepth: 0 });
  });

  test('waits for minDepthFrames, then plays one frame per tick', () => {
    const buffer = make();
    expect(play(buffer, [100, T, 101, T, 102, T, 103, T])).toEqual([null, 100, 101, 102]);
    expect(buffer.stats()).toMatchObject({ received: 4, played: 3, concealed: 0, currentDepth: 1 });
  });

  test('reorders packets within the window', () => {
    expect(play(make(), [100, 102, 101, 104, 103, T, T, T, T, T])).toEqual([100, 101, 102, 103, 104]);
  });

  test('a stream that begins out of order starts from its earliest packet', () => {
    expect(play(make(), [101, 100, T, T])).toEqual([100, 101]);
  });

  test('follows the sequence number across the 16-bit wrap', () => {
    const at = (seq: number, i: number) => ({ seq, ts: 5000 + i * 160 });
    expect(play(make(), [at(65534, 0), at(0, 2), at(65535, 1), at(1, 3), T, T, T, T])).toEqual([65534, 65535, 0, 1]);
  });

  test('duplicates are counted and played once, before and after their turn', () => {
    const buffer = make();
    expect(play(buffer, [100, 100, 101, T, T, 100, 102, 103, T])).toEqual([100, 101, 102]);
    expect(buffer.stats()).toMatchObject({ received: 6, duplicates: 2, lateDropped: 0, played: 3 });
  });

  test('a missing frame is returned as null and the next one follows', () => {
    const buffer = make();
    expect(play(buffer, [100, 101, T, 103, T, 104, T, T])).toEqual([100, 101, null, 103]);
    expect(buffer.stats()).toMatchObject({ concealed: 1, lateDropped: 0 });
  });

  test('copies the payload, so the caller may reuse its buffer', () => {
    const buffer = make({ minDepthFrames: 1 });
    const packet = Uint8Array.of(1, 2, 3);
    buffer.push(7, 0, packet);
    packet.fill(9);
    expect([...(buffer.pop() ?? [])]).toEqual([1, 2, 3]);
  });

  test('returns the same view for a slot while the frame size stays the same', () => {
    const buffer = make({ minDepthFrames: 1 });
    const views: Uint8Array[] = [];
    for (let seq = 0; seq < 40; seq++) {
      buffer.push(seq, seq * 160, new Uint8Array(160));
      views.push(buffer.pop() as Uint8Array);
    }
    expect(views[32]).toBe(views[0] as Uint8Array);
    expect(views[33]).toBe(views[1] as Uint8Array);
  });

  test('a payload larger than a slot is counted and dropped', () => {
    const buffer = make({ maxPayloadBytes: 4 });
    expect(buffer.push(1, 0, new Uint8Array(5))).toBe('too-large');
    expect(buffer.stats()).toMatchObject({ received: 1, tooLarge: 1, currentDepth: 0 });
  });
});

describe('JitterBuffer late packets and adaptation', () => {
  test('a packet after its frame was concealed is dropped and the delay grows by one frame', () => {
    const buffer = make();
    expect(play(buffer, [100, 101, T, 103, T, T, 102, T, 104, T, 105, T, T])).toEqual([100, 101, null, null, null, 103, 104]);
    expect(buffer.stats()).toMatchObject({ lateDropped: 1, targetDepth: 3, concealed: 3 });
  });

  test('a stall that empties the buffer, with the stream continuing late, grows the delay', () => {
    const buffer = make();
    const played = play(buffer, [100, 101, T, 102, T, 103, T, T, T, 104, T, 105, T, 106, T, 107, T]);
    expect(played).toEqual([100, 101, 102, 103, null, null, null, 104, 105]);
    expect(buffer.stats()).toMatchObject({ underruns: 1, lateDropped: 0, targetDepth: 3 });
  });

  test('a silence before a new talkspurt (timestamp jump) does not grow the delay', () => {
    const buffer = make();
    const resume = 104 * 160 + 40 * 160;
    const played = play(buffer, [100, 101, T, 102, T, 103, T, T, T, { seq: 104, ts: resume }, T, { seq: 105, ts: resume + 160 }, T]);
    expect(played).toEqual([100, 101, 102, 103, null, null, 104]);
    expect(buffer.stats()).toMatchObject({ underruns: 1, targetDepth: 2, resyncs: 0 });
  });

  test('the delay grows no further than maxDepthFrames', () => {
    const buffer = make({ minDepthFrames: 1, maxDepthFrames: 2 });
    play(buffer, [100, T, 102, T, 101, 103, T, 104, T, T, 106, T, T, 105]);
    expect(buffer.stats()).toMatchObject({ lateDropped: 2, targetDepth: 2 });
  });

  test('a packet arriving before its turn is never late', () => {
    const buffer = make();
    play(buffer, steady(100, 50));
    expect(buffer.stats()).toMatchObject({ lateDropped: 0, concealed: 0, targetDepth: 2 });
  });

  test('more than maxDepthFrames buffered: the oldest are dropped', () => {
    const buffer = make({ maxDepthFrames: 10 });
    const burst = Array.from({ length: 16 }, (_, i) => 100 + i);
    expect(play(buffer, [...burst, T, T])).toEqual([106, 107]);
    expect(buffer.stats()).toMatchObject({ discarded: 6, currentDepth: 8 });
  });

  test('a stable stream with excess delay sheds one frame per stable window', () => {
    const buffer = make({ stableFrames: 10 });
    // Three frames buffered before the steady stream: one more than the target.
    play(buffer, [100, 101, 102, T]);
    play(buffer, steady(103, 8));
    expect(buffer.stats()).toMatchObject({ discarded: 0, currentDepth: 2 });
    // The tenth tick closes the window: 109 is dropped and 110 plays.
    expect(play(buffer, steady(111, 2))).toEqual([110, 111]);
    expect(buffer.stats()).toMatchObject({ discarded: 1, currentDepth: 1, targetDepth: 2 });
  });

  test('a grown delay comes back to the minimum after stable windows', () => {
    const buffer = make({ stableFrames: 10 });
    play(buffer, [100, 101, T, 103, T, T, 102]);
    expect(buffer.stats().targetDepth).toBe(3);
    play(buffer, steady(104, 30));
    expect(buffer.stats()).toMatchObject({ targetDepth: 2, discarded: 1 });
  });
});

describe('JitterBuffer resynchronisation', () => {
  test('a jump in sequence beyond the ring starts over', () => {
    const buffer = make();
    expect(play(buffer, [100, 101, T, T, 5000, T, 5001, T, 5002, T])).toEqual([100, 101, null, 5000, 5001]);
    expect(buffer.stats()).toMatchObject({ resyncs: 1, lateDropped: 0, concealed: 0 });
  });

  test('a jump back in sequence beyond the ring starts over too', () => {
    const buffer = make();
    expect(play(buffer, [30000, 30001, T, 100, 101, T, T])).toEqual([30000, 100, 101]);
    expect(buffer.stats().resyncs).toBe(1);
  });

  test('a jump in timestamp with the sequence running on starts over', () => {
    const buffer = make();
    const played = play(buffer, [100, 101, T, { seq: 102, ts: 999_999 }, T, { seq: 103, ts: 999_999 + 160 }, T]);
    expect(played).toEqual([100, null, 102]);
    expect(buffer.stats().resyncs).toBe(1);
  });

  test('reset() for a new SSRC empties the buffer and the delay starts from the minimum', () => {
    const buffer = make();
    play(buffer, [100, 101, T, 103, T, T, 102]);
    buffer.reset();
    expect(buffer.stats()).toMatchObject({ targetDepth: 2, currentDepth: 0 });
    expect(play(buffer, [T, 7, T, 8, T])).toEqual([null, null, 7]);
    expect(buffer.stats().resyncs).toBe(0);
  });
});

describe('JitterBuffer options', () => {
  test('refuses a maximum depth below the minimum', () => {
    expect(() => make({ minDepthFrames: 4, maxDepthFrames: 3 })).toThrow(RangeError);
    expect(() => make({ minDepthFrames: 0 })).toThrow(RangeError);
  });
});

describe('JitterBuffer under random network delay', () => {
  test('plays each packet at most once, in sequence order, never deeper than the maximum', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    // Packet n is sent at tick n and arrives 0–6 ticks later (rarely 15); 3 % are lost.
    const arrivals = new Map<number, number[]>();
    for (let n = 0; n < 3000; n++) {
      if (random() < 0.03) continue;
      const delay = random() < 0.01 ? 15 : Math.floor(random() * random() * 7);
      arrivals.set(n + delay, [...(arrivals.get(n + delay) ?? []), n]);
    }
    const buffer = make();
    const played: number[] = [];
    for (let tick = 0; tick < 3100; tick++) {
      for (const n of arrivals.get(tick) ?? []) buffer.push(n & 0xffff, (n * 160) >>> 0, frame(n & 0xffff));
      const seq = seqOf(buffer.pop());
      if (seq !== null) played.push(seq);
      expect(buffer.stats().currentDepth).toBeLessThanOrEqual(10);
    }
    for (let i = 1; i < played.length; i++) expect(played[i] as number).toBeGreaterThan(played[i - 1] as number);
    const stats = buffer.stats();
    expect(stats.played).toBe(played.length);
    expect(stats.played).toBeGreaterThan(2800);
    expect(stats.targetDepth).toBeGreaterThan(2);
  });
});
