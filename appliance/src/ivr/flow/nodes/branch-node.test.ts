import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { BranchCase, Flow } from '../flow-schema.ts';
import { ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow } from '../test-kit.ts';

/** A flow that plays one second, sets `level`, branches, and reports where it went as an extension. */
function branchFlow(cases: BranchCase[]): Flow {
  return {
    start: 'hello',
    nodes: {
      hello: { type: 'play', prompt: { tts: 'hello' }, next: 'vars' },
      vars: { type: 'set', vars: { level: 'gold', code: 'A-17' }, next: 'pick' },
      pick: { type: 'branch', cases, default: 'other' },
      first: { type: 'goto', destination: { extension: '1001' } },
      second: { type: 'goto', destination: { extension: '1002' } },
      other: { type: 'goto', destination: { extension: '1009' } },
    },
  };
}

let kit: FlowKit;
afterEach(() => kit.close());

async function pick(cases: BranchCase[], options: { startMs?: number; caller?: string } = {}) {
  const clock = new FakeClock(options.startMs);
  kit = flowKit(clock);
  // Office hours in UTC: 09:00 to 18:00.
  kit.conditions.set('office', (at) => at.getUTCHours() >= 9 && at.getUTCHours() < 18);
  const outcome = await new FlowRunner(kit.deps).run(new ScriptedCaller({ clock, caller: options.caller }), loadedFlow(branchFlow(cases)));
  return outcome.kind === 'destination' ? outcome.destination.extension : outcome.kind;
}

const at = (h: number, m = 0, s = 0, ms = 0) => Date.UTC(2026, 0, 5, h, m, s, ms);

describe('branch node', () => {
  test.each<[string, number, string]>([
    ['inside office hours', at(10), '1001'],
    ['after office hours', at(20), '1009'],
    ['before office hours', at(8, 59), '1009'],
    // Starts at 17:59:59.5; the one-second prompt ends after 18:00, when the branch is judged.
    ['judged when reached, on the clock', at(17, 59, 59, 500), '1009'],
  ])('time condition %s', async (_name, startMs, extension) => {
    expect(await pick([{ time_condition: 'office', goto: 'first' }], { startMs })).toBe(extension);
  });

  test('a time condition that no longer exists is taken as not holding, and logged', async () => {
    expect(await pick([{ time_condition: 'deleted', goto: 'first' }])).toBe('1009');
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'branch names a missing time condition', time_condition: 'deleted' }));
  });

  test.each<[string, BranchCase[], string | undefined, string]>([
    ['caller prefix matches', [{ caller: '138', goto: 'first' }], '13800138000', '1001'],
    ['caller prefix does not match', [{ caller: '139', goto: 'first' }], '13800138000', '1009'],
    ['caller pattern matches a mobile', [{ caller: '_1[3-9]XXXXXXXXX', goto: 'first' }], '13800138000', '1001'],
    ['caller pattern refuses a landline', [{ caller: '_1[3-9]XXXXXXXXX', goto: 'first' }], '01088886666', '1009'],
    ['var equals', [{ var: 'level', equals: 'gold', goto: 'first' }], undefined, '1001'],
    ['var does not equal', [{ var: 'level', equals: 'silver', goto: 'first' }], undefined, '1009'],
    ['var matches', [{ var: 'code', matches: '^A-[0-9]+$', goto: 'first' }], undefined, '1001'],
    ['var does not match', [{ var: 'code', matches: '^B', goto: 'first' }], undefined, '1009'],
    ['var is set', [{ var: 'level', goto: 'first' }], undefined, '1001'],
    ['var is unset', [{ var: 'nothing', goto: 'first' }], undefined, '1009'],
    [
      'the first case that holds wins',
      [
        { var: 'level', equals: 'silver', goto: 'first' },
        { var: 'level', goto: 'second' },
        { caller: '138', goto: 'first' },
      ],
      '13800138000',
      '1002',
    ],
  ])('%s', async (_name, cases, caller, extension) => {
    expect(await pick(cases, { caller })).toBe(extension);
  });
});
