/**
 * The ACD at run time: callers join queues (the call layer hands them over
 * as QueueCallers), agents come and go, and a dispatcher matches the two
 * through the pure distributor whenever something changes — a caller
 * joined, an agent became free, a ring failed. Every step is written to the
 * queue log and published on the bus.
 */
import type { EventBus } from '../../events/index.ts';
import type { AgentRingResult, OriginateResult, Originator, QueueCaller, QueueDesk, QueueExit } from '../../pbx/index.ts';
import type { Clock, Logger, Scheduler, Timer } from '../../system/index.ts';
import { type AgentSnapshot, distribute, estimateWaitMs, RunningAverage, type WaitingCall } from '../core/index.ts';
import type { AcdSettings, AcdSpeech, AcdStore, QueueLogEvent } from './acd-ports.ts';
import { AgentBook, extensionKey, type RuntimeAgent } from './agent-book.ts';
import { QueueBook, type RuntimeQueue } from './queue-book.ts';
import { type CallbackHost, CallbackSession } from './callback-session.ts';
import { type LeaveReason, QueueSession, type SessionHost } from './queue-session.ts';

export interface AcdServiceDeps {
  store: AcdStore;
  settings: () => AcdSettings;
  speech: AcdSpeech;
  bus: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  random: () => number;
  logger: Logger;
  /** Whether an extension has a phone registered (an agent logged in at a dead phone is not rung). */
  reachable: (extension: string) => boolean;
  isOpen: (timeCondition: string) => boolean;
}

const VIP_PRIORITY = 10;
const LOG_EVENT: Record<LeaveReason, QueueLogEvent> = {
  abandoned: 'abandoned',
  timeout: 'timeout',
  overflow: 'overflow',
  message: 'message',
  callback: 'callback_requested',
  moved: 'moved',
  empty: 'overflow',
};

export class AcdService implements QueueDesk, SessionHost, CallbackHost {
  readonly agents: AgentBook;
  readonly queues: QueueBook;
  readonly sessions = new Map<string, QueueSession>();
  /** Callbacks waiting in line (or being dialled), by their waiting-list id. */
  readonly callbacks = new Map<string, CallbackSession>();
  private originator: Originator | null = null;
  /** Which agent each web user works as. */
  private readonly byUser = new Map<string, string>();
  private readonly handleTime = new Map<string, RunningAverage>();
  private seq = 0;
  private kicked = false;

  constructor(readonly d: AcdServiceDeps) {
    this.queues = new QueueBook({ load: () => d.store.queues(), isOpen: d.isOpen });
    this.agents = new AgentBook({
      bus: d.bus,
      clock: d.clock,
      scheduler: d.scheduler,
      logger: d.logger,
      persistence: {
        logState: (entry) => d.store.logState(entry),
        saveSession: (agent) => this.saveSession(agent),
      },
      wrapUpMs: (queue) => (this.queues.get(queue)?.config.wrap_up ?? 0) * 1000,
      onFree: () => this.kick(),
    });
    this.reloadAgents();
  }

  /** Re-reads agents and queues (a configuration change); extension members are always logged in at themselves. */
  reloadAgents(): void {
    this.queues.reload();
    const keep = new Set<string>();
    this.byUser.clear();
    for (const def of this.d.store.agents()) {
      if (!def.enabled) continue;
      keep.add(def.workNumber);
      if (def.user !== null) this.byUser.set(def.user, def.workNumber);
      this.agents.define(def.workNumber, { name: def.name, workNumber: def.workNumber, user: def.user, autoAnswer: def.autoAnswer });
    }
    for (const q of this.queues.all()) {
      for (const number of q.config.agents) {
        const key = extensionKey(number);
        keep.add(key);
        const agent = this.agents.define(key, { name: number, workNumber: null, user: null, autoAnswer: false });
        if (agent.presence.state === 'logged_out') this.agents.login(agent, number, null);
      }
    }
    for (const agent of [...this.agents.all()]) if (!keep.has(agent.key)) this.agents.remove(agent.key);
    this.kick();
  }

  /** The call layer's originator, once SIP is up: callbacks waiting in the store take their places in line. */
  attachCalls(originator: Originator): void {
    this.originator = originator;
    for (const c of this.d.store.waitingCallbacks()) {
      const queue = this.queues.get(c.queue);
      if (queue) this.addCallback(queue, c.id, c.number, c.enteredAt, 0, c.attempts);
    }
    this.kick();
  }

  /** Logins that were open when the box stopped (a restart keeps agents at their phones). */
  restoreSessions(): void {
    for (const s of this.d.store.sessions()) {
      const agent = this.agents.get(s.workNumber);
      if (agent && agent.presence.state === 'logged_out') this.agents.login(agent, s.extension, null, s.state === 'paused' ? (s.pauseReason ?? 'break') : null);
    }
  }

  /** The agent a web user works as, with the queues they serve (what their event stream shows). */
  scopeOf(username: string): { agent: string; extension: string | null; queues: ReadonlySet<string> } | null {
    const key = this.byUser.get(username);
    const agent = key === undefined ? undefined : this.agents.get(key);
    if (!agent) return null;
    return { agent: agent.key, extension: agent.extension, queues: new Set(this.queues.queuesOf(agent.key).map((q) => q.number)) };
  }

  now(): number {
    return this.d.clock.now();
  }

  after(ms: number, task: () => void): Timer {
    return this.d.scheduler.after(Math.max(0, ms), task);
  }

  async enter(number: string, caller: QueueCaller): Promise<QueueExit> {
    const queue = this.queues.get(number);
    if (!queue) return { kind: 'no-queue' };
    const c = queue.config;
    const now = this.now();
    caller.setQueue(number);
    queue.counters.offered += 1;
    const full = c.max_length > 0 && queue.waiting.size >= c.max_length;
    if (full || (!c.join_empty && !this.staffed(queue))) {
      this.log(queue, caller.callId, caller.caller, 'overflow', { detail: full ? 'full' : 'empty', position: queue.waiting.size + 1, waitMs: 0 });
      return c.overflow ? { kind: 'destination', destination: c.overflow } : { kind: 'no-queue' };
    }
    const preferred = this.preferredAgent(queue, caller.caller);
    const waiting: WaitingCall = {
      id: caller.callId,
      queue: number,
      priority: c.vip_numbers.includes(caller.caller) ? VIP_PRIORITY : 0,
      enteredAt: now,
      seq: this.seq++,
      preferred,
      preferredUntil: preferred === null ? 0 : now + c.preferred_wait * 1000,
      excluded: new Set(),
    };
    queue.waiting.add(waiting);
    const session = new QueueSession(queue, caller, waiting, this);
    this.sessions.set(waiting.id, session);
    const position = session.position();
    this.log(queue, waiting.id, caller.caller, 'entered', { position });
    this.d.bus.publish('queue.entered', { queue: number, call_id: waiting.id, caller: caller.caller, position, priority: waiting.priority });
    if (preferred !== null) this.after(c.preferred_wait * 1000, () => this.kick());
    session.start();
    const exit = await session.done;
    this.sessions.delete(waiting.id);
    return exit;
  }

  /** Coalesces the reasons to distribute into one pass per turn of the event loop. */
  kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    queueMicrotask(() => {
      this.kicked = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    const queues: RuntimeQueue[] = [];
    for (const q of this.queues.all()) {
      if (q.waiting.size === 0) continue;
      q.members = this.queues.members(q);
      queues.push(q);
    }
    if (queues.length === 0) return;
    const snapshot = new Map<string, AgentSnapshot>();
    for (const agent of this.agents.all()) {
      const available = agent.presence.state === 'available' && agent.extension !== null && this.d.reachable(agent.extension);
      if (available) snapshot.set(agent.key, { agent: agent.key, available, callsTaken: agent.callsTaken, talkTimeMs: agent.talkTimeMs, idleSince: agent.idleSince });
    }
    if (snapshot.size === 0) return;
    for (const a of distribute(queues, snapshot, { now: this.now(), random: this.d.random })) {
      const queue = this.queues.get(a.queue);
      const session = this.sessions.get(a.call.id) ?? this.callbacks.get(a.call.id);
      if (!queue || !session) continue;
      if (a.position !== null) queue.lastPosition = a.position;
      void session.ring(a.agents);
    }
  }

  async offer(session: QueueSession, keys: readonly string[]): Promise<AgentRingResult> {
    const c = session.queue.config;
    const agents = keys.map((k) => this.agents.get(k)).filter((a): a is RuntimeAgent => a?.extension != null);
    for (const agent of agents) {
      agent.callId = session.id;
      agent.queue = c.number;
      this.agents.apply(agent, { type: 'reserve' });
      this.agents.apply(agent, { type: 'ring' });
      this.log(session.queue, session.id, session.caller.caller, 'ringing', { agent: agent.key });
      this.d.bus.publish('queue.ringing', { queue: c.number, call_id: session.id, agent: agent.key, extension: agent.extension as string });
    }
    const byExtension = new Map(agents.map((a) => [a.extension as string, a]));
    const result = await session.caller.ringAgents({
      extensions: [...byExtension.keys()],
      timeoutMs: c.ring_timeout * 1000,
      callerIdPrefix: c.caller_id_prefix,
      alertInfo: c.alert_info,
      autoAnswer: agents.filter((a) => a.autoAnswer).map((a) => a.extension as string),
    });
    const winner = result.outcome === 'answered' ? byExtension.get(result.extension) : undefined;
    for (const agent of agents) {
      if (agent === winner) continue;
      const outcome = result.outcome === 'failed' ? result.byExtension[agent.extension as string] : undefined;
      // An agent who let a queue call ring out is paused (not one who was busy, nor one beaten to it by another).
      const autoPause = c.auto_pause && outcome === 'no_answer';
      agent.callId = null;
      agent.queue = null;
      this.agents.apply(agent, { type: 'ring_failed', autoPause, reason: this.d.settings().autoPauseReason });
      if (outcome !== undefined) this.log(session.queue, session.id, session.caller.caller, 'ring_failed', { agent: agent.key, detail: outcome });
    }
    if (winner) {
      this.agents.answered(winner, session.id, c.number, 'inbound');
      session.markAnswered(winner.key, winner.extension as string);
    }
    return result;
  }

  answered(session: QueueSession, agent: string, extension: string): void {
    const q = session.queue;
    const waitMs = session.waitedMs;
    q.counters.answered += 1;
    q.counters.waitAnsweredMs += waitMs;
    if (waitMs <= q.config.service_level * 1000) q.counters.answeredInSl += 1;
    q.counters.longestWaitMs = Math.max(q.counters.longestWaitMs, waitMs);
    this.log(q, session.id, session.caller.caller, 'answered', { agent, waitMs });
    this.d.bus.publish('queue.answered', { queue: q.number, call_id: session.id, caller: session.caller.caller, agent, extension, wait_ms: waitMs });
  }

  completed(session: QueueSession): void {
    const key = session.answeredBy ?? '';
    const talkMs = Math.max(0, this.now() - (session.answeredAt ?? this.now()));
    this.averageOf(session.queue.number).add(talkMs + session.queue.config.wrap_up * 1000);
    this.log(session.queue, session.id, session.caller.caller, 'completed', { agent: key, talkMs });
    this.d.bus.publish('queue.completed', { queue: session.queue.number, call_id: session.id, agent: key, talk_ms: talkMs });
  }

  left(session: QueueSession, reason: LeaveReason): void {
    const q = session.queue;
    const waitMs = session.waitedMs;
    const position = session.position();
    if (reason === 'abandoned') q.counters.abandoned += 1;
    q.counters.longestWaitMs = Math.max(q.counters.longestWaitMs, waitMs);
    this.log(q, session.id, session.caller.caller, LOG_EVENT[reason], { waitMs, position, detail: reason === 'empty' ? 'empty' : null });
    this.d.bus.publish('queue.left', { queue: q.number, call_id: session.id, caller: session.caller.caller, reason, wait_ms: waitMs, position });
  }

  async announce(session: QueueSession): Promise<void> {
    const c = session.queue.config;
    const position = session.position();
    if (position === 0) return;
    const serving = this.queues.members(session.queue).filter((m) => {
      const state = this.agents.get(m.agent)?.presence.state;
      return state !== undefined && state !== 'logged_out' && state !== 'paused';
    }).length;
    const minutes = Math.max(1, Math.round(estimateWaitMs({ position, agentsServing: serving, averageHandleMs: this.averageOf(c.number).value }) / 60_000));
    const parts = [c.announce_position ? `您现在排在第${position}位，预计等待${minutes}分钟。` : '坐席正忙，请您耐心等待。'];
    if (c.message_key && c.message_mailbox) parts.push(`留言请按${c.message_key}。`);
    if (c.callback_key) parts.push(`需要回电请按${c.callback_key}。`);
    const files = await this.d.speech.say(parts.join('')).catch(() => []);
    if (files.length > 0 && !session.ringing) await session.caller.play(files);
  }

  async callbackRequested(session: QueueSession): Promise<void> {
    const number = session.caller.caller;
    const id = this.d.store.requestCallback({ queue: session.queue.number, number, callId: session.id, enteredAt: session.waiting.enteredAt, at: this.now() });
    this.addCallback(session.queue, id, number, session.waiting.enteredAt, session.waiting.priority, 0);
    const files = await this.d.speech.say('我们已记下您的号码，稍后将为您回电，再见。').catch(() => []);
    if (files.length > 0) await session.caller.play(files);
  }

  async dialBack(session: CallbackSession, key: string): Promise<OriginateResult> {
    const agent = this.agents.get(key);
    const c = session.queue.config;
    if (!agent?.extension || this.originator === null) return { outcome: 'agent-failed', callId: null };
    agent.callId = session.id;
    agent.queue = c.number;
    this.agents.apply(agent, { type: 'reserve' });
    this.agents.apply(agent, { type: 'ring' });
    this.d.store.updateCallback(session.callbackId, { state: 'dialing', agent: key }, this.now());
    this.log(session.queue, session.id, session.number, 'callback_dialed', { agent: key });
    const result = await this.originator.originate({
      agentExtension: agent.extension,
      number: session.number,
      displayPrefix: '回呼 ',
      autoAnswer: agent.autoAnswer,
      timeoutMs: c.ring_timeout * 1000,
      queue: c.number,
    });
    if (result.outcome === 'connected' && result.callId !== null) {
      this.agents.answered(agent, result.callId, c.number, 'outbound');
      return result;
    }
    agent.callId = null;
    agent.queue = null;
    const autoPause = c.auto_pause && result.outcome === 'agent-failed';
    this.agents.apply(agent, { type: 'ring_failed', autoPause, reason: this.d.settings().autoPauseReason });
    if (result.outcome === 'customer-failed') this.d.store.updateCallback(session.callbackId, { state: 'waiting' }, this.now());
    return result;
  }

  finished(session: CallbackSession, state: 'done' | 'failed'): void {
    this.callbacks.delete(session.id);
    this.d.store.updateCallback(session.callbackId, { state }, this.now());
  }

  attempted(session: CallbackSession): void {
    this.d.store.updateCallback(session.callbackId, { attempts: session.attempts }, this.now());
  }

  private addCallback(queue: RuntimeQueue, id: number, number: string, enteredAt: number, priority: number, attempts: number): void {
    const waiting: WaitingCall = { id: `cb${id}`, queue: queue.number, priority, enteredAt, seq: this.seq++, preferred: null, preferredUntil: 0, excluded: new Set() };
    this.callbacks.set(waiting.id, new CallbackSession(id, queue, number, waiting, attempts, this));
    queue.waiting.add(waiting);
  }

  staffed(queue: RuntimeQueue): boolean {
    return this.queues.members(queue).some((m) => {
      const agent = this.agents.get(m.agent);
      return agent !== undefined && agent.presence.state !== 'logged_out';
    });
  }

  private preferredAgent(queue: RuntimeQueue, caller: string): string | null {
    const strategy = queue.config.strategy;
    if (caller === '' || (strategy !== 'last_agent' && strategy !== 'customer_owner')) return null;
    const agent = strategy === 'last_agent' ? this.d.store.lastAgentFor(caller) : this.d.store.ownerOf(caller);
    return agent !== null && this.queues.members(queue).some((m) => m.agent === agent) ? agent : null;
  }

  private averageOf(queue: string): RunningAverage {
    let avg = this.handleTime.get(queue);
    if (!avg) {
      avg = new RunningAverage(180_000);
      this.handleTime.set(queue, avg);
    }
    return avg;
  }

  private saveSession(agent: RuntimeAgent): void {
    if (agent.workNumber === null) return;
    const p = agent.presence;
    const state = p.state === 'logged_out' ? null : p.state === 'paused' ? 'paused' : 'available';
    this.d.store.saveSession(
      agent.workNumber,
      state === null || agent.extension === null ? null : { workNumber: agent.workNumber, extension: agent.extension, state, pauseReason: p.pauseReason },
      this.now(),
    );
  }

  private log(queue: RuntimeQueue, callId: string, caller: string, event: QueueLogEvent, more: { agent?: string; position?: number; waitMs?: number; talkMs?: number; detail?: string | null } = {}): void {
    this.d.store.logQueue({ at: this.now(), queue: queue.number, callId, event, caller, ...more });
  }
}
