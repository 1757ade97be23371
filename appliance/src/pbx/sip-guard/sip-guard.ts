/**
 * The door of the SIP port. Before parsing: banned sources and sources over
 * their rate are dropped silently (no answer tells a scanner anything).
 * After parsing: scanner user-agents are banned at once; repeated
 * authentication failures or malformed messages from one address ban it for
 * a while. Bans are visible and liftable through the API and survive restarts.
 */
import type { EventBus } from '../../events/index.ts';
import type { Endpoint, SipRequest } from '../../sip/index.ts';
import type { Clock, Logger } from '../../system/index.ts';
import type { SipSecuritySetting } from '../../system/index.ts';
import type { BansRepository, SipBan } from './bans-repository.ts';
import { isScannerAgent } from './scanner-agents.ts';
import { SourceRateLimiter } from './source-rate-limiter.ts';

export interface SipGuardDeps {
  clock: Clock;
  bans: BansRepository;
  bus: EventBus;
  logger: Logger;
  settings: SipSecuritySetting;
}

export interface GuardStats {
  droppedBanned: number;
  droppedRate: number;
  bansIssued: number;
}

export class SipGuard {
  readonly stats: GuardStats = { droppedBanned: 0, droppedRate: 0, bansIssued: 0 };
  private readonly banned = new Map<string, SipBan>();
  private readonly failures = new Map<string, number[]>();
  private readonly limiter: SourceRateLimiter;
  private settings: SipSecuritySetting;
  private trusted: Set<string>;

  constructor(private readonly deps: SipGuardDeps) {
    this.settings = deps.settings;
    this.trusted = new Set(deps.settings.trusted);
    this.limiter = new SourceRateLimiter(deps.clock, { perSecond: deps.settings.rate_per_s, burst: deps.settings.rate_burst });
    for (const ban of deps.bans.live(deps.clock.now())) this.banned.set(ban.address, ban);
  }

  configure(settings: SipSecuritySetting): void {
    this.settings = settings;
    this.trusted = new Set(settings.trusted);
    this.limiter.configure({ perSecond: settings.rate_per_s, burst: settings.rate_burst });
  }

  /** Hot path, before parsing: is this source let in? */
  admit(source: Endpoint): boolean {
    if (this.trusted.has(source.address)) return true;
    const ban = this.banned.get(source.address);
    if (ban) {
      if (ban.until > this.deps.clock.now()) {
        this.stats.droppedBanned++;
        return false;
      }
      this.banned.delete(source.address);
    }
    if (!this.limiter.take(source.address)) {
      this.stats.droppedRate++;
      return false;
    }
    return true;
  }

  /** After parsing: false (and a ban) for a scanner; trusted addresses may run such tools. */
  inspect(request: SipRequest, source: Endpoint): boolean {
    if (this.trusted.has(source.address) || !isScannerAgent(request.get('user-agent'))) return true;
    this.ban(source.address, `scanner user-agent: ${request.get('user-agent')?.slice(0, 60)}`, this.settings.scanner_ban_s);
    return false;
  }

  authFailed(source: Endpoint): void {
    this.countFailure(source.address, 'repeated authentication failures');
  }

  malformed(source: Endpoint): void {
    this.countFailure(source.address, 'repeated malformed messages');
  }

  bans(): SipBan[] {
    const now = this.deps.clock.now();
    return [...this.banned.values()].filter((b) => b.until > now).sort((a, b) => b.bannedAt - a.bannedAt);
  }

  isBanned(address: string): boolean {
    return (this.banned.get(address)?.until ?? 0) > this.deps.clock.now();
  }

  lift(address: string): boolean {
    const had = this.banned.delete(address);
    this.failures.delete(address);
    const stored = this.deps.bans.delete(address);
    if (had || stored) this.deps.bus.publish('sip.ban_lifted', { address });
    return had || stored;
  }

  /** Forgets old counters; call now and then. */
  prune(): void {
    this.limiter.prune();
    const horizon = this.deps.clock.now() - this.settings.failure_window_s * 1000;
    for (const [address, times] of this.failures) if ((times.at(-1) ?? 0) <= horizon) this.failures.delete(address);
  }

  ban(address: string, reason: string, seconds: number): void {
    if (this.trusted.has(address)) return;
    const now = this.deps.clock.now();
    const ban: SipBan = { address, reason, bannedAt: now, until: now + seconds * 1000 };
    this.banned.set(address, ban);
    this.failures.delete(address);
    this.deps.bans.save(ban);
    this.stats.bansIssued++;
    this.deps.logger.warn('SIP source banned', { address, reason, seconds });
    this.deps.bus.publish('sip.source_banned', { address, reason, until: new Date(ban.until).toISOString() });
  }

  private countFailure(address: string, reason: string): void {
    if (this.trusted.has(address)) return;
    const now = this.deps.clock.now();
    const horizon = now - this.settings.failure_window_s * 1000;
    const times = (this.failures.get(address) ?? []).filter((t) => t > horizon);
    times.push(now);
    if (times.length >= this.settings.failure_threshold) this.ban(address, reason, this.settings.ban_s);
    else this.failures.set(address, times);
  }
}
