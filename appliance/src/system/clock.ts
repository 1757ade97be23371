/** Time, passed in so that anything with timers can be tested without sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A monotonic millisecond counter for measuring intervals. */
  monotonic(): number;
}

export interface Timer {
  cancel(): void;
}

export interface Scheduler {
  every(intervalMs: number, task: () => void): Timer;
  after(delayMs: number, task: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export const systemScheduler: Scheduler = {
  every(intervalMs, task) {
    const handle = setInterval(task, intervalMs);
    return { cancel: () => clearInterval(handle) };
  },
  after(delayMs, task) {
    const handle = setTimeout(task, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};

export function isoTime(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
