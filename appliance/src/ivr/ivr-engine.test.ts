import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { IvrLauncher } from '../pbx/calls/call-routing.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import type { IvrFlowDefinition } from './flow/flow-schema.ts';
import { ScriptedCaller } from './flow/scripted-caller.ts';
import { type FlowKit, flowKit, tts } from './flow/test-kit.ts';
import { IvrEngine, IvrFlows } from './ivr-engine.ts';

const version = (greeting: string, queue: string): IvrFlowDefinition => ({
  flow: { start: 'hi', nodes: { hi: { type: 'play', prompt: { tts: greeting }, next: 'go' }, go: { type: 'goto', destination: { queue } } } },
});

let box: TempServices;
let kit: FlowKit;
let engine: IvrEngine;
beforeEach(() => {
  box = tempServices();
  kit = flowKit(box.clock);
  engine = new IvrEngine({ ...kit.deps, flows: new IvrFlows(box.services.ivrs) });
});
afterEach(() => {
  kit.close();
  box.close();
});

describe('IvrEngine', () => {
  test('hot reload: a call in progress finishes on its version, a new call gets the new one', async () => {
    const { id } = box.services.ivrs.create('main', version('v1', '6001'));
    let saved = false;
    const during = new ScriptedCaller({
      clock: box.clock,
      callId: 'in-progress',
      // Version 2 is saved while the caller hears the first prompt of version 1.
      onPlay: () => {
        if (saved) return;
        saved = true;
        box.services.ivrs.update(id, { definition: version('v2', '6002') });
      },
    });
    const first = await engine.run('main', during);
    expect(saved).toBe(true);
    expect(first).toMatchObject({ kind: 'destination', destination: { queue: '6001' } });
    expect(during.played).toEqual([tts('v1')]);

    const later = new ScriptedCaller({ clock: box.clock, callId: 'new' });
    expect(await engine.run('main', later)).toMatchObject({ kind: 'destination', destination: { queue: '6002' } });
    expect(later.played).toEqual([tts('v2')]);
  });

  test('runs an IVR saved in the menu form', async () => {
    box.services.ivrs.create('main', { greeting: { tts: '欢迎' }, options: { '1': { queue: '6001' } } });
    const caller = new ScriptedCaller({ clock: box.clock, script: [{ at: 300, key: '1' }] });
    expect(await engine.run('main', caller)).toMatchObject({ kind: 'destination', destination: { queue: '6001' } });
  });

  test('is what the call layer launches IVRs with (checked by the compiler)', async () => {
    const launcher: IvrLauncher = engine;
    box.services.ivrs.create('main', version('v1', '6001'));
    expect(await launcher.run('main', new ScriptedCaller({ clock: box.clock }))).toMatchObject({ kind: 'destination', destination: { queue: '6001' } });
  });

  test('no such IVR: null, and logged', async () => {
    expect(await engine.run('missing', new ScriptedCaller({ clock: box.clock }))).toBeNull();
    expect(kit.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'call to an IVR that does not exist', ivr: 'missing' }));
  });
});
