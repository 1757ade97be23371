/**
 * Distribution strategies as data: each is a pure `rank(candidates, ctx)`
 * looked up by name, so adding one is a table row, not a code path in the
 * distributor. Every strategy first keeps only the lowest penalty tier among
 * the candidates (lower penalty = preferred; a higher tier is used only when
 * no one of a lower tier is free), and every tie is broken by member
 * position, then agent key, so the same inputs always give the same order.
 * The preference of last_agent / customer_owner for one agent is not here:
 * the distributor applies it through the waiting call's `preferred` agent.
 */
export const STRATEGY_NAMES = [
  'ring_all',
  'round_robin',
  'sequential',
  'fewest_calls',
  'least_talk_time',
  'longest_idle',
  'random',
  'skills_weighted',
  'last_agent',
  'customer_owner',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface Candidate {
  agent: string;
  /** 0 = first choice; higher tiers are used only when no lower one is free. */
  penalty: number;
  /** 1..10, higher is better (skills_weighted). */
  skill: number;
  /** Place in the queue's member list (sequential, round_robin). */
  position: number;
  callsTaken: number;
  talkTimeMs: number;
  /** ms when the agent last became free. */
  idleSince: number;
}

export interface StrategyContext {
  now: number;
  /** In [0, 1). */
  random: () => number;
  /** Position of the member rung last in this queue (round_robin memory). */
  lastPosition: number | null;
}

export interface StrategyDef {
  rank(candidates: readonly Candidate[], ctx: StrategyContext): Candidate[];
  /** Ring every ranked agent at once rather than the first. */
  parallel: boolean;
}

type Compare = (a: Candidate, b: Candidate) => number;

const byPosition: Compare = (a, b) => a.position - b.position || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0);
const then =
  (first: Compare): Compare =>
  (a, b) =>
    first(a, b) || byPosition(a, b);

/** The candidates of the lowest penalty present, in position order. */
export function lowestTier(candidates: readonly Candidate[]): Candidate[] {
  let min = Number.POSITIVE_INFINITY;
  for (const c of candidates) if (c.penalty < min) min = c.penalty;
  return candidates.filter((c) => c.penalty === min).sort(byPosition);
}

const sorted = (compare: Compare): StrategyDef['rank'] => {
  const full = then(compare);
  return (candidates) => lowestTier(candidates).sort(full);
};

const longestIdle = sorted((a, b) => a.idleSince - b.idleSince);

function roundRobin(candidates: readonly Candidate[], ctx: StrategyContext): Candidate[] {
  const tier = lowestTier(candidates);
  const last = ctx.lastPosition;
  const start = last === null ? 0 : tier.findIndex((c) => c.position > last);
  if (start <= 0) return tier;
  return [...tier.slice(start), ...tier.slice(0, start)];
}

function shuffled(candidates: readonly Candidate[], ctx: StrategyContext): Candidate[] {
  const tier = lowestTier(candidates);
  for (let i = tier.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.random() * (i + 1));
    const swap = tier[i] as Candidate;
    tier[i] = tier[j] as Candidate;
    tier[j] = swap;
  }
  return tier;
}

export const STRATEGY_TABLE: Readonly<Record<StrategyName, StrategyDef>> = {
  ring_all: { rank: lowestTier, parallel: true },
  round_robin: { rank: roundRobin, parallel: false },
  sequential: { rank: lowestTier, parallel: false },
  fewest_calls: { rank: sorted((a, b) => a.callsTaken - b.callsTaken || a.idleSince - b.idleSince), parallel: false },
  least_talk_time: { rank: sorted((a, b) => a.talkTimeMs - b.talkTimeMs), parallel: false },
  longest_idle: { rank: longestIdle, parallel: false },
  random: { rank: shuffled, parallel: false },
  skills_weighted: { rank: sorted((a, b) => b.skill - a.skill || a.idleSince - b.idleSince), parallel: false },
  last_agent: { rank: longestIdle, parallel: false },
  customer_owner: { rank: longestIdle, parallel: false },
};
