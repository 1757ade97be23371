import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../system/fake-clock.ts';
import { FlowRunner } from './flow-runner.ts';
import { type MenuForm, menuToFlow } from './menu-to-flow.ts';
import { type ScriptEvent, ScriptedCaller } from './scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from './test-kit.ts';
import { validateFlow } from './validate-flow.ts';

/** The `main` IVR of the provisioning example in the design contract. */
const CONTRACT_MAIN: MenuForm = {
  greeting: { tts: 'Welcome. For service press 1.' },
  options: { '1': { queue: '6001' }, '0': { extension: '1001' } },
  timeout: 5,
};

let kit: FlowKit | undefined;
afterEach(() => kit?.close());

async function call(menu: MenuForm, script: ScriptEvent[]) {
  const clock = new FakeClock();
  kit = flowKit(clock);
  const { flow, language } = menuToFlow(menu);
  const caller = new ScriptedCaller({ clock, script });
  const outcome = await new FlowRunner(kit.deps).run(caller, loadedFlow(flow, 'main', 1, language));
  return { outcome, caller };
}

describe('menuToFlow', () => {
  test('converts the contract example into a menu and one goto per key', () => {
    expect(menuToFlow(CONTRACT_MAIN)).toEqual({
      language: 'zh',
      flow: {
        start: 'menu',
        nodes: {
          menu: {
            type: 'menu',
            prompt: { tts: 'Welcome. For service press 1.' },
            options: { '1': 'option_1', '0': 'option_0' },
            timeout_s: 5,
            retries: 2,
            on_fail: 'fail',
          },
          option_1: { type: 'goto', destination: { queue: '6001' } },
          option_0: { type: 'goto', destination: { extension: '1001' } },
          fail: { type: 'hangup' },
        },
      },
    });
  });

  test('the converted flows pass validation', () => {
    const full: MenuForm = {
      greeting: { file: 'custom/welcome.wav', voice: 'en-us' },
      options: { '*': { ivr: 'other' }, '#': { hangup: true }, '9': { voicemail: '1001' } },
      retries: 0,
      on_timeout: { queue: '6001' },
      on_invalid: { extension: '1001' },
    };
    expect(validateFlow(menuToFlow(CONTRACT_MAIN).flow)).toEqual([]);
    expect(validateFlow(menuToFlow(full).flow)).toEqual([]);
    expect(menuToFlow(full).language).toBe('en');
    expect(Object.keys(menuToFlow(full).flow.nodes).sort()).toEqual(['fail', 'invalid', 'menu', 'option_9', 'option_hash', 'option_star', 'timed_out']);
  });

  test.each<[string, ScriptEvent[], object]>([
    ['1 goes to the queue', [{ at: 800, key: '1' }], { kind: 'destination', destination: { queue: '6001' } }],
    ['0 goes to the extension', [{ at: 2000, key: '0' }], { kind: 'destination', destination: { extension: '1001' } }],
    ['no key: three attempts, then hangup', [], { kind: 'hangup' }],
  ])('a call to the contract example: %s', async (_name, script, outcome) => {
    const r = await call(CONTRACT_MAIN, script);
    expect(r.outcome).toMatchObject(outcome);
  });

  test('no key replays the greeting every 5 s, three times in all', async () => {
    const { caller } = await call(CONTRACT_MAIN, []);
    expect(caller.heard.filter((e) => e.kind === 'play').map((e) => e.at)).toEqual([0, 6000, 12000]);
    expect(caller.played).toEqual(Array(3).fill(tts('Welcome. For service press 1.')));
  });

  test('on_timeout and on_invalid are followed after the last attempt', async () => {
    const menu: MenuForm = { ...CONTRACT_MAIN, retries: 0, on_timeout: { queue: '6002' }, on_invalid: { extension: '1002' } };
    expect((await call(menu, [])).outcome).toMatchObject({ destination: { queue: '6002' } });
    kit?.close();
    expect((await call(menu, [{ at: 1500, key: '7' }])).outcome).toMatchObject({ destination: { extension: '1002' } });
  });
});
