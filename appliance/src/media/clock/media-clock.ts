/**
 * The 20 ms heartbeat that paces outgoing media. Tick n is due at
 * start + (n + 1)·period on the monotonic clock, and each timer is set for
 * the next due time rather than "one period from now", so a timer that fires
 * late delays one tick without shifting every later one: over an hour of
 * packets the count matches the wall clock exactly.
 *
 * When the event loop stalls (GC pause, a slow synchronous task), the ticks
 * that came due meanwhile run at once so RTP timestamps and jitter buffers
 * stay in step, at most `maxCatchUpTicks` of them: after a long stall,
 * bursting seconds of audio would only overrun the far end's jitter buffer,
 * so the oldest are skipped, counted, and their tick indices left unused.
 */
import type { Clock, Scheduler, Timer } from '../../system/index.ts';

export interface MediaClockOptions {
  clock: Clock;
  scheduler: Scheduler;
  periodMs?: number;
  /** Most ticks run back to back after a stall; older ones are skipped. Default 10. */
  maxCatchUpTicks?: number;
  /** Called once per period; `tickIndex` counts periods since the first start, skipped ones included. */
  onTick: (tickIndex: number) => void;
}

export interface MediaClockStats {
  /** onTick calls made. */
  ticks: number;
  /** Ticks given up after stalls longer than the catch-up bound. */
  skippedTicks: number;
  /** Ticks that ran a whole period or more after they were due. */
  lateTicks: number;
  /** The latest any tick ran after its due time. */
  maxLatenessMs: number;
}

export class MediaClock {
  private readonly periodMs: number;
  private readonly maxCatchUpTicks: number;
  private timer: Timer | null = null;
  /** Monotonic time tick 0's period began; tick n is due at epoch + (n + 1)·period. */
  private epoch = 0;
  private nextIndex = 0;
  private readonly counters: MediaClockStats = { ticks: 0, skippedTicks: 0, lateTicks: 0, maxLatenessMs: 0 };

  constructor(private readonly options: MediaClockOptions) {
    this.periodMs = options.periodMs ?? 20;
    this.maxCatchUpTicks = options.maxCatchUpTicks ?? 10;
    if (!(this.periodMs > 0)) throw new RangeError(`media clock period ${this.periodMs} ms`);
    if (!(this.maxCatchUpTicks >= 1)) throw new RangeError(`media clock catch-up bound ${this.maxCatchUpTicks}`);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  stats(): MediaClockStats {
    return { ...this.counters };
  }

  /** Starts ticking a period from now; after stop(), tick indices carry on from where they were. */
  start(): void {
    if (this.timer !== null) return;
    this.epoch = this.options.clock.monotonic() - this.nextIndex * this.periodMs;
    this.schedule(this.nextIndex);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private readonly wake = (): void => {
    const now = this.options.clock.monotonic();
    // Ticks with index below `due` have come due by now.
    const due = Math.floor((now - this.epoch) / this.periodMs);
    if (due - this.nextIndex > this.maxCatchUpTicks) {
      this.counters.skippedTicks += due - this.nextIndex - this.maxCatchUpTicks;
      this.nextIndex = due - this.maxCatchUpTicks;
    }
    // The next timer is set before any tick runs, so a tick that throws cannot stop the clock.
    this.schedule(Math.max(due, this.nextIndex));
    while (this.nextIndex < due && this.timer !== null) {
      const index = this.nextIndex++;
      const lateness = now - this.dueAt(index);
      if (lateness >= this.periodMs) this.counters.lateTicks++;
      if (lateness > this.counters.maxLatenessMs) this.counters.maxLatenessMs = lateness;
      this.counters.ticks++;
      this.options.onTick(index);
    }
  };

  private schedule(index: number): void {
    const delay = Math.max(0, this.dueAt(index) - this.options.clock.monotonic());
    this.timer = this.options.scheduler.after(delay, this.wake);
  }

  private dueAt(index: number): number {
    return this.epoch + (index + 1) * this.periodMs;
  }
}
