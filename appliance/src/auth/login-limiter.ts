/**
 * Slows password guessing on the web login: failures are counted per source
 * address and per (address, username) in a sliding window; past a limit the
 * pair (or the whole address) is locked out for a while. Success clears the
 * pair's count. Pure: time comes from the injected clock.
 */
import type { Clock } from '../system/index.ts';

export interface LoginLimiterOptions {
  windowMs: number;
  lockoutMs: number;
  /** Failures allowed for one username from one address within the window. */
  maxPerAccount: number;
  /** Failures allowed from one address (any usernames) within the window. */
  maxPerSource: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimiterOptions = {
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerSource: 20,
};

interface Bucket {
  failures: number[];
  lockedUntil: number;
}

export class LoginLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly options: LoginLimiterOptions = DEFAULT_LOGIN_LIMITS,
  ) {}

  /** Seconds until a login may be tried again, or 0 when allowed now. */
  retryAfter(source: string, username: string): number {
    const now = this.clock.now();
    const until = Math.max(this.lockedUntil(sourceKey(source), now), this.lockedUntil(accountKey(source, username), now));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  recordFailure(source: string, username: string): void {
    const now = this.clock.now();
    this.bump(accountKey(source, username), now, this.options.maxPerAccount);
    this.bump(sourceKey(source), now, this.options.maxPerSource);
  }

  recordSuccess(source: string, username: string): void {
    this.buckets.delete(accountKey(source, username));
  }

  /** Drops buckets that can no longer matter; call now and then. */
  prune(): void {
    const now = this.clock.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.lockedUntil <= now && bucket.failures.every((t) => t <= now - this.options.windowMs)) this.buckets.delete(key);
    }
  }

  private lockedUntil(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket && bucket.lockedUntil > now ? bucket.lockedUntil : 0;
  }

  private bump(key: string, now: number, limit: number): void {
    const bucket = this.buckets.get(key) ?? { failures: [], lockedUntil: 0 };
    bucket.failures = bucket.failures.filter((t) => t > now - this.options.windowMs);
    bucket.failures.push(now);
    if (bucket.failures.length >= limit) {
      bucket.lockedUntil = now + this.options.lockoutMs;
      bucket.failures = [];
    }
    this.buckets.set(key, bucket);
  }
}

const sourceKey = (source: string) => `s:${source}`;
const accountKey = (source: string, username: string) => `a:${source}:${username.toLowerCase()}`;
