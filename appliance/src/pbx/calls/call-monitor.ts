/**
 * Supervisors in live calls (监听 / 密语 / 强插 / 接管 / 强拆). The box rings
 * the supervisor's phone (asking it to answer at once) and mixes the three
 * parties in the media engine, each hearing only whom the mode allows:
 *
 *   mode     caller hears   agent hears          supervisor hears
 *   listen   agent          caller               caller + agent
 *   whisper  agent          caller + supervisor  caller + agent
 *   barge    agent + sup.   caller + supervisor  caller + agent
 *
 * Caller and agent stay each other's partners, so either hanging up ends
 * the call as before; the supervisor hanging up just leaves the mix.
 */
import type { Call } from './call.ts';
import { configureFromAnswer } from './callee-media.ts';
import type { CallService } from './call-service.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { Leg } from './leg.ts';
import type { MonitorMode, SupervisorControl } from './queue-ports.ts';
import { decideAsUac } from './session-timer-policy.ts';

const RING_MS = 30_000;

/** Who hears whom, as indices into [caller, agent, supervisor]. */
const HEARS: Record<MonitorMode, number[][]> = {
  listen: [[1], [0], [0, 1]],
  whisper: [[1], [0, 2], [0, 1]],
  barge: [[1, 2], [0, 2], [0, 1]],
};

interface Monitoring {
  supervisor: Leg;
  mode: MonitorMode;
}

export class CallMonitor implements SupervisorControl {
  private readonly monitoring = new WeakMap<Call, Monitoring>();

  constructor(private readonly s: CallService) {}

  exists(callId: string): boolean {
    const call = this.s.calls.get(callId);
    return call !== undefined && !call.ended;
  }

  async monitor(callId: string, extension: string, mode: MonitorMode): Promise<boolean> {
    const call = this.s.calls.get(callId);
    const pair = call ? this.parties(call) : null;
    if (!call || !pair || this.monitoring.get(call)?.supervisor.live || this.s.extension(extension) === null) return false;
    const bindings = this.s.deps.location.lookup(extension);
    if (bindings.length === 0) return false;
    return new Promise<boolean>((resolve) => {
      const ringer = new ExtensionRinger(this.s.ctx, {
        onFork: (leg) => this.s.track(call, leg),
        onRinging: () => {},
        onFailed: () => resolve(false),
        onAnswer: (leg, response) =>
          void call.ops.run(async () => {
            const parties = this.parties(call);
            if (call.ended || !parties || !(await configureFromAnswer(this.s.ctx.media, leg, response))) {
              leg.bye();
              resolve(false);
              return;
            }
            this.s.track(call, leg);
            this.s.sessionTimers.set(call, leg, decideAsUac(response, this.s.ctx.timers.sessionExpiresS));
            this.monitoring.set(call, { supervisor: leg, mode });
            await this.mix(call, mode);
            this.s.ctx.logger.info('supervisor joined', { call: call.id, supervisor: extension, mode });
            resolve(true);
          }),
      });
      void ringer.start({
        number: extension,
        bindings,
        from: call.from,
        codecs: call.codecs,
        maxForwards: 70,
        ringTimeoutMs: RING_MS,
        headers: [['Call-Info', 'answer-after=0']],
      });
    });
  }

  async setMode(callId: string, mode: MonitorMode): Promise<boolean> {
    const call = this.s.calls.get(callId);
    const m = call ? this.monitoring.get(call) : undefined;
    if (!call || !m?.supervisor.live) return false;
    m.mode = mode;
    await call.ops.run(() => this.mix(call, mode));
    return true;
  }

  async takeOver(callId: string): Promise<boolean> {
    const call = this.s.calls.get(callId);
    const m = call ? this.monitoring.get(call) : undefined;
    const pair = call ? this.parties(call) : null;
    if (!call || !m || !pair || !m.supervisor.live) return false;
    await call.ops.run(async () => {
      const [caller, agent] = pair;
      this.monitoring.delete(call);
      call.conference = [];
      // The agent's phone is released; the record keeps its part and names the supervisor from now on.
      agent.partner = null;
      agent.cause = 'taken_over';
      agent.bye();
      this.s.untrack(agent);
      await this.s.ctx.media.bridge(caller.endpoint.id, m.supervisor.endpoint.id);
      caller.partner = m.supervisor;
      m.supervisor.partner = caller;
      call.answeredBy = m.supervisor;
      this.s.inCall.watch(call, m.supervisor);
    });
    return true;
  }

  hangup(callId: string): boolean {
    return this.s.hangupById(callId);
  }

  /** The caller and the agent talking to each other, or null when the call is not a bridged two-party call. */
  private parties(call: Call): [Leg, Leg] | null {
    const caller = call.caller;
    const agent = call.answeredBy;
    if (call.ended || agent === null || !caller.live || !agent.live || caller.partner !== agent) return null;
    return [caller, agent];
  }

  private async mix(call: Call, mode: MonitorMode): Promise<void> {
    const m = this.monitoring.get(call);
    const pair = this.parties(call);
    if (!m || !pair) return;
    const members = [pair[0], pair[1], m.supervisor];
    call.conference = members;
    await this.s.ctx.media.conference(
      members.map((l) => l.endpoint.id),
      HEARS[mode],
    );
  }
}
