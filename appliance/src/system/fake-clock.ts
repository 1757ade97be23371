import type { Clock, Scheduler, Timer } from './clock.ts';

interface Pending {
  due: number;
  interval: number | null;
  task: () => void;
  cancelled: boolean;
}

/** A clock and scheduler that move only when a test says so. */
export class FakeClock implements Clock, Scheduler {
  private current: number;
  private pending: Pending[] = [];

  constructor(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.current;
  }

  every(intervalMs: number, task: () => void): Timer {
    return this.add({ due: this.current + intervalMs, interval: intervalMs, task, cancelled: false });
  }

  after(delayMs: number, task: () => void): Timer {
    return this.add({ due: this.current + delayMs, interval: null, task, cancelled: false });
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.pending
        .filter((p) => !p.cancelled && p.due <= target)
        .sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.current = next.due;
      if (next.interval === null) next.cancelled = true;
      else next.due += next.interval;
      next.task();
    }
    this.pending = this.pending.filter((p) => !p.cancelled);
    this.current = target;
  }

  private add(entry: Pending): Timer {
    this.pending.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }
}
