/**
 * A call to a feature code. Setting codes change the caller's features, play
 * a short confirmation (three beeps; the congestion tone when the change
 * failed) and hang up; the echo test sends the caller's audio back until
 * the caller hangs up.
 */
import type { Call } from './call.ts';
import type { CallControl } from './call-control.ts';
import type { CallService } from './call-service.ts';
import type { DestinationRunner } from './destination-runner.ts';
import { CallCallerPort } from './call-caller-port.ts';
import type { FeatureCode } from './feature-codes.ts';
import type { AgentCode } from './queue-ports.ts';

const CONFIRM_MS = 1500;

export class FeatureCodeCall {
  constructor(
    private readonly s: CallService,
    private readonly control: CallControl,
    private readonly destinations: DestinationRunner,
  ) {}

  async run(call: Call, feature: FeatureCode, argument: string): Promise<void> {
    if (feature.service === 'voicemail-own' || feature.service === 'voicemail-any') {
      // *97: the caller's own mailbox (the extension that authenticated); *98: any, asked for by number.
      return this.destinations.retrieveVoicemail(call, feature.service === 'voicemail-own' ? call.from.number : null);
    }
    if (feature.service === 'echo') {
      // Bridged before the 200 goes out: a phone may send its first packet the moment it has the answer (RFC 3264 §6).
      await this.control.echo(call);
      await this.control.answer(call);
      return;
    }
    if (feature.agent) return this.agentCode(call, feature, argument);
    const ok = this.applySetting(call, feature, argument);
    if (!(await this.control.answer(call))) return;
    await this.confirm(call, ok);
  }

  /** Agent codes are the ACD's: it talks to the caller (PIN, prompts); the tone says how it went. */
  private async agentCode(call: Call, feature: FeatureCode, argument: string): Promise<void> {
    const desk = this.s.deps.agentCodes;
    if (!(await this.control.answer(call))) return;
    const port = new CallCallerPort(this.s, this.control, call);
    // The ACD talks to the caller outside the call's operation queue, so re-INVITEs go on meanwhile.
    void (async () => {
      const ok = desk ? await desk.run(feature.agent as AgentCode, call.from.number, argument, port).catch(() => false) : false;
      if (!call.ended) await call.ops.run(() => this.confirm(call, ok));
    })();
  }

  private async confirm(call: Call, ok: boolean): Promise<void> {
    const result = await Promise.race([
      this.control.play(call, { kind: 'tone', plan: this.s.deps.tonePlan, tone: ok ? 'confirm' : 'congestion' }),
      new Promise<'timeout'>((resolve) => call.caller.after(CONFIRM_MS, () => resolve('timeout'))),
    ]);
    if (result !== 'hung-up') this.control.hangup(call, ok ? 'feature_applied' : 'feature_failed');
  }

  private applySetting(call: Call, feature: FeatureCode, argument: string): boolean {
    const ext = this.s.extension(call.from.number);
    if (ext === null || !feature.apply) return false;
    try {
      this.s.deps.features.update(ext.id, feature.apply(argument));
      this.s.ctx.logger.info('feature code applied', { extension: ext.number, code: feature.code });
      return true;
    } catch (error) {
      this.s.ctx.logger.warn('feature code failed', { extension: call.from.number, code: feature.code, error });
      return false;
    }
  }
}
