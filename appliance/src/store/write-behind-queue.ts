/**
 * Collects writes and hands them to `flush` in batches: after `intervalMs`,
 * or at once when `maxBatch` are waiting. A failed flush is logged and its
 * batch dropped rather than retried forever; callers keep the truth in memory.
 */
import type { Logger, Scheduler, Timer } from '../system/index.ts';

export interface WriteBehindOptions<T> {
  scheduler: Scheduler;
  logger: Logger;
  intervalMs: number;
  maxBatch: number;
  flush(batch: T[]): void;
}

export class WriteBehindQueue<T> {
  private pending: T[] = [];
  private timer: Timer | null = null;

  constructor(private readonly options: WriteBehindOptions<T>) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxBatch) this.flushNow();
    else this.timer ??= this.options.scheduler.after(this.options.intervalMs, () => this.flushNow());
  }

  get size(): number {
    return this.pending.length;
  }

  flushNow(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.options.flush(batch);
    } catch (error) {
      this.options.logger.error('write-behind flush failed; batch dropped', { size: batch.length, error });
    }
  }
}
