/**
 * Notices when the event loop stalls: a timer that should fire every
 * `intervalMs` is checked against the monotonic clock; a late tick beyond
 * `warnMs` is logged with its lateness. SIP retransmits after 500 ms, so a
 * stall of that order shows up as failed calls long before it shows as CPU.
 */
import type { Clock, Scheduler, Timer } from './clock.ts';
import type { Logger } from './logger.ts';

export class LoopLagMonitor {
  private timer: Timer | null = null;
  private last = 0;
  maxLagMs = 0;
  stalls = 0;

  constructor(private readonly o: { clock: Clock; scheduler: Scheduler; logger: Logger; intervalMs?: number; warnMs?: number }) {}

  start(): void {
    const interval = this.o.intervalMs ?? 100;
    this.last = this.o.clock.monotonic();
    this.timer = this.o.scheduler.every(interval, () => {
      const now = this.o.clock.monotonic();
      const lag = now - this.last - interval;
      this.last = now;
      if (lag > this.maxLagMs) this.maxLagMs = lag;
      if (lag > (this.o.warnMs ?? 250)) {
        this.stalls++;
        this.o.logger.warn('event loop stalled', { lag_ms: Math.round(lag) });
      }
    });
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
