/**
 * One call leg: a SIP dialog side the box holds and the media endpoint
 * behind it. Inbound legs are the box as UAS (the caller), outbound legs
 * the box as UAC (a phone it rings). The leg sends and retransmits what
 * SIP requires of it; what the call does with it is decided in call-service.
 */
import type { EndpointInfo } from '../../media/index.ts';
import {
  type ClientTransaction,
  type ClientTransactionListener,
  contactValue,
  createCancel,
  type Dialog,
  type InboundRequest,
  newBranch,
  randomHex,
  responseTarget,
  type SendTarget,
  type ServerTransaction,
  type SipRequest,
  type SipResponse,
} from '../../sip/index.ts';
import type { Timer } from '../../system/index.ts';
import type { CallContext } from './call-context.ts';
import { LegSdp } from './leg-sdp.ts';
import { isLive, type LegInput, type LegState, legStep } from './leg-states.ts';

export type LegDirection = 'inbound' | 'outbound';

export interface LegOptions {
  id: string;
  direction: LegDirection;
  /** The party's number: the caller's extension, or the extension rung. */
  number: string;
  endpoint: EndpointInfo;
  context: CallContext;
}

export class Leg {
  readonly id: string;
  readonly direction: LegDirection;
  readonly number: string;
  readonly sdp: LegSdp;
  state: LegState;
  dialog: Dialog | null = null;
  /** The leg whose audio this one hears, when bridged. */
  partner: Leg | null = null;
  readonly startedAt: number;
  answeredAt: number | null = null;
  endedAt: number | null = null;
  cause: string | null = null;
  /** Inbound: the INVITE and its server transaction. */
  invite: InboundRequest | null = null;
  inviteTx: ServerTransaction | null = null;
  /** Outbound: the INVITE sent, its transaction and where it went. */
  request: SipRequest | null = null;
  clientTx: ClientTransaction | null = null;
  target: SendTarget | null = null;
  /** The To tag of every response on an inbound leg (one dialog with the caller). */
  readonly localTag: string;
  private provisionalSeen = false;
  private byeSent = false;
  private awaitingAck = false;
  /** A re-INVITE of ours is waiting for its final response (glare, §14.1). */
  reinviting = false;
  private cancelWanted = false;
  private ackSent: SipRequest | null = null;
  private okRetransmit: Timer | null = null;
  private readonly timers: Timer[] = [];
  private readonly ctx: CallContext;

  constructor(o: LegOptions) {
    this.id = o.id;
    this.direction = o.direction;
    this.number = o.number;
    this.ctx = o.context;
    this.state = o.direction === 'inbound' ? 'offered' : 'calling';
    this.sdp = new LegSdp(String(o.context.clock.now()), o.endpoint);
    this.startedAt = o.context.clock.now();
    this.localTag = randomHex(o.context.random, 6);
  }

  get endpoint(): EndpointInfo {
    return this.sdp.endpoint;
  }

  get live(): boolean {
    return isLive(this.state);
  }

  step(input: LegInput): LegState {
    this.state = legStep(this.state, input);
    if (this.state === 'ended') this.dispose();
    return this.state;
  }

  newBranch(): string {
    return newBranch(this.ctx.random);
  }

  newTag(): string {
    return randomHex(this.ctx.random, 6);
  }

  /**
   * A response to an INVITE from this leg's phone: the initial one (the
   * default) or a re-INVITE. A 2xx is retransmitted until the ACK.
   */
  respond(
    status: number,
    options: { toTag: string; headers?: [string, string][]; body?: Uint8Array },
    tx: ServerTransaction | null = this.inviteTx,
  ): SipResponse | null {
    if (tx === null) return null;
    const headers: [string, string][] = [...(options.headers ?? [])];
    if (options.body) headers.push(['Content-Type', 'application/sdp']);
    if (status >= 101 && status < 300) headers.push(['Contact', contactValue(this.ctx.local, null, tx.inbound.source.protocol)]);
    headers.push(['Server', this.ctx.local.userAgent]);
    try {
      const response = tx.reply(status, { toTag: options.toTag, headers, ...(options.body ? { body: options.body } : {}) });
      if (status >= 200 && status < 300 && tx.request.method === 'INVITE') {
        this.okRetransmit?.cancel();
        this.awaitingAck = true;
        this.retransmitOk(tx, response);
      }
      return response;
    } catch (error) {
      this.ctx.logger.warn('response to INVITE not sent', { leg: this.id, status, error });
      return null;
    }
  }

  /** §13.3.1.4: the 2xx is resent, T1 doubling up to T2, until the ACK; 64·T1 without one ends the call. */
  private retransmitOk(tx: ServerTransaction, response: SipResponse, interval = this.ctx.timers.t1Ms, elapsed = 0): void {
    this.okRetransmit = this.ctx.scheduler.after(interval, () => {
      if (!this.awaitingAck || this.state === 'ended') return;
      const total = elapsed + interval;
      if (total >= 64 * this.ctx.timers.t1Ms) {
        this.awaitingAck = false;
        this.onNoAck?.();
        return;
      }
      if (tx.state === 'Terminated') this.ctx.transactions.sendStateless(response, responseTarget(tx.inbound));
      else tx.respond(response);
      this.retransmitOk(tx, response, Math.min(interval * 2, this.ctx.timers.t2Ms), total);
    });
  }

  /** Set by the call: the phone never ACKed our 2xx. */
  onNoAck: (() => void) | null = null;

  receivedAck(): void {
    this.awaitingAck = false;
    this.okRetransmit?.cancel();
    this.okRetransmit = null;
    if (this.state === 'answering') this.step('ack');
  }

  /** Outbound: sends the INVITE as a client transaction. */
  sendInvite(request: SipRequest, target: SendTarget, listener: ClientTransactionListener): void {
    this.request = request;
    this.target = target;
    this.clientTx = this.ctx.transactions.sendRequest(request, target, {
      ...listener,
      onProvisional: (response) => {
        this.provisionalSeen = true;
        if (this.cancelWanted) this.sendCancel();
        else listener.onProvisional?.(response);
      },
    });
  }

  /** Outbound: ACK for a 2xx (and for each retransmission of it), outside any transaction (§13.2.2.4). */
  ack(inviteSeq: number, body?: Uint8Array, fresh = false): void {
    if (this.dialog === null) return;
    // A re-INVITE's 2xx needs its own ACK; retransmissions of one 2xx get the same ACK again.
    if (fresh || this.ackSent === null || this.ackSent.cseq()?.seq !== inviteSeq) {
      this.ackSent = this.dialog.createAck(inviteSeq, { branch: this.newBranch(), ...(body ? { body } : {}) });
    }
    this.ctx.transactions.sendStateless(this.ackSent, this.dialog.target);
  }

  /** Outbound, before the answer: CANCEL (§9.1), once a provisional response says the phone is there. */
  cancel(): void {
    if (this.direction !== 'outbound' || this.state === 'up' || !this.live) return;
    this.step('hangup');
    this.cancelWanted = true;
    if (this.provisionalSeen) this.sendCancel();
  }

  private sendCancel(): void {
    if (this.request === null || this.target === null) return;
    this.cancelWanted = false;
    const cancel = createCancel(this.request);
    this.ctx.transactions.sendRequest(cancel, this.target, { onFinal: () => {}, onTimeout: () => this.clientTx?.abandon(), onTransportError: () => {} });
  }

  /** BYE in the dialog; `done` once it is answered or given up on. */
  bye(done?: () => void, headers: [string, string][] = []): void {
    // A fork cancelled while its 2xx was on the way is 'ending' with a dialog: it still needs its BYE.
    if (this.dialog === null || this.state === 'ended' || this.byeSent) {
      done?.();
      return;
    }
    this.byeSent = true;
    this.step('hangup');
    this.request = this.dialog.createRequest('BYE', { branch: this.newBranch(), headers });
    const finish = () => {
      if (this.state !== 'ended') this.step('ended');
      done?.();
    };
    this.ctx.transactions.sendRequest(this.request, this.dialog.target, { onFinal: finish, onTimeout: finish, onTransportError: finish });
  }

  /** Any other in-dialog request (re-INVITE, NOTIFY); the listener gets its fate. */
  sendInDialog(method: string, options: { body?: Uint8Array; contentType?: string; headers?: [string, string][] }, listener: ClientTransactionListener): SipRequest | null {
    if (this.dialog === null) return null;
    const request = this.dialog.createRequest(method, { branch: this.newBranch(), ...options });
    this.ctx.transactions.sendRequest(request, this.dialog.target, listener);
    return request;
  }

  /** A timer that dies with the leg. */
  after(ms: number, task: () => void): Timer {
    const timer = this.ctx.scheduler.after(ms, task);
    this.timers.push(timer);
    return timer;
  }

  private dispose(): void {
    this.endedAt ??= this.ctx.clock.now();
    this.okRetransmit?.cancel();
    for (const t of this.timers) t.cancel();
    this.timers.length = 0;
  }
}
