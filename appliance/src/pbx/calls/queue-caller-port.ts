/**
 * The QueueCaller of a live call: a caller the box answered, waiting in a
 * queue. Hold music loops on the caller's leg between prompts; agents are
 * rung by the AgentRinger; the call's record names the queue and stays
 * `abandoned` until an agent answers (the box's own answer is not one).
 */
import type { Call } from './call.ts';
import { CallCallerPort } from './call-caller-port.ts';
import type { CallControl } from './call-control.ts';
import type { CallService } from './call-service.ts';
import type { AgentRinger } from './agent-ringer.ts';
import type { AgentRingRequest, AgentRingResult, QueueCaller } from './queue-ports.ts';

export class QueueCallerPort extends CallCallerPort implements QueueCaller {
  constructor(
    s: CallService,
    control: CallControl,
    call: Call,
    private readonly ringer: AgentRinger,
  ) {
    super(s, control, call);
    // Answered by the box to wait, not by a person: a caller who gives up before an agent answers is a 呼损.
    if (call.answeredBy === null) call.disposition = 'abandoned';
  }

  async hold(music: string | null): Promise<void> {
    if (this.hungUp) return;
    const path = music ?? this.s.deps.musicOnHold;
    const source = path === null ? ({ kind: 'tone', plan: this.s.deps.tonePlan, tone: 'ringback' } as const) : ({ kind: 'file', path, loop: true } as const);
    await this.s.ctx.media.play(this.call.caller.endpoint.id, source).catch(() => {});
  }

  ringAgents(request: AgentRingRequest): Promise<AgentRingResult> {
    return this.ringer.ring(this.call, request);
  }

  setQueue(queue: string): void {
    this.call.queue = queue;
  }

  async ended(): Promise<void> {
    await this.gone;
  }
}
