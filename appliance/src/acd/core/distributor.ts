/**
 * Who gets which call now. Greedy and pure: serve the best servable waiting
 * call across all queues (priority desc, then enteredAt asc), give it the
 * agent(s) its queue's strategy ranks first, repeat until no free agent or no
 * servable call is left. An agent gets at most one assignment per call of
 * distribute(), so an agent in several queues serves the queue whose caller
 * has the highest priority / waited longest.
 *
 * A call reserved for a preferred agent (now < preferredUntil) goes only to
 * that agent — member of the queue or not — and until then waits without
 * blocking the calls behind it. Agents in `call.excluded` are used only when
 * no other free member is left; a preferred agent that let the call ring out
 * no longer holds it.
 *
 * Fast when few agents are free: each queue keeps a cursor over its list
 * that only moves forward within one distribute() (being free only ends
 * during it), and calls waiting for a given agent are looked up through the
 * list's preferred index instead of a scan. Nothing passed in is changed:
 * the caller removes the assigned calls and stores `position` as the
 * queue's lastPosition.
 */
import { AppError } from '../../errors.ts';
import { type Candidate, STRATEGY_TABLE, type StrategyName } from './strategies.ts';
import { compareWaiting, type WaitingCall, type WaitingList } from './waiting-list.ts';

export interface QueueMember {
  agent: string;
  penalty: number;
  skill: number;
  position: number;
}

export interface QueueState {
  number: string;
  strategy: StrategyName;
  waiting: WaitingList;
  members: readonly QueueMember[];
  lastPosition: number | null;
}

export interface AgentSnapshot {
  agent: string;
  available: boolean;
  callsTaken: number;
  talkTimeMs: number;
  idleSince: number;
}

export interface Assignment {
  call: WaitingCall;
  queue: string;
  /** One agent, or all to ring at once for a parallel strategy. */
  agents: string[];
  /** Member position of the (first) agent, for round-robin memory; null when not a member. */
  position: number | null;
}

export interface DistributeContext {
  now: number;
  random: () => number;
}

export class UnknownStrategyError extends AppError {
  constructor(readonly strategy: string) {
    super('unknown_strategy', `no distribution strategy named ${strategy}`);
  }
}

interface Lane {
  queue: QueueState;
  /** Members free at the start, in member order. */
  free: QueueMember[];
  cursor: number;
  lastPosition: number | null;
}

interface Round {
  agents: ReadonlyMap<string, AgentSnapshot>;
  /** Agents free at the start (a Set: far cheaper to probe than the snapshot Map). */
  free: Set<string>;
  taken: Set<string>;
  served: Set<WaitingCall>;
  now: number;
}

const isFree = (r: Round, agent: string) => r.free.has(agent) && !r.taken.has(agent);

/** The agent holding this call for themselves right now, if any. */
function holder(call: WaitingCall, now: number): string | null {
  if (call.preferred === null || now >= call.preferredUntil || call.excluded.has(call.preferred)) return null;
  return call.preferred;
}

/** The first call of the lane's list that a free member can take now; moves the cursor past the rest. */
function cursorHead(lane: Lane, r: Round): WaitingCall | undefined {
  if (!lane.free.some((m) => !r.taken.has(m.agent))) return undefined;
  for (;;) {
    const call = lane.queue.waiting.at(lane.cursor);
    if (call === undefined) return undefined;
    const held = holder(call, r.now);
    if (!r.served.has(call) && (held === null || isFree(r, held))) return call;
    lane.cursor++;
  }
}

/** The best call of the lane held for an agent who is still free (wherever it sits in the list). */
function heldHead(lane: Lane, r: Round): WaitingCall | undefined {
  let best: WaitingCall | undefined;
  for (const agent of r.free) {
    if (r.taken.has(agent)) continue;
    for (const call of lane.queue.waiting.preferring(agent)) {
      if (r.served.has(call) || holder(call, r.now) !== agent) continue;
      if (best === undefined || compareWaiting(call, best) < 0) best = call;
    }
  }
  return best;
}

function better(a: WaitingCall | undefined, b: WaitingCall | undefined): WaitingCall | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareWaiting(a, b) <= 0 ? a : b;
}

function candidate(m: QueueMember, s: AgentSnapshot | undefined): Candidate {
  return { ...m, callsTaken: s?.callsTaken ?? 0, talkTimeMs: s?.talkTimeMs ?? 0, idleSince: s?.idleSince ?? 0 };
}

function assign(lane: Lane, call: WaitingCall, r: Round, random: () => number): Assignment {
  const q = lane.queue;
  const held = holder(call, r.now);
  if (held !== null) {
    const member = q.members.find((m) => m.agent === held);
    return { call, queue: q.number, agents: [held], position: member?.position ?? null };
  }
  const def = STRATEGY_TABLE[q.strategy];
  if (def === undefined) throw new UnknownStrategyError(q.strategy);
  const open = lane.free.filter((m) => !r.taken.has(m.agent));
  const fresh = open.filter((m) => !call.excluded.has(m.agent));
  const pool = (fresh.length > 0 ? fresh : open).map((m) => candidate(m, r.agents.get(m.agent)));
  const ranked = def.rank(pool, { now: r.now, random, lastPosition: lane.lastPosition });
  const chosen = def.parallel ? ranked : ranked.slice(0, 1);
  return { call, queue: q.number, agents: chosen.map((c) => c.agent), position: chosen[0]?.position ?? null };
}

export function distribute(queues: readonly QueueState[], agents: ReadonlyMap<string, AgentSnapshot>, ctx: DistributeContext): Assignment[] {
  const free = new Set<string>();
  for (const [key, s] of agents) if (s.available) free.add(key);
  if (free.size === 0) return [];
  const r: Round = { agents, free, taken: new Set(), served: new Set(), now: ctx.now };
  const lanes: Lane[] = [];
  for (const queue of queues) {
    if (queue.waiting.size === 0) continue;
    lanes.push({ queue, free: queue.members.filter((m) => free.has(m.agent)), cursor: 0, lastPosition: queue.lastPosition });
  }
  const out: Assignment[] = [];
  while (r.taken.size < free.size) {
    let lane: Lane | undefined;
    let call: WaitingCall | undefined;
    for (const l of lanes) {
      const head = better(cursorHead(l, r), heldHead(l, r));
      if (head !== undefined && (call === undefined || compareWaiting(head, call) < 0)) {
        lane = l;
        call = head;
      }
    }
    if (lane === undefined || call === undefined) break;
    const a = assign(lane, call, r, ctx.random);
    if (a.agents.length === 0) break;
    out.push(a);
    r.served.add(call);
    for (const agent of a.agents) r.taken.add(agent);
    if (a.position !== null) lane.lastPosition = a.position;
  }
  return out;
}
