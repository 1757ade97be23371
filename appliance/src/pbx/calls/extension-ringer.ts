/**
 * Rings every registered contact of one extension at once (parallel
 * forking, RFC 3261 §16.7 in spirit): the first 2xx wins and the other
 * forks are cancelled; when all forks fail, the best final response says
 * whether the extension was busy, did not answer, or failed. A ring timer
 * gives up on phones that ring on.
 */
import type { Binding } from '../registrar/index.ts';
import { type Codec, createInitialRequest, randomHex, type SipResponse, uacDialog } from '../../sip/index.ts';
import type { Timer } from '../../system/index.ts';
import type { CallContext } from './call-context.ts';
import type { CallParty } from './call.ts';
import { Leg } from './leg.ts';
import { encodeSdp } from './leg-sdp.ts';
import { outcomeOf, type RingOutcome } from './ring-outcome.ts';

export interface RingRequest {
  number: string;
  bindings: readonly Binding[];
  from: CallParty;
  codecs: readonly Codec[];
  maxForwards: number;
  ringTimeoutMs: number;
  /** Extra headers for the INVITE (Alert-Info, Replaces context, …). */
  headers?: [string, string][];
}

export interface RingListener {
  /** A fork's leg exists (for registries and the CDR). */
  onFork(leg: Leg): void;
  onRinging(leg: Leg, response: SipResponse): void;
  /** The answer came: the leg has its dialog and is ACKed; every other fork is being cancelled. */
  onAnswer(leg: Leg, response: SipResponse): void;
  onFailed(outcome: RingOutcome, statuses: number[]): void;
}

export class ExtensionRinger {
  private readonly forks: Leg[] = [];
  private readonly statuses: number[] = [];
  private answered: Leg | null = null;
  private finished = false;
  private ringTimer: Timer | null = null;

  constructor(
    private readonly ctx: CallContext,
    private readonly listener: RingListener,
  ) {}

  async start(request: RingRequest): Promise<void> {
    for (const binding of request.bindings) {
      const endpoint = await this.ctx.media.createEndpoint();
      if (this.finished) {
        await this.ctx.media.destroy(endpoint.id);
        return;
      }
      const leg = new Leg({ id: randomHex(this.ctx.random, 8), direction: 'outbound', number: request.number, endpoint, context: this.ctx });
      this.forks.push(leg);
      this.listener.onFork(leg);
      this.invite(leg, binding, request);
    }
    if (this.forks.length === 0) this.finish(() => this.listener.onFailed('unavailable', []));
    else this.ringTimer = this.ctx.scheduler.after(request.ringTimeoutMs, () => this.giveUp());
  }

  /** The caller went away or the call moved on: cancel every fork still ringing. */
  cancelAll(): void {
    this.finished = true;
    this.ringTimer?.cancel();
    for (const fork of this.forks) if (fork !== this.answered) fork.cancel();
  }

  private giveUp(): void {
    if (this.finished) return;
    this.cancelAll();
    this.listener.onFailed('no_answer', [...this.statuses, 408]);
  }

  private invite(leg: Leg, binding: Binding, r: RingRequest): void {
    const local = this.ctx.local;
    const offer = encodeSdp(leg.sdp.offer(r.codecs));
    const name = r.from.name === null ? '' : `"${r.from.name.replace(/["\\]/g, '')}" `;
    const request = createInitialRequest({
      method: 'INVITE',
      requestUri: binding.contact,
      from: `${name}<sip:${r.from.number}@${local.host}>`,
      fromTag: leg.newTag(),
      to: `<sip:${r.number}@${local.host}>`,
      callId: `${randomHex(this.ctx.random, 12)}@${local.host}`,
      cseq: 1,
      branch: leg.newBranch(),
      protocol: binding.source.protocol,
      local,
      contactUser: r.from.number,
      maxForwards: r.maxForwards,
      headers: [
        ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, INFO, UPDATE'],
        ['Supported', 'timer, replaces'],
        ['Session-Expires', String(this.ctx.timers.sessionExpiresS)],
        ['Min-SE', String(this.ctx.timers.minSeS)],
        ...(r.headers ?? []),
      ],
      body: offer,
    });
    const target = { endpoint: binding.source, connectionId: binding.connectionId };
    leg.sendInvite(request, target, {
      onProvisional: (response) => {
        if (this.finished || response.status === 100) return;
        if (leg.state === 'calling' || leg.state === 'early') leg.step('provisional');
        this.listener.onRinging(leg, response);
      },
      onFinal: (response) => this.final(leg, response),
      onTimeout: () => this.failed(leg, 408),
      onTransportError: () => this.failed(leg, 503),
    });
  }

  private final(leg: Leg, response: SipResponse): void {
    if (response.status >= 300) {
      this.failed(leg, response.status);
      return;
    }
    const seq = leg.request?.cseq()?.seq ?? 1;
    if (leg.dialog === null) {
      leg.dialog = uacDialog(leg.request as never, response, { local: this.ctx.local, target: leg.target as never, contactUser: null });
    }
    leg.ack(seq);
    if (leg.state === 'ending') {
      leg.bye();
      return;
    }
    if (leg.state === 'up' || leg.state === 'ended') return;
    if (this.answered !== null || this.finished) {
      // §13.2.2.4: a fork that answers after the call was taken (or abandoned) is ACKed and released.
      leg.step('answered');
      leg.bye();
      return;
    }
    this.answered = leg;
    leg.step('answered');
    leg.answeredAt = this.ctx.clock.now();
    this.finished = true;
    this.ringTimer?.cancel();
    for (const fork of this.forks) if (fork !== leg) fork.cancel();
    this.listener.onAnswer(leg, response);
  }

  private failed(leg: Leg, status: number): void {
    if (leg.state !== 'ended') leg.step('ended');
    leg.cause = `sip_${status}`;
    this.statuses.push(status);
    if (this.finished) return;
    if (this.forks.every((f) => f.state === 'ended')) this.finish(() => this.listener.onFailed(outcomeOf(this.statuses), this.statuses));
  }

  private finish(report: () => void): void {
    this.finished = true;
    this.ringTimer?.cancel();
    report();
  }
}
