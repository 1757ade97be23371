import { describe, expect, test } from 'bun:test';
import type { Clock, Scheduler } from '../../system/clock.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { MediaClock, type MediaClockOptions } from './media-clock.ts';

/**
 * A FakeClock whose monotonic time can jump without firing timers — the
 * event loop stalling — and whose timers can be made to fire late.
 */
class StallingClock implements Clock, Scheduler {
  readonly fake = new FakeClock(1_000_000);
  private stalledMs = 0;
  lateByMs = 0;

  now(): number {
    return this.fake.now() + this.stalledMs;
  }

  monotonic(): number {
    return this.fake.monotonic() + this.stalledMs;
  }

  every(intervalMs: number, task: () => void) {
    return this.fake.every(intervalMs, task);
  }

  after(delayMs: number, task: () => void) {
    return this.fake.after(delayMs + this.lateByMs, task);
  }

  stall(ms: number): void {
    this.stalledMs += ms;
  }

  advance(ms: number): void {
    this.fake.advance(ms);
  }
}

function setup(options: Partial<MediaClockOptions> = {}) {
  const time = new StallingClock();
  const start = time.monotonic();
  const ticks: Array<{ index: number; at: number }> = [];
  const media = new MediaClock({
    clock: time,
    scheduler: time,
    onTick: (index) => ticks.push({ index, at: time.monotonic() - start }),
    ...options,
  });
  return { time, media, ticks };
}

describe('MediaClock', () => {
  test('after 1,000 ticks the count is exactly elapsed / 20 ms, each on its due time', () => {
    const { time, media, ticks } = setup();
    media.start();
    time.advance(20_000);
    expect(ticks.length).toBe(1000);
    expect(ticks.every((t, n) => t.index === n && t.at === (n + 1) * 20)).toBe(true);
    expect(media.stats()).toEqual({ ticks: 1000, skippedTicks: 0, lateTicks: 0, maxLatenessMs: 0 });
  });

  test('advancing time in uneven steps changes nothing', () => {
    const { time, media, ticks } = setup();
    media.start();
    for (let elapsed = 0; elapsed < 20_000; elapsed += 7) time.advance(Math.min(7, 20_000 - elapsed));
    expect(ticks.length).toBe(1000);
  });

  test('timers that always fire late do not accumulate lateness', () => {
    const { time, media, ticks } = setup();
    time.lateByMs = 3;
    media.start();
    time.advance(20_003);
    // A "period from now" timer would have managed 20003 / 23 = 869 ticks.
    expect(ticks.length).toBe(1000);
    expect(ticks.at(-1)?.at).toBe(20_003);
    expect(media.stats()).toMatchObject({ ticks: 1000, lateTicks: 0, maxLatenessMs: 3 });
  });

  test('after a short stall the missed ticks run at once, in order', () => {
    const { time, media, ticks } = setup();
    media.start();
    time.advance(200);
    time.stall(100);
    time.advance(20);
    // 320 ms of monotonic time: ticks 0..15, the last six in one burst at 320 ms.
    expect(ticks.map((t) => t.index)).toEqual(Array.from({ length: 16 }, (_, n) => n));
    expect(ticks.slice(10).every((t) => t.at === 320)).toBe(true);
    expect(media.stats()).toMatchObject({ ticks: 16, skippedTicks: 0, lateTicks: 5, maxLatenessMs: 100 });
    time.advance(20);
    expect(ticks.at(-1)).toEqual({ index: 16, at: 340 });
  });

  test('after a long stall it catches up at most maxCatchUpTicks and counts the rest as skipped', () => {
    const { time, media, ticks } = setup({ maxCatchUpTicks: 10 });
    media.start();
    time.advance(200);
    time.stall(1000);
    time.advance(20);
    // 1220 ms: 61 ticks due; 10 had run, 41 are skipped, the newest 10 run now.
    expect(ticks.slice(10).map((t) => t.index)).toEqual(Array.from({ length: 10 }, (_, n) => 51 + n));
    expect(media.stats()).toMatchObject({ ticks: 20, skippedTicks: 41 });
    time.advance(20 * 100);
    const { ticks: run, skippedTicks } = media.stats();
    expect(run + skippedTicks).toBe((1220 + 2000) / 20);
  });

  test('stop() stops; start() resumes a period later with the next tick index', () => {
    const { time, media, ticks } = setup();
    media.start();
    media.start();
    time.advance(100);
    media.stop();
    expect(media.running).toBe(false);
    time.advance(1000);
    expect(ticks.length).toBe(5);
    media.start();
    time.advance(40);
    expect(ticks.slice(5)).toEqual([
      { index: 5, at: 1120 },
      { index: 6, at: 1140 },
    ]);
  });

  test('onTick may stop the clock; no further tick runs, not even catch-up ones', () => {
    const { time, media } = setup({
      onTick: (index) => {
        if (index === 2) media.stop();
      },
    });
    let other = 0;
    const unaffected = new MediaClock({ clock: time, scheduler: time, onTick: () => other++ });
    unaffected.start();
    media.start();
    time.stall(100);
    time.advance(20);
    expect(media.stats().ticks).toBe(3);
    expect(media.running).toBe(false);
    expect(other).toBe(6);
  });

  test('a tick that throws does not stop the clock or lose the ticks after it', () => {
    const seen: number[] = [];
    const { time, media } = setup({
      onTick: (index) => {
        seen.push(index);
        if (index === 3) throw new Error('session bug');
      },
    });
    media.start();
    time.stall(100);
    expect(() => time.advance(20)).toThrow('session bug');
    time.advance(40);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('refuses a period or catch-up bound that cannot work', () => {
    const time = new FakeClock();
    expect(() => new MediaClock({ clock: time, scheduler: time, periodMs: 0, onTick: () => {} })).toThrow(RangeError);
    expect(() => new MediaClock({ clock: time, scheduler: time, maxCatchUpTicks: 0, onTick: () => {} })).toThrow(RangeError);
  });
});
