/**
 * Rings a queue's agents for a waiting caller: each extension's phones at
 * once (every registered contact), several extensions at once for ring-all.
 * Unlike a call to an extension, an agent's forwarding, voicemail and
 * do-not-disturb are not followed — the ACD chose this agent and moves on
 * by itself when nobody answers. The caller keeps hearing hold music while
 * phones ring; the first agent to answer is bridged to the caller.
 */
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { AgentRingRequest, AgentRingResult } from './queue-ports.ts';
import type { RingOutcome } from './ring-outcome.ts';
import type { Ringing } from './ringing.ts';

/** RFC 5373-style hint most desk phones (Yealink, Grandstream, Fanvil, Snom) honour for intercom answer. */
const AUTO_ANSWER_HEADERS: [string, string][] = [
  ['Call-Info', 'answer-after=0'],
  ['Alert-Info', 'info=alert-autoanswer'],
];

export class AgentRinger {
  constructor(
    private readonly s: CallService,
    private readonly ringing: Ringing,
  ) {}

  ring(call: Call, r: AgentRingRequest): Promise<AgentRingResult> {
    if (call.ended) return Promise.resolve({ outcome: 'caller-gone' });
    return new Promise<AgentRingResult>((resolve) => {
      const failed: Record<string, RingOutcome> = {};
      const ringers: ExtensionRinger[] = [];
      let settled = false;
      const settle = (result: AgentRingResult) => {
        if (settled) return;
        settled = true;
        removeEnd();
        this.ringing.release(call);
        resolve(result);
      };
      const removeEnd = call.onEnd(() => settle({ outcome: 'caller-gone' }));
      const group = {
        cancelAll: () => {
          for (const ringer of ringers) ringer.cancelAll();
        },
      };
      this.ringing.hold(call, group);
      const pending = new Set(r.extensions);
      const failOne = (extension: string, outcome: RingOutcome) => {
        failed[extension] = outcome;
        pending.delete(extension);
        if (pending.size === 0) settle({ outcome: 'failed', byExtension: failed });
      };
      for (const extension of r.extensions) {
        const bindings = this.s.extension(extension) === null ? [] : this.s.deps.location.lookup(extension);
        if (bindings.length === 0) {
          failOne(extension, 'unavailable');
          continue;
        }
        const ringer = new ExtensionRinger(this.s.ctx, {
          onFork: (leg) => this.s.track(call, leg),
          onRinging: (leg) => {
            if (!call.ended) this.s.ctx.bus.publish('call.ringing', { call_id: call.id, extension: leg.number });
          },
          onAnswer: (leg, response) => {
            for (const other of ringers) if (other !== ringer) other.cancelAll();
            void call.ops.run(async () => {
              await this.ringing.connect(call, leg, response);
              settle(call.answeredBy === leg ? { outcome: 'answered', extension } : { outcome: 'caller-gone' });
            });
          },
          onFailed: (outcome) => failOne(extension, outcome),
        });
        ringers.push(ringer);
        const headers: [string, string][] = [];
        if (r.alertInfo) headers.push(['Alert-Info', r.alertInfo]);
        if (r.autoAnswer.includes(extension)) headers.push(...AUTO_ANSWER_HEADERS);
        const name = `${r.callerIdPrefix}${call.from.name ?? call.from.number}`;
        void ringer
          .start({
            number: extension,
            bindings,
            from: { number: call.from.number, name: name === call.from.number && r.callerIdPrefix === '' ? call.from.name : name },
            codecs: call.codecs,
            maxForwards: call.maxForwards,
            ringTimeoutMs: r.timeoutMs,
            headers,
          })
          .catch((error) => {
            this.s.ctx.logger.warn('agent ringing failed', { call: call.id, extension, error });
            failOne(extension, 'failed');
          });
      }
    });
  }
}
