/**
 * An outbound call through the trunks of its route, in order: a trunk that
 * is full (max channels), unreachable (no answer to the INVITE, a transport
 * error), overloaded or failing (5xx), or refuses our credentials is skipped
 * for the next one. Once a carrier has taken the call (a provisional
 * response), or said something about the callee (busy, no such number),
 * that is the call's outcome — trying another carrier would only ring the
 * same person twice.
 */
import { type Codec, PCMA, PCMU, type SipResponse } from '../../sip/index.ts';
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { Leg } from './leg.ts';
import { outcomeOf, type RingOutcome } from './ring-outcome.ts';

/** Final statuses that describe the callee, not the trunk: no failover. */
const CALLEE_STATUSES = new Set([404, 410, 484, 486, 480, 487, 600, 603, 604]);

export interface TrunkDiallerRequest {
  number: string;
  trunks: readonly string[];
  onRinging(leg: Leg, response: SipResponse): void;
  onAnswer(leg: Leg, response: SipResponse): void;
  onFailed(outcome: RingOutcome, cause: string): void;
}

export class TrunkDialler {
  private ringer: ExtensionRinger | null = null;
  private cancelled = false;
  private readonly statuses: number[] = [];

  constructor(
    private readonly s: CallService,
    private readonly call: Call,
    private readonly r: TrunkDiallerRequest,
  ) {}

  start(): Promise<void> {
    return this.attempt(0);
  }

  cancelAll(): void {
    this.cancelled = true;
    this.ringer?.cancelAll();
  }

  private async attempt(index: number): Promise<void> {
    const access = this.s.deps.trunks;
    const name = this.r.trunks[index];
    if (this.cancelled || this.call.ended) return;
    if (name === undefined || access === undefined) {
      const outcome = this.statuses.length === 0 ? 'unavailable' : outcomeOf(this.statuses);
      this.r.onFailed(outcome, this.statuses.length === 0 ? 'no_trunk_available' : `trunk_${outcome}`);
      return;
    }
    const line = access.line(name);
    if (line === null || !access.acquire(name)) {
      this.s.ctx.logger.info('trunk skipped', { call: this.call.id, trunk: name, reason: line === null ? 'unknown or disabled' : 'all channels busy' });
      return this.attempt(index + 1);
    }
    let provisional = false;
    const release = this.call.onEnd(() => access.release(name));
    this.ringer = new ExtensionRinger(this.s.ctx, {
      onFork: (leg) => this.s.track(this.call, leg),
      onRinging: (leg, response) => {
        provisional = true;
        this.r.onRinging(leg, response);
      },
      onAnswer: (leg, response) => {
        this.call.trunkChannels.push(name);
        this.r.onAnswer(leg, response);
      },
      onFailed: (outcome, statuses) => {
        release();
        access.release(name);
        this.statuses.push(...statuses);
        const last = statuses[statuses.length - 1] ?? 503;
        if (provisional || CALLEE_STATUSES.has(last)) {
          this.r.onFailed(outcome, `trunk_${outcome}`);
          return;
        }
        this.s.ctx.logger.warn('trunk failed, trying the next', { call: this.call.id, trunk: name, status: last });
        void this.attempt(index + 1);
      },
    });
    await this.ringer.start({
      number: this.r.number,
      bindings: [{ contact: `sip:${this.r.number}@${line.domain}`, source: line.target, connectionId: null }],
      from: this.call.from,
      codecs: trunkCodecs(this.call.codecs, line.codecs),
      maxForwards: this.call.maxForwards,
      ringTimeoutMs: this.s.deps.maxRingMs,
      fromHeader: line.fromHeader(this.call.from.number),
      toHeader: `<sip:${this.r.number}@${line.domain}>`,
      ...(line.auth && this.s.deps.digest ? { auth: { client: this.s.deps.digest, ...line.auth } } : {}),
    });
  }
}

/**
 * The codecs offered to a carrier: its list, in its order, kept to what the caller can relay; the
 * caller's own when none is in common (the engine transcodes between G.711 laws) or the trunk
 * names none the box knows.
 */
export function trunkCodecs(callerCodecs: readonly Codec[], trunkNames: readonly string[]): Codec[] {
  const wanted = trunkNames.map((n) => n.toLowerCase());
  const both = callerCodecs.filter((c) => wanted.includes(c.name.toLowerCase())).sort((a, b) => wanted.indexOf(a.name.toLowerCase()) - wanted.indexOf(b.name.toLowerCase()));
  if (both.length > 0) return both;
  const known = [PCMU, PCMA].filter((c) => wanted.includes(c.name.toLowerCase()));
  return known.length > 0 ? known : [...callerCodecs];
}
