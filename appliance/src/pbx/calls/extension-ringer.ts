/**
 * Rings every registered contact of one extension at once (parallel
 * forking, RFC 3261 §16.7 in spirit): the first 2xx wins and the other
 * forks are cancelled; when all forks fail, the best final response says
 * whether the extension was busy, did not answer, or failed. A ring timer
 * gives up on phones that ring on. A trunk is rung the same way, as one
 * contact with the carrier's From/To and digest credentials for its
 * 401/407 challenge.
 */
import type { Binding } from '../registrar/index.ts';
import {
  type Codec,
  createInitialRequest,
  credentialsHeaderFor,
  type DigestClient,
  randomHex,
  SipRequest,
  type SipResponse,
  uacDialog,
} from '../../sip/index.ts';
import type { Timer } from '../../system/index.ts';
import type { CallContext } from './call-context.ts';
import type { CallParty } from './call.ts';
import { Leg } from './leg.ts';
import { encodeSdp } from './leg-sdp.ts';
import { outcomeOf, type RingOutcome } from './ring-outcome.ts';

/** Where a fork's INVITE goes: a registered phone, or a trunk's host. */
export type RingContact = Pick<Binding, 'contact' | 'source' | 'connectionId'>;

export interface RingRequest {
  number: string;
  bindings: readonly RingContact[];
  from: CallParty;
  codecs: readonly Codec[];
  maxForwards: number;
  ringTimeoutMs: number;
  /** Extra headers for the INVITE (Alert-Info, Replaces context, …). */
  headers?: [string, string][];
  /** From and To header values (without tag) when not the box's own `sip:<number>@<box>`: a trunk's presentation. */
  fromHeader?: string;
  toHeader?: string;
  /** Answers a 401/407 once per fork (a carrier's challenge). */
  auth?: { client: DigestClient; username: string; password: string };
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
  private readonly challenged = new Set<Leg>();

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

  private invite(leg: Leg, binding: RingContact, r: RingRequest): void {
    const local = this.ctx.local;
    const offer = encodeSdp(leg.sdp.offer(r.codecs));
    const name = r.from.name === null ? '' : `"${r.from.name.replace(/["\\]/g, '')}" `;
    const request = createInitialRequest({
      method: 'INVITE',
      requestUri: binding.contact,
      from: r.fromHeader ?? `${name}<sip:${r.from.number}@${local.host}>`,
      fromTag: leg.newTag(),
      to: r.toHeader ?? `<sip:${r.number}@${local.host}>`,
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
    this.send(leg, request, { endpoint: binding.source, connectionId: binding.connectionId }, r);
  }

  private send(leg: Leg, request: SipRequest, target: { endpoint: RingContact['source']; connectionId: number | null }, r: RingRequest): void {
    leg.sendInvite(request, target, {
      onProvisional: (response) => {
        if (this.finished || response.status === 100) return;
        if (leg.state === 'calling' || leg.state === 'early') leg.step('provisional');
        this.listener.onRinging(leg, response);
      },
      onFinal: (response) => (this.challenge(leg, response, target, r) ? undefined : this.final(leg, response)),
      onTimeout: () => this.failed(leg, 408),
      onTransportError: () => this.failed(leg, 503),
    });
  }

  /** A carrier's 401/407: the INVITE again, with credentials and the next CSeq (§22.2), once. True when resent. */
  private challenge(leg: Leg, response: SipResponse, target: { endpoint: RingContact['source']; connectionId: number | null }, r: RingRequest): boolean {
    const status = response.status;
    if ((status !== 401 && status !== 407) || r.auth === undefined || this.challenged.has(leg) || this.finished) return false;
    const previous = leg.request;
    if (previous === null) return false;
    const header = status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const authorized = r.auth.client.authorize({
      challenges: response.getAll(header),
      username: r.auth.username,
      password: r.auth.password,
      method: 'INVITE',
      uri: previous.uri,
    });
    if (!authorized.ok) {
      this.ctx.logger.warn('trunk challenge not answerable', { status, error: authorized.error.message });
      return false;
    }
    this.challenged.add(leg);
    const request = new SipRequest(previous.method, previous.uri, previous.headers.map((h) => ({ ...h })), previous.body);
    request.set('Via', previous.get('via')?.replace(/;branch=[^;,\s]+/i, `;branch=${leg.newBranch()}`) ?? '');
    request.set('CSeq', `${(previous.cseq()?.seq ?? 1) + 1} INVITE`);
    request.set(credentialsHeaderFor(status), authorized.value.value);
    // After the transaction's ACK for the challenge has gone out: a carrier expects ACK, then the new INVITE.
    queueMicrotask(() => {
      if (!this.finished && leg.state !== 'ended') this.send(leg, request, target, r);
    });
    return true;
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
