import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordOutcome, RecordRequest } from '../../../pbx/index.ts';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { Flow } from '../flow-schema.ts';
import { type ScriptEvent, ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow, tts } from '../test-kit.ts';
import { RECORD_SILENCE_MS } from './record-node.ts';

const flow: Flow = {
  start: 'leave',
  nodes: {
    leave: { type: 'record', prompt: { tts: 'after the beep' }, max_s: 30, var: 'message', next: 'done' },
    done: { type: 'goto', destination: { extension: '1001' } },
  },
};

let kit: FlowKit;
afterEach(() => kit.close());

async function run(script: ScriptEvent[], make = (clock: FakeClock) => new ScriptedCaller({ clock, script })) {
  const clock = new FakeClock();
  kit = flowKit(clock);
  const caller = make(clock);
  const outcome = await new FlowRunner(kit.deps).run(caller, loadedFlow(flow));
  return { outcome, caller };
}

describe('record node', () => {
  test('prompt, beep, then a recording ended by # whose path goes into var', async () => {
    const { outcome, caller } = await run([{ at: 9000, key: '#' }]);
    expect(caller.heard.map((e) => e.kind)).toEqual(['play', 'beep', 'record']);
    expect(caller.played).toEqual([tts('after the beep')]);
    const record = caller.heard.find((e) => e.kind === 'record');
    expect(record).toMatchObject({ request: { maxMs: 30_000, silenceMs: RECORD_SILENCE_MS, stopKeys: '#' }, outcome: { endedBy: 'key', key: '#' } });
    const path = (record as { request: RecordRequest }).request.path;
    expect(path).toStartWith(kit.deps.recordingsDir);
    expect(existsSync(dirname(path))).toBe(true);
    expect(outcome).toMatchObject({ kind: 'destination', vars: { message: path } });
  });

  test('stops at max_s', async () => {
    const { caller } = await run([]);
    expect(caller.heard.find((e) => e.kind === 'record')).toMatchObject({ outcome: { endedBy: 'max', durationMs: 30_000 } });
  });

  test('a caller who hangs up while recording is gone', async () => {
    const { outcome } = await run([{ at: 5000, hangup: true }]);
    expect(outcome).toEqual({ kind: 'caller-gone' });
  });

  test('a recording that fails leaves var empty, is logged, and the flow goes on', async () => {
    class BrokenRecorder extends ScriptedCaller {
      override async record(): Promise<RecordOutcome> {
        throw new Error('capture failed');
      }
    }
    const { outcome } = await run([], (clock) => new BrokenRecorder({ clock }));
    expect(outcome).toMatchObject({ kind: 'destination', vars: { message: '' } });
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'recording failed; going on without it' }));
  });
});
