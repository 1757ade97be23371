/**
 * Server nonces that check themselves (RFC 7616 §3.3, §5.4-§5.5), plus
 * nonce-count replay protection for qop=auth.
 *
 *   nonce = base64url( issued[6] | random[10] | HMAC-SHA-256(key, issued|random)[0..16] )
 *
 * `issued` is the clock's monotonic milliseconds, so wall-clock steps do not
 * age nonces; a nonce from "the future" (the counter restarted under a kept
 * key) counts as expired. A nonce whose MAC fails is forged; one older than
 * the lifetime is expired, which the server answers with stale=true when the
 * digest itself was right.
 *
 * Replays: after a digest has been verified, `recordCount` keeps the highest
 * nc seen per nonce and refuses any nc not above it. Only verified uses are
 * recorded, so a guessed response cannot burn a client's counts, and memory
 * grows with successful authentications only. Entries leave when their nonce
 * expires or, past `maxTracked`, oldest first; the issue time of the newest
 * evicted nonce becomes a watermark, and an untracked nonce issued at or
 * before it is `forgotten` (answered as stale), never accepted afresh.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../system/index.ts';
import type { RandomBytes } from './random-bytes.ts';

export interface NonceManagerOptions {
  /** Secret HMAC key, at least 16 octets; kept across restarts (derived from the box key) so phones holding a nonce get stale=true, not a failure. */
  key: Uint8Array;
  clock: Clock;
  random: RandomBytes;
  /** Default 300 s. */
  lifetimeMs?: number;
  /** Most nonces whose nc is remembered at once. Default 10,000. */
  maxTracked?: number;
}

export type NonceStatus =
  | { kind: 'fresh'; issuedAt: number }
  | { kind: 'expired'; issuedAt: number }
  | { kind: 'forged' };

/** `forgotten`: its count was evicted under memory pressure; ask for a new nonce. */
export type CountOutcome = 'accepted' | 'replay' | 'forgotten' | 'forged' | 'expired';

const TIME_BYTES = 6;
const RANDOM_BYTES = 10;
const MAC_BYTES = 16;
const NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
const NONCE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

interface Tracked {
  issuedAt: number;
  highest: number;
}

export class NonceManager {
  readonly lifetimeMs: number;
  readonly maxTracked: number;
  private readonly key: Buffer;
  private readonly counts = new Map<string, Tracked>();
  /**
   * The tracked nonces in first-use order, consumed from `head`. Iterating
   * the Map from its start after many deletions walks the deleted slots
   * again on every call; a queue keeps expiry and eviction O(1).
   */
  private order: { nonce: string; entry: Tracked }[] = [];
  private head = 0;
  private watermark = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: NonceManagerOptions) {
    if (options.key.length < 16) throw new RangeError('nonce key must be at least 16 octets');
    this.key = Buffer.from(options.key);
    this.lifetimeMs = options.lifetimeMs ?? 300_000;
    this.maxTracked = options.maxTracked ?? 10_000;
    if (this.lifetimeMs <= 0 || this.maxTracked < 1) throw new RangeError('nonce lifetime and cap must be positive');
  }

  issue(): string {
    const body = Buffer.alloc(TIME_BYTES + RANDOM_BYTES);
    body.writeUIntBE(this.now(), 0, TIME_BYTES);
    const random = this.options.random(RANDOM_BYTES);
    if (random.length !== RANDOM_BYTES) throw new RangeError('random source returned the wrong number of octets');
    body.set(random, TIME_BYTES);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** Is the nonce ours, and is it still young? Constant-time in the MAC. */
  check(nonce: string): NonceStatus {
    if (!NONCE_SHAPE.test(nonce)) return { kind: 'forged' };
    const bytes = Buffer.from(nonce, 'base64url');
    if (bytes.length !== NONCE_BYTES) return { kind: 'forged' };
    const body = bytes.subarray(0, TIME_BYTES + RANDOM_BYTES);
    if (!timingSafeEqual(this.mac(body), bytes.subarray(TIME_BYTES + RANDOM_BYTES))) return { kind: 'forged' };
    // base64url decoding ignores stray low bits in the last character; only the canonical spelling is ours.
    if (bytes.toString('base64url') !== nonce) return { kind: 'forged' };
    const issuedAt = body.readUIntBE(0, TIME_BYTES);
    const age = this.now() - issuedAt;
    return age >= 0 && age < this.lifetimeMs ? { kind: 'fresh', issuedAt } : { kind: 'expired', issuedAt };
  }

  /**
   * Records nc for a nonce whose digest was verified; refuses an nc not above
   * the highest seen. A caller that has just checked the nonce passes that
   * status along, saving a second MAC check.
   */
  recordCount(nonce: string, nc: number, checked?: NonceStatus): CountOutcome {
    const status = checked ?? this.check(nonce);
    if (status.kind !== 'fresh') return status.kind;
    this.dropExpired();
    const tracked = this.counts.get(nonce);
    if (tracked === undefined) {
      if (status.issuedAt <= this.watermark) return 'forgotten';
      if (nc < 1) return 'replay';
      const entry = { issuedAt: status.issuedAt, highest: nc };
      this.counts.set(nonce, entry);
      this.order.push({ nonce, entry });
      this.enforceCap();
      return 'accepted';
    }
    if (nc <= tracked.highest) return 'replay';
    tracked.highest = nc;
    return 'accepted';
  }

  /** Nonces whose count is remembered now. */
  get tracked(): number {
    return this.counts.size;
  }

  private now(): number {
    return Math.floor(this.options.clock.monotonic());
  }

  private mac(body: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }

  /** Entries are in first-use order, which follows issue order closely; expired ones at the front go. */
  private dropExpired(): void {
    const oldest = this.now() - this.lifetimeMs;
    while (this.head < this.order.length) {
      const next = this.order[this.head] as { nonce: string; entry: Tracked };
      if (next.entry.issuedAt > oldest) break;
      if (this.counts.get(next.nonce) === next.entry) this.counts.delete(next.nonce);
      this.head++;
    }
    this.compact();
  }

  private enforceCap(): void {
    while (this.counts.size > this.maxTracked && this.head < this.order.length) {
      const next = this.order[this.head] as { nonce: string; entry: Tracked };
      this.head++;
      if (this.counts.get(next.nonce) !== next.entry) continue;
      this.counts.delete(next.nonce);
      this.watermark = Math.max(this.watermark, next.entry.issuedAt);
    }
    this.compact();
  }

  /** Drops the consumed front of the queue once it is most of the array. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
