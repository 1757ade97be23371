/**
 * The B2BUA: every call through the box is two (or more) dialogs the box
 * holds itself — the caller's and each phone it rings — with media anchored
 * in the engine. This class keeps the live calls and their legs by dialog,
 * takes SIP requests for them from the dispatcher, and ends calls: BYEs to
 * the legs still up, media released, the recording finished and the CDR
 * committed before the phone that hung up is told so.
 */
import type { Extension, ExtensionsRepository } from '../extensions-repository.ts';
import type { LocationService } from '../registrar/index.ts';
import type { CdrWriter, Disposition } from '../../reports/index.ts';
import { type DigestClient, dialogId, type InboundRequest, type InboundResponse, negotiatedMedia, type ServerTransaction } from '../../sip/index.ts';
import { parseBody, streamConfig } from './leg-sdp.ts';
import type { MediaEngineStats, TonePlanName } from '../../media/index.ts';
import type { Call } from './call.ts';
import type { CallPrompts, CallRouting, IvrLauncher, TrunkAccess, VoicemailDesk } from './call-routing.ts';
import type { AgentCodes, QueueDesk } from './queue-ports.ts';
import type { CallContext } from './call-context.ts';
import type { CallFeaturesRepository } from './call-features-repository.ts';
import type { CallRecorder } from './call-recorder.ts';
import { buildCdr } from './cdr-record.ts';
import { CallControl } from './call-control.ts';
import { CallMonitor } from './call-monitor.ts';
import { CallOriginator } from './call-originator.ts';
import { InCallFeatures } from './in-call-features.ts';
import { ExtensionLookup } from './extension-lookup.ts';
import { MediaEvents } from './media-events.ts';
import { InDialogHandler } from './in-dialog-handler.ts';
import type { InviteAuthenticator } from './invite-authenticator.ts';
import { InviteHandler } from './invite-handler.ts';
import type { Leg } from './leg.ts';
import { SessionTimers } from './session-timers.ts';
import { TransferHandler } from './transfer-handler.ts';

export interface CallServiceDeps {
  ctx: CallContext;
  location: LocationService;
  extensions: ExtensionsRepository;
  features: CallFeaturesRepository;
  authenticator: InviteAuthenticator;
  cdr: CdrWriter;
  recorder: CallRecorder;
  tonePlan: TonePlanName;
  /** Music on hold, a WAV path; null plays the hold tone. */
  musicOnHold: string | null;
  /** Longest a phone rings when no forward-on-no-answer is set, ms. */
  maxRingMs: number;
  /** Routing, trunks, IVR and voicemail: absent on a box (or a test) without them. */
  routing?: CallRouting;
  trunks?: TrunkAccess;
  ivr?: IvrLauncher;
  voicemail?: VoicemailDesk;
  prompts?: CallPrompts;
  /** Answers carriers' 401/407 on outbound INVITEs. */
  digest?: DigestClient;
  /** Queues (the ACD) and agents' feature codes; absent on a box without them. */
  queues?: QueueDesk;
  agentCodes?: AgentCodes;
}

export interface LiveCall {
  id: string;
  from: string;
  to: string;
  state: 'ringing' | 'answered';
  started_at: string;
  answered_at: string | null;
  legs: { id: string; number: string; direction: 'inbound' | 'outbound'; state: string; rtp_port: number }[];
}

export class CallService {
  readonly calls = new Map<string, Call>();
  private readonly legs = new Map<string, { leg: Leg; call: Call }>();
  private readonly invites: InviteHandler;
  private readonly inDialog: InDialogHandler;
  readonly transfers: TransferHandler;
  readonly events: MediaEvents;
  readonly control: CallControl;
  readonly inCall: InCallFeatures;
  readonly sessionTimers: SessionTimers;
  /** Supervisors' listen, whisper, barge, take-over and hang-up. */
  readonly monitor: CallMonitor;
  /** Calls the box places, agent first (callbacks). */
  readonly originator: CallOriginator;
  private readonly extensions: ExtensionLookup;
  private stopping = false;

  constructor(readonly deps: CallServiceDeps) {
    this.events = new MediaEvents(deps.ctx.bus);
    this.extensions = new ExtensionLookup(deps.extensions, deps.ctx.bus);
    deps.ctx.media.onEvent((event) => this.events.handle(event));
    this.control = new CallControl(this);
    this.inCall = new InCallFeatures(this);
    // RFC 4028 §10: the side that notices the expiry sends BYE, to the silent leg too (it may only have lost its refresh).
    this.sessionTimers = new SessionTimers(deps.ctx, (call) => this.hangup(call, { cause: 'session_timer_expired' }));
    this.invites = new InviteHandler(this);
    this.inDialog = new InDialogHandler(this);
    this.transfers = new TransferHandler(this);
    this.monitor = new CallMonitor(this);
    this.originator = new CallOriginator(this, this.invites.ringing);
  }

  get ctx(): CallContext {
    return this.deps.ctx;
  }

  /** A new INVITE (no To tag) or any request inside a dialog of a call. */
  onRequest(tx: ServerTransaction): void {
    const request = tx.request;
    if (request.method === 'CANCEL') {
      this.invites.cancel(tx);
      return;
    }
    if (request.toTag() === null && request.method === 'INVITE') {
      if (this.stopping) tx.reply(503, { toTag: 'stopping', headers: [['Retry-After', '10']] });
      else this.invites.newCall(tx);
      return;
    }
    const found = this.find(tx.inbound);
    if (!found) {
      tx.reply(481, { reason: 'Call/Transaction Does Not Exist' });
      return;
    }
    this.inDialog.handle(found.call, found.leg, tx);
  }

  /** The ACK for the box's 2xx (a caller's leg now up), or a retransmission of it. */
  onAck(ack: InboundRequest): void {
    const found = this.find(ack);
    if (!found) return;
    if (found.call.offer === null && found.leg === found.call.caller && found.leg.state === 'answering') {
      void found.call.ops.run(() => this.answerInAck(found.call, ack));
    }
    found.leg.receivedAck();
    this.sessionTimers.onAck(found.call, found.leg);
  }

  /** A 2xx retransmitted after its INVITE transaction ended (Timer M): ACK it again (§13.2.2.4). */
  onStrayResponse(inbound: InboundResponse): boolean {
    const m = inbound.message;
    if (m.status < 200 || m.status >= 300 || m.cseq()?.method !== 'INVITE') return false;
    const found = this.legs.get(dialogId(m.callId() ?? '', m.fromTag() ?? '', m.toTag() ?? ''));
    if (!found) return false;
    found.leg.ack(m.cseq()?.seq ?? 0);
    return true;
  }

  private find(inbound: InboundRequest): { leg: Leg; call: Call } | undefined {
    const m = inbound.message;
    return this.legs.get(dialogId(m.callId() ?? '', m.toTag() ?? '', m.fromTag() ?? ''));
  }

  /** The caller's answer to the offer in our 2xx (an INVITE without SDP); without one the call cannot go on (§13.2.1). */
  private async answerInAck(call: Call, ack: InboundRequest): Promise<void> {
    const offer = call.caller.sdp.current();
    const answer = ack.message.body.length > 0 ? parseBody(ack.message.body) : null;
    const negotiated = offer && answer?.ok ? negotiatedMedia(offer, answer.value, 'offerer') : null;
    if (negotiated === null) {
      this.hangup(call, { cause: 'no_answer_in_ack', disposition: 'failed' });
      return;
    }
    await this.ctx.media.configure(call.caller.endpoint.id, streamConfig(negotiated));
  }

  findLeg(id: string): { leg: Leg; call: Call } | undefined {
    return this.legs.get(id);
  }

  /** Files a leg under its dialog once it has one, so in-dialog requests find it. */
  track(call: Call, leg: Leg): void {
    call.add(leg);
    this.events.own(call, leg);
    if (leg.dialog) this.legs.set(leg.dialog.id, { leg, call });
  }

  untrack(leg: Leg): void {
    if (leg.dialog) this.legs.delete(leg.dialog.id);
  }

  isBusy(number: string): boolean {
    for (const call of this.calls.values()) {
      if (call.ended) continue;
      if (call.legs.some((l) => l.number === number && l.live && (l.state === 'up' || l.state === 'answering'))) return true;
    }
    return false;
  }

  extension(number: string): Extension | null {
    const ext = this.extensions.find(number);
    return ext?.enabled ? ext : null;
  }

  /**
   * Ends the call: every other live leg is released (BYE once up, CANCEL
   * while ringing, a final response to an unanswered caller), media freed,
   * recording finished, and the CDR committed; then `done` (the 200 to the
   * BYE that ended it) runs.
   */
  hangup(call: Call, o: { cause: string; from?: Leg; disposition?: Disposition; status?: number; done?: () => void }): void {
    if (call.ended) {
      o.done?.();
      return;
    }
    call.ended = true;
    call.settle(o.disposition ?? (call.answeredAt === null ? 'abandoned' : 'answered'), o.cause);
    const now = this.ctx.clock.now();
    for (const leg of call.legs) {
      if (leg === o.from) {
        if (leg.state !== 'ended') leg.step('ended');
        leg.cause ??= o.cause;
        continue;
      }
      leg.cause ??= o.cause;
      if (!leg.live) continue;
      if (leg.direction === 'inbound' && leg.dialog === null) {
        leg.respond(o.status ?? 487, { toTag: leg.newTag() });
        leg.step('ended');
      } else if (leg.direction === 'outbound' && leg.state !== 'up') leg.cancel();
      else leg.bye();
    }
    for (const leg of call.legs) leg.endedAt ??= now;
    try {
      call.notifyEnded();
    } catch (error) {
      this.ctx.logger.error('call end listener failed', { error, call: call.id });
    }
    void this.finish(call, now, o.done);
  }

  private async finish(call: Call, endedAt: number, done?: () => void): Promise<void> {
    const media = this.ctx.media;
    try {
      this.sessionTimers.forget(call);
      const recording = await this.deps.recorder.stop(call).catch((error) => {
        this.ctx.logger.error('recording did not finish', { error, call: call.id });
        return { saved: Promise.resolve() };
      });
      for (const leg of call.legs) {
        this.untrack(leg);
        this.events.release(leg);
        void media.destroy(leg.endpoint.id).catch(() => {});
      }
      const cdr = buildCdr(call, endedAt);
      // Queued together, so the recording's row and the record share one commit.
      const [cdrId] = await Promise.all([this.deps.cdr.write(cdr), recording.saved]);
      this.ctx.bus.publish('call.ended', { call_id: call.id, cdr_id: cdrId, disposition: cdr.disposition, cause: cdr.hangup_cause ?? '' });
    } catch (error) {
      this.ctx.logger.error('call record not written', { error, call: call.id });
    } finally {
      this.calls.delete(call.id);
      done?.();
    }
  }

  list(): LiveCall[] {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return [...this.calls.values()].map((call) => ({
      id: call.id,
      from: call.from.number,
      to: call.to,
      state: call.answeredAt === null ? 'ringing' : 'answered',
      started_at: iso(call.startedAt) as string,
      answered_at: iso(call.answeredAt),
      legs: call.legs.map((l) => ({ id: l.id, number: l.number, direction: l.direction, state: l.state, rtp_port: l.endpoint.port })),
    }));
  }

  mediaStats(): Promise<MediaEngineStats> {
    return this.ctx.media.engineStats();
  }

  /** Hangs up one call (an administrator's action). */
  hangupById(id: string): boolean {
    const call = this.calls.get(id);
    if (!call) return false;
    call.ops.run(() => this.hangup(call, { cause: 'admin_hangup' }));
    return true;
  }

  /** Shutdown: new calls refused, every call ended and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    const pending = [...this.calls.values()].map(
      (call) => new Promise<void>((resolve) => this.hangup(call, { cause: 'system_shutdown', status: 503, done: resolve })),
    );
    await Promise.race([Promise.all(pending), Bun.sleep(3000)]);
    this.deps.cdr.flush();
  }
}
