/**
 * The agents the ACD works with, live: who is logged in where, what each is
 * doing (the pure state machine in core/agent-state.ts), wrap-up timers,
 * counters since start for the strategies, and the durable side — every state
 * change goes to the state log and the bus, and logins survive a restart.
 *
 * Two kinds of agent: a person with a work number (工号) who logs in at
 * any extension, and an extension listed as a queue member, which is always
 * logged in at itself (key `ext:<number>`), as CONTRACT.md's queues are.
 */
import type { EventBus } from '../../events/index.ts';
import type { Clock, Logger, Scheduler, Timer } from '../../system/index.ts';
import { type AgentInput, type AgentPresence, type AgentState, loggedOut, stepAgent } from '../core/index.ts';

export interface RuntimeAgent {
  key: string;
  name: string;
  workNumber: string | null;
  /** The web user who works as this agent. */
  user: string | null;
  extension: string | null;
  autoAnswer: boolean;
  presence: AgentPresence;
  /** The call the agent is rung for or talks on, and the queue it came from (null for a direct call). */
  callId: string | null;
  queue: string | null;
  callsTaken: number;
  talkTimeMs: number;
  answeredAt: number | null;
  idleSince: number;
  wrapTimer: Timer | null;
}

export interface AgentPersistence {
  /** The state log row for a change (closes the previous one). */
  logState(entry: { agent: string; state: AgentState; reason: string | null; queue: string | null; callId: string | null; at: number }): void;
  /** A logged-in agent's place and chosen status, kept across restarts; null when logged out. */
  saveSession(agent: RuntimeAgent): void;
}

export interface AgentBookDeps {
  bus: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  persistence: AgentPersistence;
  /** Wrap-up after a queue call, ms (the queue's setting). */
  wrapUpMs: (queue: string) => number;
  /** Something changed that may let a waiting call be served. */
  onFree: () => void;
}

export const extensionKey = (number: string) => `ext:${number}`;

export class AgentBook {
  private readonly agents = new Map<string, RuntimeAgent>();
  private readonly atExtension = new Map<string, Set<string>>();

  constructor(private readonly d: AgentBookDeps) {}

  get(key: string): RuntimeAgent | undefined {
    return this.agents.get(key);
  }

  all(): IterableIterator<RuntimeAgent> {
    return this.agents.values();
  }

  /** Agents logged in at an extension (a person, the extension itself as a member, or both). */
  at(extension: string): RuntimeAgent[] {
    const keys = this.atExtension.get(extension);
    return keys ? [...keys].map((k) => this.agents.get(k)).filter((a): a is RuntimeAgent => a !== undefined) : [];
  }

  /** Adds (or renames) an agent known from the configuration; a new one starts logged out. */
  define(key: string, o: { name: string; workNumber: string | null; user: string | null; autoAnswer: boolean }): RuntimeAgent {
    const existing = this.agents.get(key);
    if (existing) {
      existing.name = o.name;
      existing.user = o.user;
      existing.autoAnswer = o.autoAnswer;
      return existing;
    }
    const now = this.d.clock.now();
    const agent: RuntimeAgent = {
      key,
      ...o,
      extension: null,
      presence: loggedOut(now),
      callId: null,
      queue: null,
      callsTaken: 0,
      talkTimeMs: 0,
      answeredAt: null,
      idleSince: now,
      wrapTimer: null,
    };
    this.agents.set(key, agent);
    return agent;
  }

  /** Forgets an agent removed from the configuration (logged out first). */
  remove(key: string): void {
    const agent = this.agents.get(key);
    if (!agent) return;
    if (agent.presence.state !== 'logged_out') this.forceLogout(agent, null);
    this.agents.delete(key);
  }

  /** Logs in at `extension` (moving from wherever the agent was), available or paused with a reason (a restored session). */
  login(agent: RuntimeAgent, extension: string, by: string | null, paused: string | null = null): void {
    if (agent.presence.state !== 'logged_out' && agent.extension !== extension) this.forceLogout(agent, by);
    this.place(agent, extension);
    this.apply(agent, { type: 'login' }, by);
    if (paused !== null) this.apply(agent, { type: 'pause', reason: paused }, by);
  }

  /** Applies an input; returns false (and changes nothing) when the state machine refuses it. */
  apply(agent: RuntimeAgent, input: AgentInput, by: string | null = null): boolean {
    const before = agent.presence;
    let step: ReturnType<typeof stepAgent>;
    try {
      step = stepAgent(before, input, this.d.clock.now());
    } catch (error) {
      this.d.logger.debug('agent input refused', { agent: agent.key, state: before.state, input: input.type, error });
      return false;
    }
    agent.presence = step.next;
    for (const effect of step.effects) {
      if (effect.type === 'start_wrap_up_timer') this.startWrapUp(agent, effect.ms);
      else if (effect.type === 'cancel_wrap_up_timer') this.cancelWrapUp(agent);
      else this.changed(agent, effect.from, by);
    }
    return true;
  }

  /** The agent's phone answered a call (queue, direct or outbound). */
  answered(agent: RuntimeAgent, callId: string, queue: string | null, direction: 'inbound' | 'outbound'): void {
    agent.callId = callId;
    agent.queue = queue;
    agent.answeredAt = this.d.clock.now();
    this.apply(agent, { type: 'answer', direction });
  }

  /** The agent's call ended: talk time counted, wrap-up for a queue call. */
  hungUp(agent: RuntimeAgent): void {
    const now = this.d.clock.now();
    if (agent.answeredAt !== null) {
      agent.talkTimeMs += now - agent.answeredAt;
      if (agent.queue !== null) agent.callsTaken += 1;
    }
    const wrapUpMs = agent.queue === null ? 0 : this.d.wrapUpMs(agent.queue);
    agent.answeredAt = null;
    agent.idleSince = now;
    this.apply(agent, { type: 'hangup', wrapUpMs });
    agent.callId = null;
    agent.queue = null;
  }

  forceLogout(agent: RuntimeAgent, by: string | null): void {
    // A supervisor's or an admin's logout does not wait for the call to end: the call goes on, the agent gets no more.
    if (agent.presence.state === 'logged_out') return;
    const applied = this.apply(agent, { type: 'logout' }, by);
    // The state machine defers a logout during a call; a forced one does not wait.
    if (!applied || !this.isLoggedOut(agent)) {
      this.cancelWrapUp(agent);
      const from = agent.presence.state;
      agent.presence = loggedOut(this.d.clock.now());
      this.changed(agent, from, by);
    }
  }

  private isLoggedOut(agent: RuntimeAgent): boolean {
    return agent.presence.state === 'logged_out';
  }

  private place(agent: RuntimeAgent, extension: string | null): void {
    if (agent.extension !== null) this.atExtension.get(agent.extension)?.delete(agent.key);
    agent.extension = extension;
    if (extension === null) return;
    let keys = this.atExtension.get(extension);
    if (!keys) {
      keys = new Set();
      this.atExtension.set(extension, keys);
    }
    keys.add(agent.key);
  }

  private startWrapUp(agent: RuntimeAgent, ms: number): void {
    this.cancelWrapUp(agent);
    agent.wrapTimer = this.d.scheduler.after(ms, () => {
      agent.wrapTimer = null;
      this.apply(agent, { type: 'wrap_up_done' });
    });
  }

  private cancelWrapUp(agent: RuntimeAgent): void {
    agent.wrapTimer?.cancel();
    agent.wrapTimer = null;
  }

  private changed(agent: RuntimeAgent, from: AgentState, by: string | null): void {
    const p = agent.presence;
    const now = this.d.clock.now();
    if (p.state === 'available' && (from === 'wrap_up' || from === 'paused' || from === 'logged_out')) agent.idleSince = now;
    this.d.persistence.logState({ agent: agent.key, state: p.state, reason: p.pauseReason, queue: agent.queue, callId: agent.callId, at: now });
    if (p.state === 'logged_out' || from === 'logged_out' || p.state === 'paused' || p.state === 'available') this.d.persistence.saveSession(agent);
    this.d.bus.publish('agent.state', {
      agent: agent.key,
      name: agent.name,
      extension: agent.extension,
      state: p.state,
      previous: from,
      reason: p.state === 'paused' ? p.pauseReason : null,
      queue: agent.queue,
      call_id: agent.callId,
      by,
    });
    if (p.state === 'logged_out') this.place(agent, null);
    if (p.state === 'available' || p.state === 'logged_out') this.d.onFree();
  }
}
