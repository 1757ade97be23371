import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../system/fake-clock.ts';
import { DEFAULT_MAX_STEPS, FlowRunner } from './flow-runner.ts';
import type { Flow, FlowNode } from './flow-schema.ts';
import { ScriptedCaller } from './scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from './test-kit.ts';

const APOLOGY_ZH = tts('抱歉，系统暂时无法处理您的请求，请稍后再拨。再见。');

let kit: FlowKit;
let clock: FakeClock;
afterEach(() => kit.close());

function setup(maxSteps?: number) {
  clock = new FakeClock();
  kit = flowKit(clock, maxSteps === undefined ? {} : { maxSteps });
  return new FlowRunner(kit.deps);
}

const one = (node: FlowNode): Flow => ({ start: 'a', nodes: { a: node } });

describe('flow runner', () => {
  test('goto flow continues in the current version of the other flow; variables carry over', async () => {
    const runner = setup();
    kit.flows.set('billing', loadedFlow({ start: 'x', nodes: { x: { type: 'goto', destination: { queue: '6002' } } } }, 'billing', 7));
    const main: Flow = {
      start: 'a',
      nodes: {
        a: { type: 'set', vars: { account: '42' }, next: 'b' },
        b: { type: 'goto', flow: 'billing' },
      },
    };
    const outcome = await runner.run(new ScriptedCaller({ clock }), loadedFlow(main));
    expect(outcome).toMatchObject({ kind: 'destination', destination: { queue: '6002' }, vars: { account: '42' } });
    expect(kit.records).toContainEqual(expect.objectContaining({ msg: 'IVR continues in another flow', to: 'billing', version: 7 }));
    expect(kit.records.find((r) => r.msg === 'IVR finished')).toMatchObject({ ivr: 'billing', version: 7, callId: 'call-1' });
  });

  test('flows that go to each other stop at the step budget: logged, the caller hears an apology, then hangup', async () => {
    const runner = setup();
    kit.flows.set('ping', loadedFlow(one({ type: 'goto', flow: 'pong' }), 'ping'));
    kit.flows.set('pong', loadedFlow(one({ type: 'goto', flow: 'ping' }), 'pong'));
    const caller = new ScriptedCaller({ clock });
    const outcome = await runner.run(caller, kit.flows.get('ping') as never);
    expect(outcome).toEqual({ kind: 'hangup' });
    expect(caller.played).toEqual([APOLOGY_ZH]);
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'error', msg: 'IVR step budget used up (a loop in the flows?)', steps: DEFAULT_MAX_STEPS }));
  });

  test('a loop inside one flow stops at the step budget too', async () => {
    const runner = setup(20);
    const flow: Flow = { start: 'a', nodes: { a: { type: 'set', vars: { x: '1' }, next: 'b' }, b: { type: 'branch', cases: [{ var: 'x', goto: 'a' }], default: 'a' } } };
    const outcome = await runner.run(new ScriptedCaller({ clock }), loadedFlow(flow, 'main', 1, 'en'));
    expect(outcome).toEqual({ kind: 'hangup' });
    expect(kit.records.filter((r) => r.msg === 'IVR node').length).toBe(20);
  });

  test('goto a flow that no longer exists: logged, apology, hangup', async () => {
    const runner = setup();
    const caller = new ScriptedCaller({ clock });
    const outcome = await runner.run(caller, loadedFlow(one({ type: 'goto', flow: 'deleted' })));
    expect(outcome).toEqual({ kind: 'hangup' });
    expect(caller.played).toEqual([APOLOGY_ZH]);
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'error', msg: 'goto names an IVR that does not exist', flow: 'deleted' }));
  });

  test('a node the runner cannot handle, or a missing node: logged, apology in the flow language, hangup', async () => {
    const runner = setup();
    const caller = new ScriptedCaller({ clock });
    const broken = { start: 'a', nodes: { a: { type: 'teleport' } } } as unknown as Flow;
    expect(await runner.run(caller, loadedFlow(broken, 'main', 1, 'en'))).toEqual({ kind: 'hangup' });
    expect(caller.played).toEqual([tts('Sorry, we cannot take your call right now. Please call again later. Goodbye.', 'en')]);
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'error', msg: 'IVR node failed', node: 'a' }));

    const missing = { start: 'a', nodes: { a: { type: 'play', prompt: { tts: 'x' }, next: 'gone' } } } as Flow;
    expect(await runner.run(new ScriptedCaller({ clock }), loadedFlow(missing))).toEqual({ kind: 'hangup' });
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'error', msg: 'IVR flow names a missing node', node: 'gone' }));
  });

  test('a caller already gone hears nothing', async () => {
    const runner = setup();
    const caller = new ScriptedCaller({ clock });
    caller.hangUp();
    expect(await runner.run(caller, loadedFlow(one({ type: 'hangup', prompt: { tts: 'bye' } })))).toEqual({ kind: 'caller-gone' });
    expect(caller.played).toEqual([]);
  });
});
