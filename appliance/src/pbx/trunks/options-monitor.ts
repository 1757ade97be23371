/**
 * Health of one trunk by OPTIONS ping (RFC 3261 §11): every interval an
 * OPTIONS goes to the carrier. Any final response, even 404 or 405, proves
 * the far end is there; a ping unanswered within the deadline is a miss,
 * and a trunk is down after `missLimit` misses in a row. The deadline is
 * the monitor's own (shorter than Timer F), so a late answer to a ping
 * already counted as missed is ignored.
 */
import { createInitialRequest, type LocalIdentity, newBranch, type RandomBytes, randomHex, type SendTarget } from '../../sip/index.ts';
import type { Clock, Logger, Scheduler, Timer } from '../../system/index.ts';
import type { RequestSender } from './registration-client.ts';

export interface Reachability {
  /** null until the first answer or the first run of misses. */
  reachable: boolean | null;
  /** Round trip of the last answered ping. */
  latencyMs: number | null;
  /** Status of the last answer (any status counts as reachable). */
  lastStatus: number | null;
  /** Misses in a row. */
  misses: number;
}

export type PingOutcome = { kind: 'answered'; status: number; latencyMs: number } | { kind: 'missed' };

export const UNKNOWN_REACHABILITY: Reachability = { reachable: null, latencyMs: null, lastStatus: null, misses: 0 };

/** The health after one ping: answered means up at once; down only after `missLimit` misses in a row. */
export function afterPing(r: Reachability, outcome: PingOutcome, missLimit: number): Reachability {
  if (outcome.kind === 'answered') return { reachable: true, latencyMs: outcome.latencyMs, lastStatus: outcome.status, misses: 0 };
  const misses = r.misses + 1;
  return { ...r, misses, reachable: misses >= missLimit ? false : r.reachable };
}

export interface PingTarget {
  name: string;
  target: SendTarget;
  /** host[:port] for the Request-URI and To. */
  domain: string;
  intervalS: number;
}

export interface OptionsMonitorDeps {
  transactions: RequestSender;
  local: LocalIdentity;
  clock: Clock;
  scheduler: Scheduler;
  random: RandomBytes;
  logger: Logger;
  /** Misses in a row before the trunk counts as down. Default 3. */
  missLimit?: number;
  /** Told when `reachable` changes. */
  onChange?(r: Reachability): void;
}

const MAX_DEADLINE_MS = 5_000;

export class OptionsMonitor {
  private state: Reachability = UNKNOWN_REACHABILITY;
  private interval: Timer | null = null;
  private deadline: Timer | null = null;
  /** Bumped per ping; answers to older pings are ignored. */
  private ping = 0;
  private readonly logger: Logger;

  constructor(
    private readonly trunk: PingTarget,
    private readonly deps: OptionsMonitorDeps,
  ) {
    this.logger = deps.logger.child({ trunk: trunk.name });
  }

  /** Pings at once, then every interval. */
  start(): void {
    if (this.interval !== null) return;
    this.interval = this.deps.scheduler.every(this.trunk.intervalS * 1000, () => this.send());
    this.send();
  }

  stop(): void {
    this.interval?.cancel();
    this.deadline?.cancel();
    this.interval = null;
    this.deadline = null;
    this.ping++;
  }

  view(): Reachability {
    return this.state;
  }

  private send(): void {
    // A ping still out when the next is due has missed.
    if (this.deadline !== null) this.settle({ kind: 'missed' });
    const ping = ++this.ping;
    const sentAt = this.deps.clock.monotonic();
    const { local, random } = this.deps;
    const request = createInitialRequest({
      method: 'OPTIONS',
      requestUri: `sip:${this.trunk.domain}`,
      from: `<sip:ping@${local.host}>`,
      fromTag: randomHex(random, 6),
      to: `<sip:${this.trunk.domain}>`,
      callId: `${randomHex(random, 12)}@${local.host}`,
      cseq: 1,
      branch: newBranch(random),
      protocol: this.trunk.target.endpoint.protocol,
      local,
      contactUser: null,
      headers: [['Accept', 'application/sdp']],
    });
    this.deadline = this.deps.scheduler.after(Math.min(MAX_DEADLINE_MS, this.trunk.intervalS * 1000), () => {
      if (ping === this.ping) this.settle({ kind: 'missed' });
    });
    const missed = () => {
      if (ping === this.ping) this.settle({ kind: 'missed' });
    };
    this.deps.transactions.sendRequest(request, this.trunk.target, {
      onFinal: (response) => {
        if (ping === this.ping) this.settle({ kind: 'answered', status: response.status, latencyMs: Math.round(this.deps.clock.monotonic() - sentAt) });
      },
      onTimeout: missed,
      onTransportError: missed,
    });
  }

  private settle(outcome: PingOutcome): void {
    this.deadline?.cancel();
    this.deadline = null;
    this.ping++;
    const before = this.state.reachable;
    this.state = afterPing(this.state, outcome, this.deps.missLimit ?? 3);
    if (this.state.reachable === before) return;
    if (this.state.reachable) this.logger.info('trunk reachable', { latency_ms: this.state.latencyMs, status: this.state.lastStatus });
    else this.logger.warn('trunk unreachable', { misses: this.state.misses });
    this.deps.onChange?.(this.state);
  }
}
