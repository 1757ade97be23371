/**
 * The ACD composed over the store: its port to the repositories (queues,
 * agents and their sessions, the two logs, callbacks, customers), the
 * service, its commands and keypad, the watch on calls, and reloading when
 * queues, agents or settings change. telephony.ts hands the service to the
 * call layer and the commands to the API.
 */
import {
  AcdCommands,
  AcdService,
  type AcdSpeech,
  type AcdStore,
  type AgentStateEntry,
  AgentKeypad,
  type NewQueueLogRow,
  trackAgentCalls,
} from './acd/index.ts';
import { WriteBehindQueue } from './store/index.ts';
import type { BusEvent } from './events/index.ts';
import type { Originator, SupervisorControl } from './pbx/index.ts';
import type { Services } from './services.ts';
import type { Clock, Logger, Scheduler } from './system/index.ts';

export interface AcdCompositionOptions {
  services: Services;
  speech: AcdSpeech;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  reachable: (extension: string) => boolean;
}

/** How far back a returning caller's last agent is remembered (last-agent routing). */
const LAST_AGENT_MEMORY_MS = 30 * 24 * 3600_000;
const RELOAD_ON = new Set(['queue', 'agent', 'extension', 'time_condition']);

/** The two logs are written behind a short timer, a transaction per batch: a queue call writes several rows. */
const LOG_FLUSH_MS = 20;
const LOG_BATCH = 500;

interface LogWriters {
  state: WriteBehindQueue<AgentStateEntry>;
  queue: WriteBehindQueue<NewQueueLogRow>;
}

export function acdStore(s: Services, clock: Clock, logs: LogWriters): AcdStore {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    queues: () => s.queues.list(),
    agents: () => s.agents.list().map((a) => ({ workNumber: a.work_number, name: a.name, user: a.user, autoAnswer: a.auto_answer, enabled: a.enabled })),
    sessions: () =>
      s.agents.sessions().map((x) => ({ workNumber: x.work_number, extension: x.extension, state: x.state, pauseReason: x.pause_reason })),
    saveSession: (work, session, at) => {
      const agent = s.agents.findByWorkNumber(work);
      if (!agent) return;
      if (session === null) s.agents.clearSession(agent.id);
      else s.agents.saveSession({ agentId: agent.id, extension: session.extension, state: session.state, pauseReason: session.pauseReason, since: iso(at) });
    },
    logState: (e) => logs.state.push({ agent: e.agent, state: e.state, reason: e.reason, queue: e.queue, callId: e.callId, at: iso(e.at) }),
    logQueue: (e) =>
      logs.queue.push({
        at: iso(e.at),
        queue: e.queue,
        call_id: e.callId,
        event: e.event,
        caller: e.caller,
        agent: e.agent ?? null,
        position: e.position ?? null,
        wait_ms: e.waitMs ?? null,
        talk_ms: e.talkMs ?? null,
        detail: e.detail ?? null,
      }),
    verifyPin: (work, pin) => s.agents.verifyPin(work, pin),
    lastAgentFor: (caller) => {
      logs.queue.flushNow();
      return s.queueLog.lastAgentFor(caller, iso(clock.now() - LAST_AGENT_MEMORY_MS));
    },
    ownerOf: (caller) => s.customers.ownerOf(caller),
    requestCallback: (c) => s.callbacks.create({ queue: c.queue, number: c.number, call_id: c.callId, entered_at: iso(c.enteredAt), requested_at: iso(c.at) }),
    waitingCallbacks: () =>
      s.callbacks.waiting().map((c) => ({ id: c.id, queue: c.queue, number: c.number, enteredAt: Date.parse(c.entered_at), attempts: c.attempts })),
    updateCallback: (id, changes, at) => s.callbacks.update(id, changes, iso(at)),
  };
}

export function startAcd(o: AcdCompositionOptions) {
  const { services: s, clock } = o;
  const writer = <T>(flush: (batch: T[]) => void) =>
    new WriteBehindQueue<T>({ scheduler: o.scheduler, logger: o.logger, intervalMs: LOG_FLUSH_MS, maxBatch: LOG_BATCH, flush });
  const logs: LogWriters = {
    state: writer((batch) => s.agentStateLog.writeMany(batch)),
    queue: writer((batch) => s.queueLog.writeMany(batch)),
  };
  const service = new AcdService({
    store: acdStore(s, clock, logs),
    settings: () => {
      const acd = s.settings.get('acd');
      return { pauseReasons: acd.pause_reasons, autoPauseReason: acd.auto_pause_reason };
    },
    speech: o.speech,
    bus: s.bus,
    clock,
    scheduler: o.scheduler,
    // The composition root is where randomness comes from; the distributor only ever sees this function.
    random: Math.random,
    logger: o.logger,
    reachable: o.reachable,
    isOpen: (name) => s.timeConditions.isOpen(name, new Date(clock.now())) ?? true,
  });
  const commands = new AcdCommands(service);
  const keypad = new AgentKeypad(service, o.speech);
  const unsubscribe: (() => void)[] = [];
  return {
    service,
    commands,
    keypad,
    attach(control: SupervisorControl, originator: Originator): void {
      commands.attach(control);
      service.attachCalls(originator);
    },
    /** Logins restored, calls watched, configuration followed. */
    start(): void {
      service.restoreSessions();
      unsubscribe.push(trackAgentCalls(s.bus, service.agents));
      unsubscribe.push(
        s.bus.subscribe((event) => {
          if (event.name === 'config.changed' && RELOAD_ON.has((event as BusEvent<'config.changed'>).data.entity)) service.reloadAgents();
          if (event.name === 'provisioning.applied') service.reloadAgents();
        }),
      );
    },
    stop(): void {
      for (const off of unsubscribe.splice(0)) off();
      logs.queue.flushNow();
      logs.state.flushNow();
    },
  };
}
