/**
 * ACD distribution figures, printed, never asserted: 1,000 agents in 20
 * queues (each agent a member of 2–3), 10,000 callers waiting, every agent
 * busy. Then, again and again, one agent becomes free and one distribute()
 * picks their call; the agent is marked busy again and a new caller joins, so
 * the load stays the same. The time of each distribute() is what is measured
 * (pure code, one core, no I/O).
 */
import { type AgentSnapshot, distribute, type QueueMember, type QueueState, STRATEGY_NAMES, type WaitingCall, WaitingList } from '../../appliance/src/acd/core/index.ts';

const AGENTS = 1_000;
const QUEUES = 20;
const WAITING = 10_000;
const ROUNDS = Number(process.env.BENCH_ACD_ROUNDS ?? 20_000);
const WARM_UP = 2_000;

/** A small seeded generator (the bench is repeatable run to run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Floor {
  queues: QueueState[];
  agents: Map<string, AgentSnapshot>;
  addCall(now: number): void;
}

function seed(random: () => number): Floor {
  const members: QueueMember[][] = Array.from({ length: QUEUES }, () => []);
  for (let i = 0; i < AGENTS; i++) {
    const count = 2 + Math.floor(random() * 2);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * QUEUES));
    for (const q of chosen) {
      const list = members[q] as QueueMember[];
      list.push({ agent: `a${i}`, penalty: random() < 0.2 ? 1 : 0, skill: 1 + Math.floor(random() * 10), position: list.length + 1 });
    }
  }
  const queues: QueueState[] = members.map((m, q) => ({
    number: String(6000 + q),
    strategy: STRATEGY_NAMES[q % STRATEGY_NAMES.length] as (typeof STRATEGY_NAMES)[number],
    waiting: new WaitingList(),
    members: m,
    lastPosition: null,
  }));
  const agents = new Map<string, AgentSnapshot>();
  for (let i = 0; i < AGENTS; i++) agents.set(`a${i}`, { agent: `a${i}`, available: false, callsTaken: 0, talkTimeMs: 0, idleSince: 0 });
  let seq = 0;
  const addCall = (now: number) => {
    const queue = queues[Math.floor(random() * QUEUES)] as QueueState;
    // Callers of the last-agent / customer-owner queues are often held for one agent a while.
    const held = (queue.strategy === 'last_agent' || queue.strategy === 'customer_owner') && random() < 0.3;
    const owner = held ? (queue.members[Math.floor(random() * queue.members.length)]?.agent ?? null) : null;
    const call: WaitingCall = {
      id: `c${seq}`,
      queue: queue.number,
      priority: random() < 0.05 ? 5 : 0,
      enteredAt: now,
      seq: seq++,
      preferred: owner,
      preferredUntil: owner === null ? 0 : now + 20_000,
      excluded: new Set(),
    };
    queue.waiting.add(call);
  };
  for (let i = 0; i < WAITING; i++) addCall(i);
  return { queues, agents, addCall };
}

export function benchAcd(): void {
  const random = lcg(20_240_601);
  const floor = seed(random);
  const byNumber = new Map(floor.queues.map((q) => [q.number, q]));
  const keys = [...floor.agents.keys()];
  const times = new Float64Array(ROUNDS);
  let now = WAITING;
  let assigned = 0;
  let idleRounds = 0;
  const t0 = performance.now();
  for (let i = -WARM_UP; i < ROUNDS; i++) {
    now += 10;
    const freed = floor.agents.get(keys[Math.floor(random() * keys.length)] as string) as AgentSnapshot;
    if (!freed.available) {
      freed.available = true;
      freed.idleSince = now;
    }
    const start = performance.now();
    const out = distribute(floor.queues, floor.agents, { now, random });
    const took = performance.now() - start;
    if (i >= 0) {
      times[i] = took;
      if (out.length === 0) idleRounds++;
    }
    for (const a of out) {
      const queue = byNumber.get(a.queue) as QueueState;
      queue.waiting.remove(a.call.id);
      if (a.position !== null) queue.lastPosition = a.position;
      for (const agent of a.agents) {
        const s = floor.agents.get(agent) as AgentSnapshot;
        s.available = false;
        s.callsTaken++;
      }
      if (i >= 0) assigned++;
      floor.addCall(now);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const total = times.reduce((sum, t) => sum + t, 0) / 1000;
  const waiting = floor.queues.reduce((n, q) => n + q.waiting.size, 0);
  const free = [...floor.agents.values()].filter((a) => a.available).length;
  times.sort();
  const us = (ms: number) => (ms * 1000).toFixed(1);
  console.log(`\nACD distribute(), one core (${AGENTS} agents in ${QUEUES} queues, 2–3 queues each, ~${WAITING.toLocaleString('en')} waiting, all 10 strategies)`);
  console.log(`  one agent freed → choice:  p50 ${us(percentile(times, 50))} µs, p99 ${us(percentile(times, 99))} µs, max ${us(times[times.length - 1] ?? 0)} µs over ${ROUNDS.toLocaleString('en')} rounds`);
  console.log(`  throughput:                ${Math.round(ROUNDS / total).toLocaleString('en')} distribute()/s (${Math.round(ROUNDS / wall).toLocaleString('en')} rounds/s with the bookkeeping)`);
  console.log(`  assignments:               ${assigned.toLocaleString('en')}; rounds with nothing to give: ${idleRounds}; at the end ${waiting.toLocaleString('en')} waiting, ${free} agents free`);
}
