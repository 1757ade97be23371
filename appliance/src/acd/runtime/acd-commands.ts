/**
 * Every agent and supervisor action as a command (the CTI interface): the
 * REST routes, the agent's keypad and third-party clients all come through
 * here. A command names who acts; one done to another agent is a
 * supervisor's (强制签出 / 强制示忙 / 强制示闲) and is announced as such.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import type { MonitorMode, SupervisorControl } from '../../pbx/index.ts';
import type { AgentInput } from '../core/index.ts';
import type { AcdService } from './acd-service.ts';
import type { RuntimeAgent } from './agent-book.ts';
import { type AcdStatus, acdStatus } from './acd-status.ts';

export interface Actor {
  username: string;
  /** May supervise every queue whatever its `supervisors` list says (an administrator). */
  everyQueue?: boolean;
}

export class AcdCommands {
  private supervisor: SupervisorControl | null = null;

  constructor(private readonly acd: AcdService) {}

  /** The call layer's supervisor controls, once SIP is up. */
  attach(control: SupervisorControl): void {
    this.supervisor = control;
  }

  scopeOf(username: string) {
    return this.acd.scopeOf(username);
  }

  status(): AcdStatus {
    return acdStatus(this.acd);
  }

  login(work: string, extension: string, actor: Actor): void {
    const agent = this.agent(work);
    if (!/^[0-9]{2,8}$/.test(extension)) throw new ValidationError([{ path: 'extension', message: 'an extension number' }]);
    if (!this.acd.d.reachable(extension)) throw new ConflictError(`extension ${extension} has no phone registered`);
    this.acd.agents.login(agent, extension, this.by(agent, actor));
  }

  logout(work: string, actor: Actor): void {
    const agent = this.agent(work);
    const by = this.by(agent, actor);
    if (by !== null) this.acd.agents.forceLogout(agent, by);
    else this.step(agent, { type: 'logout' }, by);
    this.announce(actor, by, 'force_logout', agent);
  }

  pause(work: string, reason: string, actor: Actor): void {
    const agent = this.agent(work);
    if (!this.acd.d.settings().pauseReasons.some((r) => r.code === reason)) throw new ValidationError([{ path: 'reason', message: `no pause reason ${reason}` }]);
    const by = this.by(agent, actor);
    this.step(agent, { type: 'pause', reason }, by);
    this.announce(actor, by, 'force_pause', agent);
  }

  /** 示闲: available again (also ends wrap-up early, or cancels a pause asked for during a call). */
  available(work: string, actor: Actor): void {
    const agent = this.agent(work);
    const by = this.by(agent, actor);
    this.step(agent, { type: 'unpause' }, by);
    this.announce(actor, by, 'force_available', agent);
  }

  extendWrapUp(work: string, seconds: number, actor: Actor): void {
    const agent = this.agent(work);
    if (agent.presence.state !== 'wrap_up') throw new ConflictError(`agent ${work} is not in wrap-up`);
    this.step(agent, { type: 'wrap_up_extend', ms: seconds * 1000 }, this.by(agent, actor));
  }

  async monitor(callId: string, extension: string, mode: MonitorMode, actor: Actor): Promise<void> {
    this.oversee(actor, this.queuesOfCall(callId));
    const control = this.control();
    if (!control.exists(callId)) throw new NotFoundError(`call ${callId}`);
    // Already in the call: a change of mode (listen → whisper → barge); otherwise the supervisor's phone is rung.
    const ok = (await control.setMode(callId, mode)) || (await control.monitor(callId, extension, mode));
    if (!ok) throw new ConflictError(`cannot ${mode} call ${callId} from extension ${extension}`);
    this.acd.d.bus.publish('supervisor.action', { supervisor: actor.username, action: mode, agent: null, call_id: callId, queue: null });
  }

  async takeOver(callId: string, actor: Actor): Promise<void> {
    this.oversee(actor, this.queuesOfCall(callId));
    if (!(await this.control().takeOver(callId))) throw new ConflictError(`call ${callId} has no supervisor in it to take over`);
    this.acd.d.bus.publish('supervisor.action', { supervisor: actor.username, action: 'take_over', agent: null, call_id: callId, queue: null });
  }

  hangup(callId: string, actor: Actor): void {
    this.oversee(actor, this.queuesOfCall(callId));
    if (!this.control().hangup(callId)) throw new NotFoundError(`call ${callId}`);
    this.acd.d.bus.publish('supervisor.action', { supervisor: actor.username, action: 'hangup', agent: null, call_id: callId, queue: null });
  }

  /** Moves a waiting caller to another queue, or reserves it for one agent (who gets it as soon as they are free). */
  move(callId: string, to: { queue?: string; agent?: string }, actor: Actor): void {
    const session = this.acd.sessions.get(callId);
    if (!session || session.answeredBy !== null) throw new NotFoundError(`waiting call ${callId}`);
    this.oversee(actor, [session.queue.number, ...(to.queue ? [to.queue] : [])]);
    if (session.ringing) throw new ConflictError(`call ${callId} is ringing an agent`);
    if (to.agent !== undefined) {
      this.agent(to.agent);
      session.queue.waiting.prefer(callId, to.agent, Number.MAX_SAFE_INTEGER);
      this.acd.kick();
    } else if (to.queue !== undefined) {
      if (!this.acd.queues.get(to.queue)) throw new NotFoundError(`queue ${to.queue}`);
      session.leave('moved', { queue: to.queue });
    } else throw new ValidationError([{ path: '', message: 'needs queue or agent' }]);
    this.acd.d.bus.publish('supervisor.action', { supervisor: actor.username, action: 'move', agent: to.agent ?? null, call_id: callId, queue: to.queue ?? null });
  }

  private control(): SupervisorControl {
    if (this.supervisor === null) throw new ConflictError('calls are not running');
    return this.supervisor;
  }

  private agent(work: string): RuntimeAgent {
    const agent = this.acd.agents.get(work);
    if (!agent) throw new NotFoundError(`agent ${work}`);
    return agent;
  }

  /** Null when agents act on themselves; the supervisor's name when forced. */
  /** Null when agents act on themselves; the supervisor's name when forced (and the supervisor must oversee one of the agent's queues). */
  private by(agent: RuntimeAgent, actor: Actor): string | null {
    if (agent.user === actor.username) return null;
    const queues = this.acd.queues.queuesOf(agent.key).map((q) => q.number);
    if (queues.length > 0) this.oversee(actor, queues, true);
    return actor.username;
  }

  /**
   * Per-queue supervision: a queue that names its supervisors is theirs
   * (and administrators'); one that names none is every supervisor's.
   * `any`: overseeing one of the queues is enough (an agent in several).
   */
  private oversee(actor: Actor, queues: readonly string[], any = false): void {
    if (actor.everyQueue || queues.length === 0) return;
    const allowed = (number: string) => {
      const list = this.acd.queues.get(number)?.config.supervisors ?? [];
      return list.length === 0 || list.includes(actor.username);
    };
    if (any ? !queues.some(allowed) : !queues.every(allowed)) throw new ForbiddenError(`supervisor of queue ${queues.join(', ')}`);
  }

  /** The queues a live call is in: waiting in one, or talking to an agent who took it from one. */
  private queuesOfCall(callId: string): string[] {
    const waiting = this.acd.sessions.get(callId);
    if (waiting) return [waiting.queue.number];
    for (const agent of this.acd.agents.all()) if (agent.callId === callId && agent.queue !== null) return [agent.queue];
    return [];
  }

  private step(agent: RuntimeAgent, input: AgentInput, by: string | null): void {
    if (!this.acd.agents.apply(agent, input, by)) throw new ConflictError(`agent ${agent.key} cannot ${input.type.replace(/_/g, ' ')} while ${agent.presence.state}`);
  }

  private announce(actor: Actor, by: string | null, action: string, agent: RuntimeAgent): void {
    if (by !== null) this.acd.d.bus.publish('supervisor.action', { supervisor: actor.username, action, agent: agent.key, call_id: null, queue: null });
  }
}
