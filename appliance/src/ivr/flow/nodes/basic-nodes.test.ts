// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow templates are written ${name}, as the administrator writes them.
import { afterEach, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { Flow, FlowNode } from '../flow-schema.ts';
import { nowFields } from '../flow-session.ts';
import { ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from '../test-kit.ts';

let kit: FlowKit;
afterEach(() => kit.close());

/** Runs `nodes` from `first`; every flow ends in `end` (an extension, so the variables come back). */
async function run(first: string, nodes: Record<string, FlowNode>, options: { language?: 'zh' | 'en'; setup?: (k: FlowKit) => void } = {}) {
  const clock = new FakeClock();
  kit = flowKit(clock);
  options.setup?.(kit);
  const flow: Flow = { start: first, nodes: { ...nodes, end: { type: 'goto', destination: { extension: '1001' } } } };
  const caller = new ScriptedCaller({ clock });
  const outcome = await new FlowRunner(kit.deps).run(caller, loadedFlow(flow, 'main', 1, options.language ?? 'zh'));
  return { outcome, caller, clock };
}

describe('play node', () => {
  test('plays a file of the sounds directory', async () => {
    const { caller } = await run('p', { p: { type: 'play', prompt: { file: 'custom/welcome.wav' }, next: 'end' } });
    expect(caller.played).toEqual([join(kit.soundsDir, 'custom/welcome.wav')]);
  });

  test('speaks a text in the flow language, or the prompt language', async () => {
    const nodes: Record<string, FlowNode> = {
      a: { type: 'play', prompt: { tts: '你好，${caller}' }, next: 'b' },
      b: { type: 'play', prompt: { tts: 'hello', language: 'en' }, next: 'end' },
    };
    expect((await run('a', nodes)).caller.played).toEqual([tts('你好，13800138000'), tts('hello', 'en')]);
  });

  test.each([
    ['a missing sound file', { file: 'custom/nothing.wav' }, 'no sound file custom/nothing.wav'],
    ['a text speech fails on', { tts: 'broken' }, 'speech failed for "broken"'],
  ])('%s is skipped and logged; the flow goes on', async (_name, prompt, reason) => {
    const { outcome, caller } = await run(
      'p',
      { p: { type: 'play', prompt, next: 'q' }, q: { type: 'play', prompt: { tts: 'after' }, next: 'end' } },
      { setup: (k) => k.speech.failing.add('broken') },
    );
    expect(caller.played).toEqual([tts('after')]);
    expect(outcome).toMatchObject({ kind: 'destination' });
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'prompt skipped', reason }));
  });
});

describe('say node', () => {
  test('reads a value out by kind, in the flow or node language', async () => {
    const { caller } = await run('v', {
      v: { type: 'set', vars: { balance: '1234.50' }, next: 'a' },
      a: { type: 'say', say: 'amount', value: '${balance}', next: 'b' },
      b: { type: 'say', say: 'digits', value: '${caller}', language: 'en', next: 'end' },
    });
    expect(caller.played).toEqual(['say:amount:zh:1234.50', 'say:digits:en:13800138000']);
  });

  test('a value that does not read as its kind is skipped and logged', async () => {
    const { outcome, caller } = await run('a', { a: { type: 'say', say: 'number', value: 'abc', next: 'end' } });
    expect(caller.played).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'destination' });
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'say skipped', kind: 'number', value: 'abc' }));
  });
});

describe('set node', () => {
  test('sets variables in order, from templates and the clock', async () => {
    const { outcome, clock } = await run('s', { s: { type: 'set', vars: { a: 'x${caller}', b: '${a}!', when: '${now.date} ${now.time} ${now.weekday}' }, next: 'end' } });
    const now = nowFields(new Date(clock.now()));
    expect(outcome).toMatchObject({ vars: { a: 'x13800138000', b: 'x13800138000!', when: `${now.date} ${now.time} ${now.weekday}` } });
  });

  test('now fields read the local calendar', () => {
    // 2026-01-05 is a Monday; 2026-01-11 a Sunday.
    expect(nowFields(new Date(2026, 0, 5, 9, 7))).toMatchObject({ date: '2026-01-05', time: '09:07', weekday: '1', hour: '9', minute: '7' });
    expect(nowFields(new Date(2026, 0, 11, 23, 59)).weekday).toBe('7');
  });
});

describe('goto node', () => {
  test.each([
    ['an extension', { extension: '1002' }],
    ['a queue', { queue: '6001' }],
    ['voicemail', { voicemail: '1002' }],
    ['an external number', { external: '13900139000' }],
  ])('to %s ends the flow with the destination and variables', async (_name, destination) => {
    const { outcome } = await run('g', { g: { type: 'goto', destination } });
    expect(outcome).toEqual({ kind: 'destination', destination, vars: { caller: '13800138000', called: '4008001234', call_id: 'call-1' } });
  });

  test('to hangup hangs up', async () => {
    expect((await run('g', { g: { type: 'goto', destination: { hangup: true } } })).outcome).toEqual({ kind: 'hangup' });
  });

  test('to an IVR destination continues in that flow', async () => {
    const { outcome, caller } = await run('g', { g: { type: 'goto', destination: { ivr: 'night' } } }, {
      setup: (k) => k.flows.set('night', loadedFlow({ start: 'n', nodes: { n: { type: 'hangup', prompt: { tts: 'closed' } } } }, 'night')),
    });
    expect(caller.played).toEqual([tts('closed')]);
    expect(outcome).toEqual({ kind: 'hangup' });
  });
});

describe('hangup node', () => {
  test('says its prompt, then hangs up', async () => {
    const { outcome, caller } = await run('h', { h: { type: 'hangup', prompt: { tts: '再见' } } });
    expect(caller.played).toEqual([tts('再见')]);
    expect(outcome).toEqual({ kind: 'hangup' });
  });
});
