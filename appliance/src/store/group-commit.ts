/**
 * Durable writes, committed in groups. Each `run` resolves only after its
 * work is committed (WAL, synchronous=FULL) — so a caller may promise
 * durability onward, as the B2BUA does before it answers a BYE — but all
 * the work queued within `windowMs` shares one transaction and one disk
 * flush. At a thousand calls a second that is a hundred flushes, not two
 * thousand. A group that fails is retried one work at a time, so one bad
 * write fails alone.
 */
import type { Database } from 'bun:sqlite';
import type { Logger, Scheduler, Timer } from '../system/index.ts';

interface Work {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  db: Database;
  scheduler: Scheduler;
  logger: Logger;
  /** How long the first write of a group waits for others, ms. */
  windowMs: number;
  /** A group this large is committed at once. */
  maxGroup?: number;
}

export class GroupCommit {
  private pending: Work[] = [];
  private timer: Timer | null = null;

  constructor(private readonly o: GroupCommitOptions) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: work, resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.length >= (this.o.maxGroup ?? 1000)) this.flush();
      else this.timer ??= this.o.scheduler.after(this.o.windowMs, () => this.flush());
    });
  }

  get size(): number {
    return this.pending.length;
  }

  /** Commits what is waiting now (also at shutdown). */
  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let results: unknown[];
    try {
      results = this.o.db.transaction(() => group.map((w) => w.run()))();
    } catch (error) {
      this.o.logger.warn('group commit failed, committing one by one', { error, size: group.length });
      for (const w of group) {
        try {
          w.resolve(this.o.db.transaction(() => w.run())());
        } catch (single) {
          w.reject(single);
        }
      }
      return;
    }
    for (const [i, w] of group.entries()) w.resolve(results[i]);
  }
}
