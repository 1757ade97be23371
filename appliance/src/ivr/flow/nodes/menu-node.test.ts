import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { Flow, FlowNode } from '../flow-schema.ts';
import { type ScriptEvent, ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from '../test-kit.ts';

function menuFlow(main: Partial<Extract<FlowNode, { type: 'menu' }>> = {}): Flow {
  return {
    start: 'main',
    nodes: {
      main: {
        type: 'menu',
        prompt: { tts: 'main' },
        options: { '1': 'sales', '2': 'sub' },
        timeout_s: 5,
        retries: 2,
        invalid_prompt: { tts: 'invalid' },
        timeout_prompt: { tts: 'timeout' },
        on_fail: 'fail',
        operator: 'op',
        var: 'choice',
        ...main,
      },
      sub: { type: 'menu', prompt: { tts: 'sub' }, options: { '1': 'support' }, timeout_s: 5, retries: 1, on_fail: 'fail' },
      sales: { type: 'goto', destination: { queue: '6001' } },
      support: { type: 'goto', destination: { queue: '6002' } },
      op: { type: 'goto', destination: { extension: '1001' } },
      fail: { type: 'hangup', prompt: { tts: 'bye' } },
    },
  };
}

let kit: FlowKit;
afterEach(() => kit.close());

async function run(flow: Flow, script: ScriptEvent[]) {
  const clock = new FakeClock();
  kit = flowKit(clock);
  const caller = new ScriptedCaller({ clock, script });
  const outcome = await new FlowRunner(kit.deps).run(caller, loadedFlow(flow));
  return { outcome, caller, played: caller.played };
}

const key = (at: number, k: string): ScriptEvent => ({ at, key: k });
const where = (outcome: { kind: string; destination?: object }) => (outcome.kind === 'destination' ? outcome.destination : outcome.kind);

describe('menu node', () => {
  test.each<[string, ScriptEvent[], object | string, string[]]>([
    ['an option during the prompt', [key(500, '1')], { queue: '6001' }, [tts('main')]],
    ['an option after the prompt', [key(3000, '1')], { queue: '6001' }, [tts('main')]],
    ['0 goes to the operator', [key(1500, '0')], { extension: '1001' }, [tts('main')]],
    ['* goes back to the previous menu', [key(1500, '2'), key(3000, '*'), key(5000, '1')], { queue: '6001' }, [tts('main'), tts('sub'), tts('main')]],
    ['* at the first menu plays it again', [key(1500, '*'), key(3000, '1')], { queue: '6001' }, [tts('main'), tts('main')]],
    ['a second-level option', [key(1500, '2'), key(2500, '1')], { queue: '6002' }, [tts('main'), tts('sub')]],
    ['an invalid key, then a valid one', [key(1500, '9'), key(3500, '1')], { queue: '6001' }, [tts('main'), tts('invalid'), tts('main')]],
    ['three timeouts use up the attempts', [], 'hangup', [tts('main'), tts('timeout'), tts('main'), tts('timeout'), tts('main'), tts('timeout'), tts('bye')]],
    ['three invalid keys use up the attempts', [key(1500, '9'), key(3500, '8'), key(5500, '7')], 'hangup', [tts('main'), tts('invalid'), tts('main'), tts('invalid'), tts('main'), tts('invalid'), tts('bye')]],
  ])('%s', async (_name, script, destination, played) => {
    const r = await run(menuFlow(), script);
    expect(where(r.outcome)).toEqual(destination);
    expect(r.played).toEqual(played);
  });

  test('waits timeout_s after the prompt: a key just before counts, just after is a timeout', async () => {
    // The prompt ends at 1 s; the key window closes at 6 s.
    const inTime = await run(menuFlow({ retries: 0 }), [key(5999, '1')]);
    expect(where(inTime.outcome)).toEqual({ queue: '6001' });
    kit.close();
    const late = await run(menuFlow({ retries: 0 }), [key(6001, '1')]);
    expect(where(late.outcome)).toBe('hangup');
    expect(late.caller.heard.find((e) => e.kind === 'collect')).toMatchObject({ at: 1000, got: '', request: { max: 1, firstDigitMs: 5000 } });
  });

  test('the last failure picks on_timeout or on_invalid over on_fail', async () => {
    const timedOut = await run(menuFlow({ retries: 0, on_timeout: 'op', on_invalid: 'sales' }), []);
    expect(where(timedOut.outcome)).toEqual({ extension: '1001' });
    kit.close();
    const invalid = await run(menuFlow({ retries: 0, on_timeout: 'op', on_invalid: 'sales' }), [key(1500, '9')]);
    expect(where(invalid.outcome)).toEqual({ queue: '6001' });
  });

  test('an option on * or 0 wins over back and operator', async () => {
    const flow = menuFlow({ options: { '*': 'sales', '0': 'sub' }, operator: undefined });
    expect(where((await run(flow, [key(1500, '*')])).outcome)).toEqual({ queue: '6001' });
    kit.close();
    expect((await run(flow, [key(1500, '0')])).played).toEqual([tts('main'), tts('sub'), tts('sub'), tts('bye')]);
  });

  test('0 without an operator is an invalid key', async () => {
    const r = await run(menuFlow({ operator: undefined, retries: 0 }), [key(1500, '0')]);
    expect(r.played).toEqual([tts('main'), tts('invalid'), tts('bye')]);
    expect(kit.records.some((l) => l.msg === 'menu attempt failed' && l.failure === 'invalid')).toBe(true);
  });

  test('keeps the key pressed in var, and it reaches the destination outcome', async () => {
    const r = await run(menuFlow(), [key(500, '1')]);
    expect(r.outcome).toMatchObject({ kind: 'destination', vars: { choice: '1', caller: '13800138000' } });
  });

  test('a caller who hangs up during the menu is gone, not hung up on', async () => {
    const r = await run(menuFlow(), [{ at: 3000, hangup: true }]);
    expect(r.outcome).toEqual({ kind: 'caller-gone' });
    expect(r.played).toEqual([tts('main')]);
  });
});
