import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { Flow } from '../flow-schema.ts';
import { type ScriptEvent, ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from '../test-kit.ts';

const flow: Flow = {
  start: 'ask',
  nodes: {
    ask: { type: 'collect', prompt: { tts: 'account' }, min: 4, max: 6, terminator: '#', timeout_s: 3, var: 'acct', next: 'ok', on_fail: 'short' },
    ok: { type: 'goto', destination: { queue: '6001' } },
    short: { type: 'goto', destination: { extension: '1001' } },
  },
};

let kit: FlowKit;
afterEach(() => kit.close());

async function run(script: ScriptEvent[]) {
  const clock = new FakeClock();
  kit = flowKit(clock);
  const caller = new ScriptedCaller({ clock, script });
  const outcome = await new FlowRunner(kit.deps).run(caller, loadedFlow(flow));
  return { outcome, caller };
}

/** Keys typed one per `gap` ms from `from` on. */
const typed = (from: number, keys: string, gap = 500): ScriptEvent[] => [...keys].map((key, i) => ({ at: from + i * gap, key }));

describe('collect node', () => {
  test.each<[string, ScriptEvent[], 'next' | 'on_fail', string]>([
    ['ended by the terminator', typed(1500, '1234#'), 'next', '1234'],
    ['ended at max without a terminator', typed(1500, '1234567'), 'next', '123456'],
    ['typed ahead during the prompt', typed(200, '12345#'), 'next', '12345'],
    ['fewer than min before the terminator', typed(1500, '12#'), 'on_fail', '12'],
    ['a pause longer than the timeout ends the input', [...typed(1500, '12'), ...typed(6000, '34#')], 'on_fail', '12'],
    ['nothing at all', [], 'on_fail', ''],
  ])('%s', async (_name, script, branch, digits) => {
    const { outcome } = await run(script);
    expect(outcome).toMatchObject({
      kind: 'destination',
      destination: branch === 'next' ? { queue: '6001' } : { extension: '1001' },
      vars: { acct: digits },
    });
  });

  test('asks the port for max keys with the terminator and timeout_s between keys', async () => {
    const { caller } = await run([]);
    expect(caller.played).toEqual([tts('account')]);
    expect(caller.heard.find((e) => e.kind === 'collect')).toMatchObject({
      at: 1000,
      got: '',
      request: { max: 6, firstDigitMs: 3000, interDigitMs: 3000, terminator: '#' },
    });
    expect(caller.elapsed).toBe(4000);
  });

  test('a caller who hangs up while typing is gone', async () => {
    const { outcome } = await run([...typed(1500, '12'), { at: 2500, hangup: true }]);
    expect(outcome).toEqual({ kind: 'caller-gone' });
  });
});
