/**
 * A call from a carrier: the blacklist before anything else (rejected,
 * told so, or hung up on), then the inbound route for the number dialled —
 * with the recording notice first where the route asks for it — and on to
 * its destinations, tried in turn.
 */
import type { Call } from './call.ts';
import { CallCallerPort } from './call-caller-port.ts';
import type { CallService } from './call-service.ts';
import type { DestinationRunner } from './destination-runner.ts';

export const RECORDING_NOTICE = { zh: '为了保证服务质量，您的通话可能会被录音。', en: 'This call may be recorded for quality purposes.' };
export const BLOCKED_NOTICE = { zh: '对不起，您的来电无法接通。', en: 'Sorry, your call cannot be connected.' };

export class TrunkInbound {
  constructor(
    private readonly s: CallService,
    private readonly runner: DestinationRunner,
  ) {}

  async route(call: Call, trunk: string): Promise<void> {
    const decision = this.s.deps.routing?.inbound(call.to, call.from.number) ?? { kind: 'none' as const };
    const log = this.s.ctx.logger;
    if (decision.kind === 'blocked') {
      log.info('blacklisted caller', { call: call.id, trunk, caller: call.from.number, action: decision.action });
      call.settle('failed', 'caller_blacklisted');
      if (decision.action === 'reject') return this.s.hangup(call, { cause: 'caller_blacklisted', disposition: 'failed', status: 603 });
      if (decision.action === 'play') await this.announce(call, decision.prompt === null ? BLOCKED_NOTICE : { zh: decision.prompt, en: decision.prompt });
      else await this.s.control.answer(call);
      return this.s.hangup(call, { cause: 'caller_blacklisted' });
    }
    if (decision.kind === 'none') {
      log.info('no inbound route', { call: call.id, trunk, did: call.to });
      return this.s.hangup(call, { cause: 'no_inbound_route', disposition: 'failed', status: 404 });
    }
    if (decision.announceRecording && !(await this.announce(call, RECORDING_NOTICE))) return;
    await this.runner.go(call, decision.destinations);
  }

  /** Answers and plays a notice; false when the caller went away meanwhile. */
  private async announce(call: Call, text: { zh: string; en: string }): Promise<boolean> {
    if (!(await this.s.control.answer(call))) return false;
    const files = (await this.s.deps.prompts?.files(text).catch(() => [])) ?? [];
    const outcome = await new CallCallerPort(this.s, this.s.control, call).play(files);
    return outcome !== 'hung-up' && !call.ended;
  }
}
