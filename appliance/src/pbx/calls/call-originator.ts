/**
 * Calls the box places itself, agent first: the agent's phone is rung
 * (answering at once when asked), and once the agent is on the line the
 * box dials the customer — out through the trunks, or an extension — with
 * the agent hearing ringback. A queue's callbacks (回呼) use it; the
 * dialer will too. The agent's leg plays the caller's part in the call,
 * so hang-ups, transfers and the record work as for any call.
 */
import { PCMA, PCMU, randomHex } from '../../sip/index.ts';
import { Call, type CallParty } from './call.ts';
import { configureFromAnswer } from './callee-media.ts';
import type { CallService } from './call-service.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { Leg } from './leg.ts';
import type { OriginateRequest, OriginateResult } from './queue-ports.ts';
import type { Ringing } from './ringing.ts';
import { decideAsUac } from './session-timer-policy.ts';

/** What the box offers the agent's phone: both G.711 laws (the customer's side is transcoded if it differs). */
const CODECS = [PCMA, PCMU];

export class CallOriginator {
  constructor(
    private readonly s: CallService,
    private readonly ringing: Ringing,
  ) {}

  originate(r: OriginateRequest): Promise<OriginateResult> {
    const bindings = this.s.extension(r.agentExtension) === null ? [] : this.s.deps.location.lookup(r.agentExtension);
    if (bindings.length === 0) return Promise.resolve({ outcome: 'agent-failed', callId: null });
    return new Promise<OriginateResult>((resolve) => {
      const ringer = new ExtensionRinger(this.s.ctx, {
        onFork: () => {},
        onRinging: () => {},
        onFailed: () => resolve({ outcome: 'agent-failed', callId: null }),
        onAnswer: (leg, response) => void this.agentAnswered(leg, response, r).then(resolve),
      });
      void ringer.start({
        number: r.agentExtension,
        bindings,
        // The agent's phone shows whom the box is about to call.
        from: { number: r.number, name: `${r.displayPrefix}${r.number}` },
        codecs: CODECS,
        maxForwards: 70,
        ringTimeoutMs: r.timeoutMs,
        headers: r.autoAnswer ? [['Call-Info', 'answer-after=0']] : [],
      });
    });
  }

  private async agentAnswered(leg: Leg, response: Parameters<typeof configureFromAnswer>[2], r: OriginateRequest): Promise<OriginateResult> {
    if (!(await configureFromAnswer(this.s.ctx.media, leg, response))) {
      leg.bye();
      return { outcome: 'agent-failed', callId: null };
    }
    const from: CallParty = { number: r.agentExtension, name: this.s.extension(r.agentExtension)?.name ?? null };
    const now = this.s.ctx.clock.now();
    const call = new Call(randomHex(this.s.ctx.random, 16), leg.request?.callId() ?? randomHex(this.s.ctx.random, 16), from, r.number, leg, now, (error) =>
      this.s.ctx.logger.error('call operation failed', { error, call: call.id }),
    );
    // Answered from the start: the agent is on the line, so the box never answers "the caller" itself.
    call.answeredAt = now;
    call.queue = r.queue;
    call.codecs = [...CODECS];
    this.s.calls.set(call.id, call);
    this.s.track(call, leg);
    this.s.sessionTimers.set(call, leg, decideAsUac(response, this.s.ctx.timers.sessionExpiresS));
    this.s.ctx.bus.publish('call.started', { call_id: call.id, from: r.agentExtension, to: r.number });
    const connected = new Promise<OriginateResult>((resolve) => {
      const check = () => resolve({ outcome: call.answeredBy !== null && !call.ended ? 'connected' : 'customer-failed', callId: call.id });
      const off = this.s.ctx.bus.subscribe((event) => {
        if ((event.name === 'call.answered' || event.name === 'call.ended') && (event.data as { call_id: string }).call_id === call.id) {
          off();
          check();
        }
      });
    });
    await call.ops.run(() =>
      this.s.extension(r.number) !== null ? this.ringing.ring(call, r.number, 0) : this.ringing.ringOut(call, r.number, { permittedAs: null }),
    );
    return connected;
  }
}
