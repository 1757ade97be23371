/**
 * A token bucket per source address: a flood from one address is dropped at
 * the door while other phones keep being served. Pure; time from the clock.
 */
import type { Clock } from '../../system/index.ts';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class SourceRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private limit: RateLimit,
  ) {}

  configure(limit: RateLimit): void {
    this.limit = limit;
  }

  /** Takes one token; false when the source is over its rate. */
  take(address: string): boolean {
    const now = this.clock.now();
    let bucket = this.buckets.get(address);
    if (!bucket) {
      bucket = { tokens: this.limit.burst, at: now };
      this.buckets.set(address, bucket);
    } else {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
      bucket.at = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets sources whose buckets have refilled; call now and then. */
  prune(): void {
    const now = this.clock.now();
    const full = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [address, bucket] of this.buckets) if (now - bucket.at >= full) this.buckets.delete(address);
  }

  get tracked(): number {
    return this.buckets.size;
  }
}
