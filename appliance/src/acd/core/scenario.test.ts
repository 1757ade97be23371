/**
 * The product owner's "must show": for each strategy, a script of callers
 * arriving and agent events, run through stepAgent + distribute with a fake
 * clock and fake agents, and the offers it yields ("call>agent@ms").
 * The floor below does what the runtime shell does: after every event it
 * distributes, reserves and rings the chosen agents, and re-queues a call
 * that rang out with the agent excluded.
 */
import { describe, expect, test } from 'bun:test';
import { type AgentInput, type AgentPresence, loggedOut, stepAgent } from './agent-state.ts';
import { type AgentSnapshot, distribute, type QueueState } from './distributor.ts';
import type { StrategyName } from './strategies.ts';
import { type WaitingCall, WaitingList } from './waiting-list.ts';

type Step =
  | { at: number; call: string; priority?: number; preferred?: string; holdMs?: number }
  | { at: number; agent: string; input: AgentInput }
  | { at: number; tick: true };

interface FakeAgent {
  presence: AgentPresence;
  callsTaken: number;
  talkTimeMs: number;
  idleSince: number;
  answeredAt: number;
  ringingFor: WaitingCall | null;
}

class Floor {
  now = 0;
  readonly offers: string[] = [];
  private readonly agents = new Map<string, FakeAgent>();
  private readonly queue: QueueState;
  private seq = 0;
  private rng = 0.5;

  constructor(strategy: StrategyName, members: string[]) {
    const parsed = members.map((m, i) => {
      const [agent = '', penalty = '0', skill = '5'] = m.split(':');
      this.agents.set(agent, { presence: loggedOut(0), callsTaken: 0, talkTimeMs: 0, idleSince: 0, answeredAt: 0, ringingFor: null });
      return { agent, penalty: Number(penalty), skill: Number(skill), position: i + 1 };
    });
    this.queue = { number: '6001', strategy, waiting: new WaitingList(), members: parsed, lastPosition: null };
  }

  run(step: Step): void {
    this.now = step.at;
    if ('call' in step) {
      const hold = step.preferred === undefined ? null : step.preferred;
      this.queue.waiting.add({
        id: step.call,
        queue: this.queue.number,
        priority: step.priority ?? 0,
        enteredAt: this.now,
        seq: this.seq++,
        preferred: hold,
        preferredUntil: hold === null ? 0 : this.now + (step.holdMs ?? 0),
        excluded: new Set(),
      });
    } else if ('agent' in step) this.apply(step.agent, step.input);
    this.dispatch();
  }

  state(agent: string) {
    return this.agent(agent).presence.state;
  }

  private agent(key: string): FakeAgent {
    const a = this.agents.get(key);
    if (a === undefined) throw new Error(`no agent ${key}`);
    return a;
  }

  private apply(key: string, input: AgentInput): void {
    const a = this.agent(key);
    const { next, effects } = stepAgent(a.presence, input, this.now);
    a.presence = next;
    for (const e of effects) if (e.type === 'state_changed' && e.to === 'available') a.idleSince = this.now;
    if (input.type === 'answer') {
      a.callsTaken++;
      a.answeredAt = this.now;
      const call = a.ringingFor;
      a.ringingFor = null;
      // The others rung for the same call (ring_all) stop ringing; the call is taken.
      for (const [other, o] of this.agents) if (other !== key && call !== null && o.ringingFor === call) this.ringOut(other);
    }
    if (input.type === 'hangup') a.talkTimeMs += this.now - a.answeredAt;
    if (input.type === 'ring_failed' && a.ringingFor !== null) {
      const call = a.ringingFor;
      a.ringingFor = null;
      call.excluded.add(key);
      if (![...this.agents.values()].some((o) => o.ringingFor === call)) this.queue.waiting.add(call);
    }
  }

  private ringOut(key: string): void {
    const a = this.agent(key);
    a.ringingFor = null;
    a.presence = stepAgent(a.presence, { type: 'ring_failed', autoPause: false, reason: '' }, this.now).next;
    a.idleSince = this.now;
  }

  private dispatch(): void {
    const snapshot = new Map<string, AgentSnapshot>();
    for (const [agent, a] of this.agents) {
      snapshot.set(agent, { agent, available: a.presence.state === 'available', callsTaken: a.callsTaken, talkTimeMs: a.talkTimeMs, idleSince: a.idleSince });
    }
    const random = () => {
      this.rng = (this.rng * 9301 + 49297) % 233280 / 233280;
      return this.rng;
    };
    for (const offer of distribute([this.queue], snapshot, { now: this.now, random })) {
      this.queue.waiting.remove(offer.call.id);
      if (offer.position !== null) this.queue.lastPosition = offer.position;
      for (const key of offer.agents) {
        const a = this.agent(key);
        a.presence = stepAgent(stepAgent(a.presence, { type: 'reserve' }, this.now).next, { type: 'ring' }, this.now).next;
        a.ringingFor = offer.call;
      }
      this.offers.push(`${offer.call.id}>${offer.agents.join('+')}@${this.now}`);
    }
  }
}

// Script shorthands.
const login = (agent: string, at = 0): Step => ({ at, agent, input: { type: 'login' } });
const call = (id: string, at: number, more: { priority?: number; preferred?: string; holdMs?: number } = {}): Step => ({ at, call: id, ...more });
const answer = (agent: string, at: number): Step => ({ at, agent, input: { type: 'answer', direction: 'inbound' } });
const dial = (agent: string, at: number): Step => ({ at, agent, input: { type: 'answer', direction: 'outbound' } });
const hangup = (agent: string, at: number, wrapUpMs = 0): Step => ({ at, agent, input: { type: 'hangup', wrapUpMs } });
const wrapDone = (agent: string, at: number): Step => ({ at, agent, input: { type: 'wrap_up_done' } });
const pause = (agent: string, at: number): Step => ({ at, agent, input: { type: 'pause', reason: 'break' } });
const unpause = (agent: string, at: number): Step => ({ at, agent, input: { type: 'unpause' } });
const ringFailed = (agent: string, at: number, autoPause = false): Step => ({ at, agent, input: { type: 'ring_failed', autoPause, reason: 'missed' } });
const tick = (at: number): Step => ({ at, tick: true });
const talk = (agent: string, from: number, to: number): Step[] => [answer(agent, from), hangup(agent, to)];

/** [scenario, strategy, members (`agent[:penalty[:skill]]`, position = order), script, offers, states at the end]. */
type Scenario = [string, StrategyName, string[], Step[], string[], Record<string, AgentPresence['state']>?];

const SCENARIOS: Scenario[] = [
  [
    'ring_all rings the whole lowest tier at once; the higher tier only when it is busy',
    'ring_all',
    ['a1', 'a2', 'a3:1'],
    [login('a1'), login('a2'), login('a3'), call('c1', 10), answer('a2', 20), call('c2', 30), call('c3', 40)],
    ['c1>a1+a2@10', 'c2>a1@30', 'c3>a3@40'],
    { a1: 'ringing', a2: 'on_call', a3: 'ringing' },
  ],
  [
    'round_robin continues after the member rung last, wrapping',
    'round_robin',
    ['a1', 'a2', 'a3'],
    [login('a1'), login('a2'), login('a3'), call('c1', 10), answer('a1', 11), call('c2', 20), answer('a2', 21), hangup('a1', 30), call('c3', 40), answer('a3', 41), call('c4', 50), answer('a1', 51), hangup('a2', 60), hangup('a3', 60), call('c5', 70)],
    ['c1>a1@10', 'c2>a2@20', 'c3>a3@40', 'c4>a1@50', 'c5>a2@70'],
  ],
  [
    'sequential always starts from the top of the member list',
    'sequential',
    ['a1', 'a2', 'a3'],
    [login('a1'), login('a2'), login('a3'), call('c1', 10), answer('a1', 11), call('c2', 20), answer('a2', 21), hangup('a1', 30), call('c3', 40)],
    ['c1>a1@10', 'c2>a2@20', 'c3>a1@40'],
  ],
  [
    'fewest_calls prefers the agent with fewer calls over the one idle longer',
    'fewest_calls',
    ['a1', 'a2', 'a3'],
    [login('a1'), login('a2'), call('c1', 1_000), ...talk('a1', 1_000, 1_100), call('c2', 1_200), answer('a2', 1_200), login('a3', 2_000), call('c3', 2_100)],
    ['c1>a1@1000', 'c2>a2@1200', 'c3>a3@2100'],
  ],
  [
    'least_talk_time prefers the agent who talked least over the one idle longer',
    'least_talk_time',
    ['a1', 'a2'],
    [login('a1'), login('a2'), call('c1', 100), ...talk('a1', 100, 10_100), call('c2', 10_200), ...talk('a2', 10_200, 12_200), call('c3', 13_000)],
    ['c1>a1@100', 'c2>a2@10200', 'c3>a2@13000'],
  ],
  [
    'longest_idle offers the agent free the longest',
    'longest_idle',
    ['a1', 'a2', 'a3'],
    [login('a1', 0), login('a2', 100), login('a3', 200), call('c1', 300), call('c2', 300), answer('a1', 310), answer('a2', 310), hangup('a2', 900), hangup('a1', 1_000), call('c3', 1_100), call('c4', 1_200)],
    ['c1>a1@300', 'c2>a2@300', 'c3>a3@1100', 'c4>a2@1200'],
  ],
  [
    // The floor's source gives 0.2313, 0.2205, 0.2201…; Fisher–Yates over [a1, a2, a3]:
    // j=floor(0.2313×3)=0 → [a3, a2, a1], j=floor(0.2205×2)=0 → [a2, a3, a1]; then over [a1, a3]: j=0 → [a3, a1].
    'random follows the injected random source (a fixed sequence here)',
    'random',
    ['a1', 'a2', 'a3'],
    [login('a1'), login('a2'), login('a3'), call('c1', 10), call('c2', 20), call('c3', 30)],
    ['c1>a2@10', 'c2>a3@20', 'c3>a1@30'],
  ],
  [
    'skills_weighted offers the higher skill first, then the longer idle',
    'skills_weighted',
    ['a1:0:3', 'a2:0:9', 'a3:0:9'],
    [login('a1', 0), login('a3', 40), login('a2', 50), call('c1', 100), call('c2', 110), call('c3', 120)],
    ['c1>a3@100', 'c2>a2@110', 'c3>a1@120'],
  ],
  [
    'last_agent waits for the preferred agent until preferredUntil, without blocking others, then falls back',
    'last_agent',
    ['a1', 'a2'],
    [login('a1'), login('a2'), dial('a1', 500), call('c1', 1_000, { preferred: 'a1', holdMs: 20_000 }), call('c2', 2_000), hangup('a1', 5_000), answer('a1', 5_001), answer('a2', 5_001), call('c3', 6_000, { preferred: 'a2', holdMs: 2_000 }), hangup('a1', 7_000), tick(7_999), tick(8_000)],
    ['c2>a2@2000', 'c1>a1@5000', 'c3>a1@8000'],
  ],
  [
    "customer_owner holds the caller for the owner (paused now), then falls back to the others",
    'customer_owner',
    ['a1', 'a2', 'a3'],
    [login('a1'), login('a2'), login('a3', 5), pause('a1', 10), call('c1', 100, { preferred: 'a1', holdMs: 30_000 }), unpause('a1', 10_000), answer('a1', 10_001), call('c2', 40_000, { preferred: 'a1', holdMs: 10_000 }), tick(50_000)],
    ['c1>a1@10000', 'c2>a2@50000'],
  ],
];

const RULES: Scenario[] = [
  [
    'priority callers overtake earlier callers',
    'longest_idle',
    ['a1'],
    [login('a1'), dial('a1', 1), call('c1', 100), call('c2', 200), call('vip', 300, { priority: 5 }), hangup('a1', 400), ...talk('a1', 401, 500), ...talk('a1', 501, 600)],
    ['vip>a1@400', 'c1>a1@500', 'c2>a1@600'],
  ],
  [
    'an agent in wrap-up is not offered calls until wrap_up_done',
    'longest_idle',
    ['a1'],
    [login('a1'), call('c1', 100), answer('a1', 110), hangup('a1', 1_000, 5_000), call('c2', 2_000), tick(5_999), wrapDone('a1', 6_000)],
    ['c1>a1@100', 'c2>a1@6000'],
  ],
  [
    'ring_failed with autoPause leaves the agent paused and not offered calls',
    'longest_idle',
    ['a1', 'a2'],
    [login('a1'), login('a2', 1), dial('a2', 2), call('c1', 100), ringFailed('a1', 120, true), call('c2', 130), hangup('a2', 500)],
    ['c1>a1@100', 'c1>a2@500'],
    { a1: 'paused', a2: 'ringing' },
  ],
  [
    'an agent who let a call ring out gets it again only when no one else is free',
    'longest_idle',
    ['a1', 'a2'],
    [login('a1'), login('a2', 1), dial('a2', 2), call('c1', 100), ringFailed('a1', 120), hangup('a2', 200), ringFailed('a1', 220), ringFailed('a2', 240)],
    ['c1>a1@100', 'c1>a1@120', 'c1>a2@220', 'c1>a1@240'],
  ],
  [
    'penalty tiers: the higher tier is offered only when the lower one is all busy',
    'longest_idle',
    ['a1:1', 'a2:0', 'a3:0'],
    [login('a1'), login('a2', 10), login('a3', 20), call('c1', 100), call('c2', 110), call('c3', 120), call('c4', 130)],
    ['c1>a2@100', 'c2>a3@110', 'c3>a1@120'],
  ],
  [
    'a pause asked for while ringing is carried out when the ring ends',
    'longest_idle',
    ['a1', 'a2'],
    [login('a1'), login('a2', 1), call('c1', 100), pause('a1', 110), ringFailed('a1', 120), call('c2', 130)],
    ['c1>a1@100', 'c1>a2@120'],
    { a1: 'paused', a2: 'ringing' },
  ],
];

describe.each([
  ['strategy scenarios', SCENARIOS],
  ['distribution rules', RULES],
])('%s', (_group, table) => {
  // A rest parameter, so bun does not take the optional last column for a done callback.
  test.each(table)('%s', (...[, strategy, members, script, offers, states]: Scenario) => {
    const floor = new Floor(strategy, members);
    for (const step of script) floor.run(step);
    expect(floor.offers).toEqual(offers);
    for (const [agent, state] of Object.entries(states ?? {})) expect(floor.state(agent)).toBe(state);
  });
});

test('every strategy has a scenario', () => {
  expect(new Set(SCENARIOS.map((s) => s[1])).size).toBe(10);
});
