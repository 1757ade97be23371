/**
 * The live picture supervisors and wallboards read: every queue with its
 * waiting callers and its counters since start, every agent with state and time in
 * it. Plain JSON, the shape `GET /api/acd/status` returns.
 */
import type { AcdService } from './acd-service.ts';

export interface QueueStatus {
  number: string;
  name: string;
  strategy: string;
  waiting: { call_id: string; caller: string; position: number; waited_ms: number; priority: number; ringing: boolean }[];
  longest_wait_ms: number;
  offered: number;
  answered: number;
  abandoned: number;
  /** % of answered calls answered within the queue's service level; null before the first answer. */
  service_level: number | null;
  /** Average speed of answer, ms; null before the first answer. */
  asa_ms: number | null;
  agents: string[];
}

export interface AgentStatus {
  agent: string;
  name: string;
  extension: string | null;
  state: string;
  reason: string | null;
  since: string;
  call_id: string | null;
  queue: string | null;
  calls_taken: number;
  talk_time_ms: number;
}

export interface AcdStatus {
  queues: QueueStatus[];
  agents: AgentStatus[];
}

export function acdStatus(acd: AcdService): AcdStatus {
  const queues: QueueStatus[] = [...acd.queues.all()].map((q) => {
    const waiting = [...acd.sessions.values()].filter((s) => s.queue === q && s.answeredBy === null);
    const c = q.counters;
    return {
      number: q.number,
      name: q.config.name,
      strategy: q.config.strategy,
      waiting: waiting
        .map((s) => ({ call_id: s.id, caller: s.caller.caller, position: s.position(), waited_ms: s.waitedMs, priority: s.waiting.priority, ringing: s.ringing }))
        .sort((a, b) => (a.position || Number.MAX_SAFE_INTEGER) - (b.position || Number.MAX_SAFE_INTEGER)),
      longest_wait_ms: Math.max(0, ...waiting.map((s) => s.waitedMs)),
      offered: c.offered,
      answered: c.answered,
      abandoned: c.abandoned,
      service_level: c.answered === 0 ? null : Math.round((c.answeredInSl / c.answered) * 1000) / 10,
      asa_ms: c.answered === 0 ? null : Math.round(c.waitAnsweredMs / c.answered),
      agents: acd.queues.members(q).map((m) => m.agent),
    };
  });
  const agents: AgentStatus[] = [...acd.agents.all()].map((a) => ({
    agent: a.key,
    name: a.name,
    extension: a.extension,
    state: a.presence.state,
    reason: a.presence.state === 'paused' ? a.presence.pauseReason : null,
    since: new Date(a.presence.since).toISOString(),
    call_id: a.callId,
    queue: a.queue,
    calls_taken: a.callsTaken,
    talk_time_ms: a.talkTimeMs,
  }));
  return { queues, agents };
}
