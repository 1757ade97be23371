/**
 * Ringing an extension for a call, with what users set on it: forward all,
 * do-not-disturb (treated as busy), call waiting off (busy when already in a
 * call), forward on busy, forward on no answer (also when no phone is
 * registered). The first phone to answer is bridged to the caller and the
 * recording starts.
 */
import type { SipResponse } from '../../sip/index.ts';
import { answeredCodec, configureFromAnswer } from './callee-media.ts';
import { answerCaller } from './caller-answer.ts';
import type { Call } from './call.ts';
import type { CallFeatures } from './call-features-repository.ts';
import type { CallService } from './call-service.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import { TrunkDialler } from './trunk-dialler.ts';
import type { OutboundDecision } from './call-routing.ts';
import { DestinationRunner } from './destination-runner.ts';
import type { Leg } from './leg.ts';
import { OUTCOME_DISPOSITION, OUTCOME_STATUS, type RingOutcome } from './ring-outcome.ts';
import { decideAsUac } from './session-timer-policy.ts';

/** Forwarding hops one call may take before the box stops following them. */
const MAX_FORWARD_HOPS = 3;

/** What to try when ringing fails (the next destination of a list); absent: the call ends with the ring's outcome. */
export type RingFallback = (() => Promise<void>) | undefined;

export class Ringing {
  private readonly ringers = new Map<Call, { cancelAll(): void }>();
  /** Where a call goes next (voicemail on no answer here; routes, IVRs and queues for the INVITE handler). */
  readonly destinations: DestinationRunner;

  constructor(private readonly s: CallService) {
    this.destinations = new DestinationRunner(s, this);
  }

  stop(call: Call): void {
    this.ringers.get(call)?.cancelAll();
    this.ringers.delete(call);
  }

  /** `ringTimeoutMs`: how long the phone rings here (a queue's ring timeout), when not its own no-answer setting. */
  async ring(call: Call, number: string, hops: number, fallback?: RingFallback, ringTimeoutMs?: number): Promise<void> {
    if (call.ended) return;
    const ext = this.s.extension(number);
    if (ext === null) {
      if (fallback) return fallback();
      this.s.hangup(call, { cause: 'no_such_number', disposition: 'failed', status: 404 });
      return;
    }
    const features = this.s.deps.features.get(ext.id);
    if (features.forward_always) return this.forward(call, number, features.forward_always, hops, fallback);
    if (features.dnd) return this.outcome(call, number, 'busy', features, hops, 'callee_dnd', fallback);
    if (!features.call_waiting && this.s.isBusy(number)) return this.outcome(call, number, 'busy', features, hops, 'callee_busy', fallback);
    const bindings = this.s.deps.location.lookup(number);
    if (bindings.length === 0) return this.outcome(call, number, 'unavailable', features, hops, 'callee_unregistered', fallback);
    await this.ringback(call);
    const ringer = new ExtensionRinger(this.s.ctx, {
      onFork: (leg) => this.s.track(call, leg),
      onRinging: (leg, response) => void call.ops.run(() => this.ringingResponse(call, leg, response)),
      onAnswer: (leg, response) => void call.ops.run(() => this.connect(call, leg, response)),
      onFailed: (outcome) => {
        this.ringers.delete(call);
        void call.ops.run(() => this.outcome(call, number, outcome, features, hops, `callee_${outcome}`, fallback));
      },
    });
    this.ringers.set(call, ringer);
    await ringer.start({
      number,
      bindings,
      from: call.from,
      codecs: call.codecs,
      maxForwards: call.maxForwards,
      ringTimeoutMs: features.forward_no_answer ? features.no_answer_s * 1000 : (ringTimeoutMs ?? this.s.deps.maxRingMs),
    });
  }

  /** Rings a number outside the box through the trunks its outbound route names, in failover order. */
  async ringOut(call: Call, number: string, o: { permittedAs: string | null; fallback?: RingFallback; decision?: OutboundDecision }): Promise<void> {
    if (call.ended) return;
    // The INVITE handler has routed a phone's call already (to refuse it before a call existed).
    const decision = o.decision ?? this.s.deps.routing?.outbound(number, o.permittedAs) ?? { ok: false, status: 404, reason: 'no outbound route' };
    const refused = (cause: string, status: number) => (o.fallback ? o.fallback() : this.s.hangup(call, { cause, disposition: 'failed', status }));
    if (!decision.ok) {
      this.s.ctx.logger.info('outbound call refused', { call: call.id, number, reason: decision.reason });
      return refused(decision.status === 403 ? 'outbound_not_permitted' : 'no_outbound_route', decision.status);
    }
    await this.ringback(call);
    const dialler = new TrunkDialler(this.s, call, {
      number: decision.number,
      trunks: decision.trunks,
      onRinging: (leg, response) => void call.ops.run(() => this.ringingResponse(call, leg, response)),
      onAnswer: (leg, response) => void call.ops.run(() => this.connect(call, leg, response)),
      onFailed: (outcome, cause) => {
        this.ringers.delete(call);
        void call.ops.run(async () => {
          if (call.ended) return;
          if (o.fallback) return o.fallback();
          this.s.hangup(call, { cause, disposition: OUTCOME_DISPOSITION[outcome], status: OUTCOME_STATUS[outcome] });
        });
      },
    });
    this.ringers.set(call, dialler);
    await dialler.start();
  }

  /** A caller the box already answered (an IVR, an announcement) hears ringback while a phone rings. */
  private async ringback(call: Call): Promise<void> {
    if (call.answeredAt === null || call.ended) return;
    await this.s.ctx.media.play(call.caller.endpoint.id, { kind: 'tone', plan: this.s.deps.tonePlan, tone: 'ringback' }).catch(() => {});
  }

  private async outcome(call: Call, number: string, outcome: RingOutcome, f: CallFeatures, hops: number, cause: string, fallback?: RingFallback): Promise<void> {
    if (call.ended) return;
    const forwardTo = outcome === 'busy' ? f.forward_busy : outcome === 'failed' ? null : f.forward_no_answer;
    if (forwardTo) return this.forward(call, number, forwardTo, hops, fallback);
    if (fallback) return fallback();
    if (outcome !== 'failed' && this.s.deps.voicemail?.takesUnanswered(number)) {
      call.settle(OUTCOME_DISPOSITION[outcome], cause);
      return this.destinations.go(call, [{ voicemail: number }]);
    }
    this.s.hangup(call, { cause, disposition: OUTCOME_DISPOSITION[outcome], status: OUTCOME_STATUS[outcome] });
  }

  private async forward(call: Call, from: string, to: string, hops: number, fallback?: RingFallback): Promise<void> {
    call.forwardedVia.push(from);
    if (hops >= MAX_FORWARD_HOPS || to === call.from.number || call.forwardedVia.includes(to)) {
      this.s.hangup(call, { cause: 'forward_loop', disposition: 'failed', status: 482 });
      return;
    }
    this.s.ctx.logger.info('call forwarded', { call: call.id, from, to });
    // A number that is not an extension goes out through a trunk, as the forwarding extension may dial it.
    if (this.s.extension(to) === null) return this.ringOut(call, to, { permittedAs: from, fallback });
    await this.ring(call, to, hops + 1, fallback);
  }

  /** A ringer (a queue's agent ringer) to cancel when the call ends or moves on. */
  hold(call: Call, ringer: { cancelAll(): void }): void {
    this.ringers.set(call, ringer);
  }

  release(call: Call): void {
    this.ringers.delete(call);
  }

  async ringingResponse(call: Call, leg: Leg, response: SipResponse): Promise<void> {
    if (call.ended || call.answeredAt !== null) return;
    this.s.ctx.bus.publish('call.ringing', { call_id: call.id, extension: leg.number });
    const hasSdp = response.body.length > 0 && call.earlyFrom === null;
    if (hasSdp && (await configureFromAnswer(this.s.ctx.media, leg, response))) {
      // Early media (183 with SDP): the caller hears the callee side's announcements or ringback.
      call.earlyFrom = leg;
      await this.s.ctx.media.bridge(call.caller.endpoint.id, leg.endpoint.id);
      await answerCaller(this.s, call, answeredCodec(leg, response), 183);
      return;
    }
    if (call.caller.state === 'offered' || call.caller.state === 'early') {
      if (call.caller.state === 'offered') call.caller.step('provisional');
      call.caller.respond(180, { toTag: call.caller.localTag });
    }
  }

  /** A phone rung for the call answered: bridged to the caller (answered now if it was not yet), recorded and announced. */
  async connect(call: Call, leg: Leg, response: SipResponse): Promise<void> {
    this.ringers.delete(call);
    if (call.ended) {
      leg.bye();
      return;
    }
    this.s.track(call, leg);
    if (!(await configureFromAnswer(this.s.ctx.media, leg, response))) {
      leg.bye();
      this.s.hangup(call, { cause: 'bad_answer_from_callee', disposition: 'failed', status: 502 });
      return;
    }
    this.s.sessionTimers.set(call, leg, decideAsUac(response, this.s.ctx.timers.sessionExpiresS));
    // Bridged before the caller's 200: the caller may send the moment it has the answer (RFC 3264 §6).
    await this.s.ctx.media.bridge(call.caller.endpoint.id, leg.endpoint.id);
    leg.partner = call.caller;
    call.caller.partner = leg;
    // A caller the box answered already (IVR, announcement) keeps its dialog; the engine transcodes if codecs differ.
    if (call.answeredAt === null && !(await answerCaller(this.s, call, answeredCodec(leg, response), 200))) {
      leg.bye();
      return;
    }
    const now = this.s.ctx.clock.now();
    call.answeredBy = leg;
    call.answeredAt ??= now;
    call.disposition = 'answered';
    await this.s.deps.recorder.start(call, call.caller, leg);
    this.s.inCall.watch(call, call.caller);
    this.s.inCall.watch(call, leg);
    this.s.ctx.bus.publish('call.answered', { call_id: call.id, from: call.from.number, to: call.to, agent: leg.number });
  }
}
