import { describe, expect, test } from 'bun:test';
import { ForbiddenError } from '../../errors.ts';
import { acdFixture, MemoryStore, queueConfig, ScriptedCaller, settle } from '../../testing/acd-fixture.ts';
import { AcdCommands } from './acd-commands.ts';

function setup(supervisors: string[] = []) {
  const store = new MemoryStore();
  store.agentList.push({ workNumber: '8001', name: '张敏', user: 'zhangmin', autoAnswer: false, enabled: true, pin: '1234' });
  store.agentList.push({ workNumber: '8002', name: '王芳', user: null, autoAnswer: false, enabled: true });
  store.queueList = [queueConfig({ number: '6001', members: [{ agent: '8001' }, { agent: '8002' }], supervisors })];
  const f = acdFixture(store);
  const commands = new AcdCommands(f.service);
  const events: { name: string; data: unknown }[] = [];
  f.bus.subscribe((e) => {
    events.push({ name: e.name, data: e.data });
  });
  return { ...f, store, commands, events };
}

describe('AcdCommands', () => {
  test('an agent logs in, pauses with a reason and becomes available; their own actions are not supervisor actions', () => {
    const { commands, service, events } = setup();
    const me = { username: 'zhangmin' };
    commands.login('8001', '1001', me);
    commands.pause('8001', 'break', me);
    expect(service.agents.get('8001')?.presence).toMatchObject({ state: 'paused', pauseReason: 'break' });
    commands.available('8001', me);
    expect(service.agents.get('8001')?.presence.state).toBe('available');
    expect(events.filter((e) => e.name === 'supervisor.action')).toEqual([]);
    expect(events.filter((e) => e.name === 'agent.state').map((e) => (e.data as { state: string }).state)).toEqual(['available', 'paused', 'available']);
  });

  test('an unknown pause reason, an unregistered extension and an impossible step are refused with the reason', () => {
    const { commands, registered } = setup();
    const me = { username: 'zhangmin' };
    registered.delete('1001');
    expect(() => commands.login('8001', '1001', me)).toThrow('has no phone registered');
    registered.add('1001');
    commands.login('8001', '1001', me);
    expect(() => commands.pause('8001', 'nap', me)).toThrow('no pause reason nap');
    expect(() => commands.extendWrapUp('8001', 30, me)).toThrow('not in wrap-up');
  });

  test('a supervisor forcing a pause is announced with who did it', () => {
    const { commands, events } = setup();
    commands.login('8002', '1002', { username: 'zhaolei' });
    commands.pause('8002', 'break', { username: 'zhaolei' });
    expect(events.filter((e) => e.name === 'supervisor.action').map((e) => e.data)).toEqual([
      { supervisor: 'zhaolei', action: 'force_pause', agent: '8002', call_id: null, queue: null },
    ]);
    expect(events.find((e) => e.name === 'agent.state' && (e.data as { state: string }).state === 'paused')?.data).toMatchObject({ by: 'zhaolei' });
  });

  test('a queue that names its supervisors is theirs (and administrators’): others are refused', async () => {
    const { commands, service } = setup(['zhaolei']);
    commands.login('8002', '1002', { username: 'zhaolei' });
    expect(() => commands.pause('8002', 'break', { username: 'other' })).toThrow(ForbiddenError);
    commands.pause('8002', 'break', { username: 'admin', everyQueue: true });
    const caller = new ScriptedCaller('c1', '13800000001');
    void service.enter('6001', caller);
    await settle();
    expect(() => commands.move('c1', { agent: '8002' }, { username: 'other' })).toThrow(ForbiddenError);
    commands.move('c1', { agent: '8002' }, { username: 'zhaolei' });
  });

  test('status shows waiting callers and agents', async () => {
    const { commands, service } = setup();
    void service.enter('6001', new ScriptedCaller('c1', '13800000001'));
    await settle();
    const status = commands.status();
    expect(status.queues[0]).toMatchObject({ number: '6001', offered: 1, waiting: [{ call_id: 'c1', position: 1 }] });
    expect(status.agents.map((a) => [a.agent, a.state])).toEqual([
      ['8001', 'logged_out'],
      ['8002', 'logged_out'],
    ]);
  });
});
