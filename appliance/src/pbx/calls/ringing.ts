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
import type { Leg } from './leg.ts';
import { OUTCOME_DISPOSITION, OUTCOME_STATUS, type RingOutcome } from './ring-outcome.ts';
import { decideAsUac } from './session-timer-policy.ts';

/** Forwarding hops one call may take before the box stops following them. */
const MAX_FORWARD_HOPS = 3;

export class Ringing {
  private readonly ringers = new Map<Call, ExtensionRinger>();

  constructor(private readonly s: CallService) {}

  stop(call: Call): void {
    this.ringers.get(call)?.cancelAll();
    this.ringers.delete(call);
  }

  async ring(call: Call, number: string, hops: number): Promise<void> {
    if (call.ended) return;
    const ext = this.s.extension(number);
    if (ext === null) {
      this.s.hangup(call, { cause: 'no_such_number', disposition: 'failed', status: 404 });
      return;
    }
    const features = this.s.deps.features.get(ext.id);
    if (features.forward_always) return this.forward(call, number, features.forward_always, hops);
    if (features.dnd) return this.outcome(call, number, 'busy', features, hops, 'callee_dnd');
    if (!features.call_waiting && this.s.isBusy(number)) return this.outcome(call, number, 'busy', features, hops, 'callee_busy');
    const bindings = this.s.deps.location.lookup(number);
    if (bindings.length === 0) return this.outcome(call, number, 'unavailable', features, hops, 'callee_unregistered');
    const ringer = new ExtensionRinger(this.s.ctx, {
      onFork: (leg) => this.s.track(call, leg),
      onRinging: (leg, response) => void call.ops.run(() => this.ringingResponse(call, leg, response)),
      onAnswer: (leg, response) => void call.ops.run(() => this.answered(call, leg, response)),
      onFailed: (outcome) => {
        this.ringers.delete(call);
        void call.ops.run(() => this.outcome(call, number, outcome, features, hops, `callee_${outcome}`));
      },
    });
    this.ringers.set(call, ringer);
    await ringer.start({
      number,
      bindings,
      from: call.from,
      codecs: call.codecs,
      maxForwards: call.maxForwards,
      ringTimeoutMs: features.forward_no_answer ? features.no_answer_s * 1000 : this.s.deps.maxRingMs,
    });
  }

  private async outcome(call: Call, number: string, outcome: RingOutcome, f: CallFeatures, hops: number, cause: string): Promise<void> {
    if (call.ended) return;
    const forwardTo = outcome === 'busy' ? f.forward_busy : outcome === 'failed' ? null : f.forward_no_answer;
    if (forwardTo) return this.forward(call, number, forwardTo, hops);
    this.s.hangup(call, { cause, disposition: OUTCOME_DISPOSITION[outcome], status: OUTCOME_STATUS[outcome] });
  }

  private async forward(call: Call, from: string, to: string, hops: number): Promise<void> {
    call.forwardedVia.push(from);
    if (hops >= MAX_FORWARD_HOPS || to === call.from.number || call.forwardedVia.includes(to)) {
      this.s.hangup(call, { cause: 'forward_loop', disposition: 'failed', status: 482 });
      return;
    }
    if (this.s.extension(to) === null) {
      // External numbers need an outbound trunk route, which this box does not have yet.
      this.s.hangup(call, { cause: 'forward_target_unreachable', disposition: 'failed', status: 480 });
      return;
    }
    this.s.ctx.logger.info('call forwarded', { call: call.id, from, to });
    await this.ring(call, to, hops + 1);
  }

  private async ringingResponse(call: Call, leg: Leg, response: SipResponse): Promise<void> {
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

  private async answered(call: Call, leg: Leg, response: SipResponse): Promise<void> {
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
    if (!(await answerCaller(this.s, call, answeredCodec(leg, response), 200))) {
      leg.bye();
      return;
    }
    const now = this.s.ctx.clock.now();
    call.answeredBy = leg;
    call.answeredAt = now;
    call.disposition = 'answered';
    await this.s.deps.recorder.start(call, call.caller, leg);
    this.s.inCall.watch(call, call.caller);
    this.s.inCall.watch(call, leg);
    this.s.ctx.bus.publish('call.answered', { call_id: call.id, from: call.from.number, to: call.to, agent: leg.number });
  }
}
