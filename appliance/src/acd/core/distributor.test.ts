import { describe, expect, test } from 'bun:test';
import { type AgentSnapshot, distribute, type QueueMember, type QueueState } from './distributor.ts';
import type { StrategyName } from './strategies.ts';
import { type WaitingCall, WaitingList } from './waiting-list.ts';

const NOW = 100_000;
interface CallSpec {
  id: string;
  at: number;
  priority?: number;
  preferred?: string;
  until?: number;
  excluded?: string[];
}
interface QueueSpec {
  number: string;
  strategy?: StrategyName;
  /** `agent` or `agent:penalty`; position is the place in this list. */
  members: string[];
  calls: CallSpec[];
  lastPosition?: number;
}

let seq = 0;
function queue(spec: QueueSpec): QueueState {
  const waiting = new WaitingList();
  for (const c of spec.calls) {
    const call: WaitingCall = {
      id: c.id,
      queue: spec.number,
      priority: c.priority ?? 0,
      enteredAt: c.at,
      seq: seq++,
      preferred: c.preferred ?? null,
      preferredUntil: c.until ?? 0,
      excluded: new Set(c.excluded ?? []),
    };
    waiting.add(call);
  }
  const members: QueueMember[] = spec.members.map((m, i) => {
    const [agent = '', penalty = '0'] = m.split(':');
    return { agent, penalty: Number(penalty), skill: 5, position: i + 1 };
  });
  return { number: spec.number, strategy: spec.strategy ?? 'longest_idle', waiting, members, lastPosition: spec.lastPosition ?? null };
}

/** `free` agents are available, idle since their place in the list; `busy` ones are in the snapshot but not available. */
function snapshot(free: string[], busy: string[] = []): Map<string, AgentSnapshot> {
  const map = new Map<string, AgentSnapshot>();
  for (const [i, agent] of free.entries()) map.set(agent, { agent, available: true, callsTaken: 0, talkTimeMs: 0, idleSince: i });
  for (const agent of busy) map.set(agent, { agent, available: false, callsTaken: 0, talkTimeMs: 0, idleSince: 0 });
  return map;
}

const run = (queues: QueueSpec[], free: string[], busy: string[] = []) =>
  distribute(queues.map(queue), snapshot(free, busy), { now: NOW, random: () => 0 }).map((a) => `${a.call.id}>${a.agents.join('+')}`);

describe('distribute', () => {
  test.each<[string, QueueSpec[], string[], string[], string[]]>([
    ['nothing free, nothing assigned', [{ number: 'q', members: ['a'], calls: [{ id: 'c1', at: 1 }] }], [], ['a'], []],
    ['nothing waiting, nothing assigned', [{ number: 'q', members: ['a'], calls: [] }], ['a'], [], []],
    ['one call to the longest idle member', [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'c1', at: 1 }] }], ['b', 'a'], [], ['c1>b']],
    ['calls in order, one agent each', [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'c2', at: 2 }, { id: 'c1', at: 1 }, { id: 'c3', at: 3 }] }], ['a', 'b'], [], ['c1>a', 'c2>b']],
    ['a free agent who is not a member serves nothing', [{ number: 'q', members: ['a'], calls: [{ id: 'c1', at: 1 }] }], ['x'], ['a'], []],
    [
      'an agent in two queues serves the caller who waited longest',
      [
        { number: 'q1', members: ['a'], calls: [{ id: 'new', at: 50 }] },
        { number: 'q2', members: ['a'], calls: [{ id: 'old', at: 10 }] },
      ],
      ['a'],
      [],
      ['old>a'],
    ],
    [
      'an agent in two queues serves the higher priority first',
      [
        { number: 'q1', members: ['a'], calls: [{ id: 'vip', at: 50, priority: 3 }] },
        { number: 'q2', members: ['a', 'b'], calls: [{ id: 'old', at: 10 }] },
      ],
      ['a', 'b'],
      [],
      ['vip>a', 'old>b'],
    ],
    [
      'a call held for a busy agent waits and does not block the next',
      [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'held', at: 1, preferred: 'a', until: NOW + 1 }, { id: 'c2', at: 2 }] }],
      ['b'],
      ['a'],
      ['c2>b'],
    ],
    [
      'a held call goes to its agent even when others idle longer',
      [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'held', at: 1, preferred: 'a', until: NOW + 1 }] }],
      ['b', 'a'],
      [],
      ['held>a'],
    ],
    ['the hold ends at preferredUntil', [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'held', at: 1, preferred: 'a', until: NOW }] }], ['b'], ['a'], ['held>b']],
    [
      'a held call reaches its agent from outside the queue',
      [{ number: 'q', members: ['a'], calls: [{ id: 'c1', at: 1 }, { id: 'held', at: 2, preferred: 'x', until: NOW + 1 }] }],
      ['x'],
      ['a'],
      ['held>x'],
    ],
    [
      'a preferred agent who let the call ring out no longer holds it',
      [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'held', at: 1, preferred: 'a', until: NOW + 1, excluded: ['a'] }] }],
      ['a', 'b'],
      [],
      ['held>b'],
    ],
    ['an excluded agent is passed over for another free member', [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'c1', at: 1, excluded: ['a'] }] }], ['a', 'b'], [], ['c1>b']],
    ['an excluded agent is used when no other is free', [{ number: 'q', members: ['a', 'b'], calls: [{ id: 'c1', at: 1, excluded: ['a'] }] }], ['a'], ['b'], ['c1>a']],
    ['ring_all rings the whole lowest tier', [{ number: 'q', strategy: 'ring_all', members: ['a', 'b', 'c:1'], calls: [{ id: 'c1', at: 1 }, { id: 'c2', at: 2 }] }], ['a', 'b', 'c'], [], ['c1>a+b', 'c2>c']],
    [
      'round robin remembers within one distribution',
      [{ number: 'q', strategy: 'round_robin', members: ['a', 'b', 'c'], lastPosition: 1, calls: [{ id: 'c1', at: 1 }, { id: 'c2', at: 2 }, { id: 'c3', at: 3 }] }],
      ['a', 'b', 'c'],
      [],
      ['c1>b', 'c2>c', 'c3>a'],
    ],
  ])('%s', (_name, queues, free, busy, expected) => {
    expect(run(queues, free, busy)).toEqual(expected);
  });

  test('reports the member position for round-robin memory and changes nothing passed in', () => {
    const q = queue({ number: 'q', strategy: 'round_robin', members: ['a', 'b'], calls: [{ id: 'c1', at: 1 }] });
    const [a] = distribute([q], snapshot(['b']), { now: NOW, random: () => 0 });
    expect(a).toMatchObject({ queue: 'q', agents: ['b'], position: 2 });
    expect(q.waiting.size).toBe(1);
    expect(q.lastPosition).toBeNull();
  });

  test('a held call re-targeted with prefer() is found through the index', () => {
    const q = queue({ number: 'q', members: ['a'], calls: [{ id: 'c1', at: 1 }, { id: 'c2', at: 2 }] });
    q.waiting.prefer('c2', 'x', NOW + 10);
    expect(distribute([q], snapshot(['x'], ['a']), { now: NOW, random: () => 0 }).map((a) => a.call.id)).toEqual(['c2']);
    q.waiting.prefer('c2', null, 0);
    expect(distribute([q], snapshot(['x'], ['a']), { now: NOW, random: () => 0 })).toEqual([]);
  });

  test('one free agent among 10,000 waiting calls, half held for busy agents, is served fast', () => {
    const members = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const calls = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, at: i, ...(i < 5_000 ? { preferred: `a${i % 49}`, until: NOW + 1 } : {}) }));
    const queues = [queue({ number: 'q', members, calls })];
    const agents = snapshot(['a49'], members.slice(0, 49));
    distribute(queues, agents, { now: NOW, random: () => 0 });
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) distribute(queues, agents, { now: NOW, random: () => 0 });
    const perCall = (performance.now() - t0) / 100;
    expect(distribute(queues, agents, { now: NOW, random: () => 0 }).map((a) => `${a.call.id}>${a.agents[0]}`)).toEqual(['c5000>a49']);
    expect(perCall).toBeLessThan(5); // ~0.2 ms here; the bound leaves room for a loaded machine
  });
});
