import { describe, expect, test } from 'bun:test';
import { acdFixture, MemoryStore, queueConfig, ScriptedCaller, settle } from '../../testing/acd-fixture.ts';

function agents(store: MemoryStore, ...works: string[]) {
  for (const w of works) store.agentList.push({ workNumber: w, name: `Agent ${w}`, autoAnswer: false, enabled: true, pin: '1234', user: `u${w}` });
}

function setup(queue: Parameters<typeof queueConfig>[0], works = ['8001', '8002', '8003']) {
  const store = new MemoryStore();
  agents(store, ...works);
  store.queueList = [queueConfig({ members: works.map((agent) => ({ agent })), ...queue } as Parameters<typeof queueConfig>[0])];
  const f = acdFixture(store);
  works.forEach((w, i) => {
    const agent = f.service.agents.get(w);
    if (agent) f.service.agents.login(agent, `100${i + 1}`, null);
  });
  return { store, ...f };
}

describe('AcdService', () => {
  test('round robin: callers are offered to the logged-in agents in turn, and each answer is logged with its wait', async () => {
    const { service, store, clock } = setup({ number: '6001' });
    const callers = ['a', 'b', 'c', 'd'].map((id, i) => new ScriptedCaller(id, `1380000000${i}`));
    const exits = callers.map((c) => service.enter('6001', c));
    await settle();
    expect(callers.slice(0, 3).map((c) => c.rung)).toEqual([[['1001']], [['1002']], [['1003']]]);
    expect(callers[3]?.rung).toEqual([]);
    clock.advance(4000);
    for (const c of callers.slice(0, 3)) c.answer();
    await settle();
    expect(service.agents.get('8001')?.presence.state).toBe('on_call');
    expect(store.events('answered').map((e) => [e.callId, e.agent, e.waitMs])).toEqual([
      ['a', '8001', 4000],
      ['b', '8002', 4000],
      ['c', '8003', 4000],
    ]);
    // 8001's call ends (the call layer says so on the bus): it is free again and takes the fourth caller.
    service.agents.hungUp(service.agents.get('8001') as never);
    callers[0]?.hangup();
    await settle();
    expect(callers[3]?.rung).toEqual([['1001']]);
    expect(await exits[0]).toEqual({ kind: 'done' });
    expect(store.events('completed').map((e) => e.callId)).toEqual(['a']);
  });

  test('an agent who lets the call ring out is paused (no_answer) and the caller goes to the next agent', async () => {
    const { service, store } = setup({ number: '6001', strategy: 'sequential' }, ['8001', '8002']);
    const caller = new ScriptedCaller('a', '13800000001');
    void service.enter('6001', caller);
    await settle();
    caller.fail('no_answer');
    await settle();
    expect(service.agents.get('8001')?.presence).toMatchObject({ state: 'paused', pauseReason: 'no_answer' });
    expect(caller.rung).toEqual([['1001'], ['1002']]);
    expect(store.events('ring_failed').map((e) => [e.agent, e.detail])).toEqual([['8001', 'no_answer']]);
  });

  test('a busy phone is not paused: the agent stays available and is tried again later', async () => {
    const { service } = setup({ number: '6001', strategy: 'sequential' }, ['8001', '8002']);
    const caller = new ScriptedCaller('a', '13800000001');
    void service.enter('6001', caller);
    await settle();
    caller.fail('busy');
    await settle();
    expect(service.agents.get('8001')?.presence.state).toBe('available');
    expect(caller.rung.at(-1)).toEqual(['1002']);
  });

  test('a caller who hangs up while waiting is an abandoned call, logged with wait time and position', async () => {
    const { service, store, clock } = setup({ number: '6001' }, []);
    const first = new ScriptedCaller('a', '13800000001');
    const second = new ScriptedCaller('b', '13800000002');
    void service.enter('6001', first);
    const exit = service.enter('6001', second);
    await settle();
    clock.advance(7500);
    second.hangup();
    expect(await exit).toEqual({ kind: 'done' });
    expect(store.events('abandoned')).toMatchObject([{ callId: 'b', waitMs: 7500, position: 2, caller: '13800000002' }]);
    expect(service.queues.get('6001')?.counters.abandoned).toBe(1);
  });

  test('max wait sends the caller to the overflow destination; a full queue overflows at once', async () => {
    const { service, store, clock } = setup({ number: '6001', max_wait: 30, max_length: 1, overflow: { voicemail: '1001' } }, []);
    const first = service.enter('6001', new ScriptedCaller('a', '1'));
    expect(await service.enter('6001', new ScriptedCaller('b', '2'))).toEqual({ kind: 'destination', destination: { voicemail: '1001' } });
    clock.advance(30_000);
    expect(await first).toEqual({ kind: 'destination', destination: { voicemail: '1001' } });
    expect(store.log.map((e) => [e.callId, e.event])).toEqual([
      ['a', 'entered'],
      ['b', 'overflow'],
      ['a', 'timeout'],
    ]);
  });

  test('join-empty off: with nobody logged in the caller goes on along the route', async () => {
    const { service } = setup({ number: '6001', join_empty: false }, []);
    expect(await service.enter('6001', new ScriptedCaller('a', '1'))).toEqual({ kind: 'no-queue' });
  });

  test('wrap-up: the agent gets no call until the wrap-up time has passed', async () => {
    const { service, clock } = setup({ number: '6001', wrap_up: 10 }, ['8001']);
    const a = new ScriptedCaller('a', '1');
    const b = new ScriptedCaller('b', '2');
    void service.enter('6001', a);
    await settle();
    a.answer();
    await settle();
    void service.enter('6001', b);
    service.agents.hungUp(service.agents.get('8001') as never);
    a.hangup();
    await settle();
    expect(service.agents.get('8001')?.presence.state).toBe('wrap_up');
    expect(b.rung).toEqual([]);
    clock.advance(10_000);
    await settle();
    expect(b.rung).toEqual([['1001']]);
  });

  test('a VIP caller overtakes the callers already waiting', async () => {
    const { service } = setup({ number: '6001', vip_numbers: ['13900000000'] }, ['8001']);
    const busy = new ScriptedCaller('x', '1');
    void service.enter('6001', busy);
    await settle();
    busy.answer();
    await settle();
    const plain = new ScriptedCaller('a', '2');
    const vip = new ScriptedCaller('b', '13900000000');
    void service.enter('6001', plain);
    void service.enter('6001', vip);
    await settle();
    service.agents.hungUp(service.agents.get('8001') as never);
    await settle();
    expect(vip.rung).toEqual([['1001']]);
    expect(plain.rung).toEqual([]);
  });

  test('last-agent routing waits for the agent who served the caller before, then takes anyone', async () => {
    const { service, store, clock, bus } = setup({ number: '6001', strategy: 'last_agent', preferred_wait: 20 }, ['8001', '8002']);
    store.lastAgent.set('13800000009', '8002');
    // 8002 is talking (a direct call); 8001 is free, but the returning caller waits for 8002 first.
    bus.publish('call.answered', { call_id: 'direct', from: '1003', to: '1002', agent: '1002' });
    const returning = new ScriptedCaller('r', '13800000009');
    void service.enter('6001', returning);
    await settle();
    expect(returning.rung).toEqual([]);
    clock.advance(20_000);
    await settle();
    expect(returning.rung).toEqual([['1001']]);
  });

  test('last-agent routing rings the preferred agent as soon as they are free', async () => {
    const { service, store, bus } = setup({ number: '6001', strategy: 'last_agent', preferred_wait: 20 }, ['8001', '8002']);
    store.lastAgent.set('13800000009', '8002');
    bus.publish('call.answered', { call_id: 'direct', from: '1003', to: '1002', agent: '1002' });
    const returning = new ScriptedCaller('r', '13800000009');
    void service.enter('6001', returning);
    await settle();
    bus.publish('call.ended', { call_id: 'direct', cdr_id: 1, disposition: 'answered', cause: 'caller_hangup' });
    await settle();
    expect(returning.rung).toEqual([['1002']]);
  });

  test('a call to an agent’s own extension makes the agent busy for the queue', async () => {
    const { service, bus } = setup({ number: '6001' }, ['8001']);
    bus.publish('call.answered', { call_id: 'direct', from: '1003', to: '1001', agent: '1001' });
    const caller = new ScriptedCaller('a', '1');
    void service.enter('6001', caller);
    await settle();
    expect(service.agents.get('8001')?.presence).toMatchObject({ state: 'on_call', direction: 'inbound' });
    expect(caller.rung).toEqual([]);
    bus.publish('call.ended', { call_id: 'direct', cdr_id: 1, disposition: 'answered', cause: 'caller_hangup' });
    await settle();
    expect(caller.rung).toEqual([['1001']]);
  });

  test('pressing the callback key keeps the caller’s number for a callback and ends the wait', async () => {
    const { service, store } = setup({ number: '6001', callback_key: '2' }, []);
    const caller = new ScriptedCaller('a', '13800000001');
    const exit = service.enter('6001', caller);
    await settle();
    caller.press('2');
    expect(await exit).toEqual({ kind: 'done' });
    expect(store.callbacks).toEqual([{ queue: '6001', number: '13800000001', state: 'waiting', attempts: 0 }]);
    // The request keeps the caller's place in line: it is the queue's next call.
    expect(service.queues.get('6001')?.waiting.head()?.id).toBe('cb1');
    expect(store.events('callback_requested')).toHaveLength(1);
  });

  test('logins survive a restart: a new service restores them from the store, paused ones paused', async () => {
    const { store, service } = setup({ number: '6001' }, ['8001', '8002']);
    service.agents.apply(service.agents.get('8002') as never, { type: 'pause', reason: 'break' });
    const again = acdFixture(store).service;
    again.restoreSessions();
    expect(again.agents.get('8001')).toMatchObject({ extension: '1001', presence: { state: 'available' } });
    expect(again.agents.get('8002')).toMatchObject({ extension: '1002', presence: { state: 'paused', pauseReason: 'break' } });
  });

  test('extension members (CONTRACT queues) are always logged in at themselves', async () => {
    const store = new MemoryStore();
    store.queueList = [queueConfig({ number: '6001', agents: ['1003', '1002'] })];
    const { service } = acdFixture(store);
    const caller = new ScriptedCaller('a', '1');
    void service.enter('6001', caller);
    await settle();
    expect(caller.rung).toEqual([['1003']]);
  });
});

describe('callbacks', () => {
  test('a callback keeps the caller’s place: the next free agent is rung first, then the caller is dialled', async () => {
    const { service, store } = setup({ number: '6001', callback_key: '2' }, ['8001']);
    const originated: { agentExtension: string; number: string }[] = [];
    let finish: (r: { outcome: 'connected' | 'agent-failed' | 'customer-failed'; callId: string | null }) => void = () => {};
    service.attachCalls({
      originate: (r) => {
        originated.push({ agentExtension: r.agentExtension, number: r.number });
        return new Promise((resolve) => {
          finish = resolve;
        });
      },
    });
    // 8001 is busy; the first caller asks for a callback, a second caller comes later.
    const busy = new ScriptedCaller('x', '1');
    void service.enter('6001', busy);
    await settle();
    busy.answer();
    await settle();
    const asker = new ScriptedCaller('a', '13800000001');
    void service.enter('6001', asker);
    await settle();
    asker.press('2');
    await settle();
    const later = new ScriptedCaller('b', '13800000002');
    void service.enter('6001', later);
    await settle();
    service.agents.hungUp(service.agents.get('8001') as never);
    await settle();
    expect(originated).toEqual([{ agentExtension: '1001', number: '13800000001' }]);
    expect(later.rung).toEqual([]);
    finish({ outcome: 'connected', callId: 'cb-call' });
    await settle();
    expect(service.agents.get('8001')).toMatchObject({ callId: 'cb-call', presence: { state: 'on_call', direction: 'outbound' } });
    expect(store.callbacks[0]?.state).toBe('done');
  });
});
