import { describe, expect, test } from 'bun:test';
import { STRATEGIES } from '../queues-repository.ts';
import { type Candidate, lowestTier, STRATEGY_NAMES, STRATEGY_TABLE, type StrategyContext, type StrategyName } from './strategies.ts';

const cand = (agent: string, position: number, patch: Partial<Candidate> = {}): Candidate => ({
  agent,
  penalty: 0,
  skill: 5,
  position,
  callsTaken: 0,
  talkTimeMs: 0,
  idleSince: 0,
  ...patch,
});

/** A random source that replays the given values. */
const replay = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};
const ctx = (patch: Partial<StrategyContext> = {}): StrategyContext => ({ now: 100_000, random: replay([0]), lastPosition: null, ...patch });
const rank = (name: StrategyName, candidates: Candidate[], c: StrategyContext = ctx()) => STRATEGY_TABLE[name].rank(candidates, c).map((x) => x.agent);

const A = cand('a', 1, { callsTaken: 5, talkTimeMs: 900, idleSince: 300, skill: 3 });
const B = cand('b', 2, { callsTaken: 2, talkTimeMs: 100, idleSince: 200, skill: 9 });
const C = cand('c', 3, { callsTaken: 2, talkTimeMs: 500, idleSince: 100, skill: 9 });
const D = cand('d', 4, { callsTaken: 0, talkTimeMs: 50, idleSince: 400, skill: 1 });
const ALL = [C, A, D, B];

describe('strategies', () => {
  test('the names are the queue repository list, in its order', () => {
    expect([...STRATEGY_NAMES]).toEqual([...STRATEGIES]);
    expect(Object.keys(STRATEGY_TABLE)).toEqual([...STRATEGY_NAMES]);
  });

  test.each<[StrategyName, Partial<StrategyContext>, string[]]>([
    ['ring_all', {}, ['a', 'b', 'c', 'd']],
    ['sequential', {}, ['a', 'b', 'c', 'd']],
    ['sequential', { lastPosition: 2 }, ['a', 'b', 'c', 'd']],
    ['round_robin', {}, ['a', 'b', 'c', 'd']],
    ['round_robin', { lastPosition: 2 }, ['c', 'd', 'a', 'b']],
    ['round_robin', { lastPosition: 4 }, ['a', 'b', 'c', 'd']],
    ['round_robin', { lastPosition: 9 }, ['a', 'b', 'c', 'd']],
    ['fewest_calls', {}, ['d', 'c', 'b', 'a']],
    ['least_talk_time', {}, ['d', 'b', 'c', 'a']],
    ['longest_idle', {}, ['c', 'b', 'a', 'd']],
    ['skills_weighted', {}, ['c', 'b', 'a', 'd']],
    ['last_agent', {}, ['c', 'b', 'a', 'd']],
    ['customer_owner', {}, ['c', 'b', 'a', 'd']],
    // Fisher–Yates from the end: i=3 j=floor(0.99*4)=3, i=2 j=0, i=1 j=0.
    ['random', { random: replay([0.99, 0, 0]) }, ['b', 'c', 'a', 'd']],
    ['random', { random: replay([0]) }, ['b', 'c', 'd', 'a']],
  ])('%s ranks %o as %o', (name, c, expected) => {
    expect(rank(name, ALL, ctx(c))).toEqual(expected);
  });

  test('round robin follows the last position even when that member is gone', () => {
    expect(rank('round_robin', [A, D], ctx({ lastPosition: 2 }))).toEqual(['d', 'a']);
  });

  test('only ring_all rings in parallel', () => {
    expect(STRATEGY_NAMES.filter((n) => STRATEGY_TABLE[n].parallel)).toEqual(['ring_all']);
  });

  test.each(STRATEGY_NAMES.map((n) => [n]))('%s keeps only the lowest penalty tier present', (name) => {
    const tiered = [cand('hi1', 1, { penalty: 2 }), cand('lo2', 3, { penalty: 1 }), cand('lo1', 2, { penalty: 1, idleSince: 5 }), cand('hi2', 0, { penalty: 2 })];
    expect(rank(name, tiered).sort()).toEqual(['lo1', 'lo2']);
    expect(rank(name, tiered.filter((c) => c.penalty === 2)).sort()).toEqual(['hi1', 'hi2']);
  });

  test.each(STRATEGY_NAMES.filter((n) => n !== 'random').map((n) => [n]))('%s breaks ties by position, then agent key', (name) => {
    const tied = [cand('z', 2), cand('y', 1), cand('x', 2)];
    expect(rank(name, tied)).toEqual(['y', 'x', 'z']);
  });

  test('ranking neither mutates nor depends on the input order', () => {
    const input = [D, C, B, A];
    const copy = [...input];
    for (const name of STRATEGY_NAMES) expect(rank(name, input, ctx({ lastPosition: 1 }))).toEqual(rank(name, [...input].reverse(), ctx({ lastPosition: 1 })));
    expect(input).toEqual(copy);
  });

  test('lowestTier of nothing is nothing', () => {
    expect(lowestTier([])).toEqual([]);
  });
});
