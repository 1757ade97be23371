/**
 * The final responses of finished non-INVITE server transactions over UDP,
 * kept as bytes until Timer J runs out, to answer retransmitted requests
 * (§17.2.2). Holding the bytes instead of the whole transaction (request,
 * response objects, runner, timers) is what lets the box absorb 64·T1 of
 * REGISTER traffic at thousands per second in little memory. One coarse
 * periodic sweep replaces a timer per entry.
 */
import type { Scheduler, Timer } from '../../system/index.ts';
import type { SendTarget } from '../transport/index.ts';

interface Entry {
  bytes: Uint8Array;
  target: SendTarget;
  tick: number;
}

const TICK_MS = 1000;

export class CompletedResponses {
  private readonly entries = new Map<string, Entry>();
  private readonly order: { key: string; entry: Entry }[] = [];
  private head = 0;
  private tick = 0;
  private sweeper: Timer | null = null;

  constructor(private readonly scheduler: Scheduler) {}

  get size(): number {
    return this.entries.size;
  }

  /** Keeps `bytes` for `lifetimeMs` (Timer J), replacing any older entry under the key. */
  add(key: string, bytes: Uint8Array, target: SendTarget, lifetimeMs: number): void {
    const entry: Entry = { bytes, target, tick: this.tick + Math.ceil(lifetimeMs / TICK_MS) };
    this.entries.set(key, entry);
    this.order.push({ key, entry });
    this.sweeper ??= this.scheduler.every(TICK_MS, () => this.sweep());
  }

  get(key: string): { bytes: Uint8Array; target: SendTarget } | undefined {
    return this.entries.get(key);
  }

  /** Drops everything (shutdown). */
  clear(): void {
    this.entries.clear();
    this.order.length = 0;
    this.head = 0;
    this.sweeper?.cancel();
    this.sweeper = null;
  }

  private sweep(): void {
    this.tick++;
    // Entries expire in insertion order, because every lifetime is the same Timer J.
    while (this.head < this.order.length) {
      const next = this.order[this.head] as { key: string; entry: Entry };
      if (next.entry.tick > this.tick) break;
      if (this.entries.get(next.key) === next.entry) this.entries.delete(next.key);
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    if (this.entries.size === 0) {
      this.order.length = 0;
      this.head = 0;
      this.sweeper?.cancel();
      this.sweeper = null;
    }
  }
}
