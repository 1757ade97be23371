import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { type EngineHarness, RtpPeer, receivedAtLeast, startEngine, streamConfig, tonePower, waitFor } from './engine-test-support.ts';
import { MediaEngineError } from './media-engine-error.ts';
import type { AudioCodec } from './media-types.ts';

let h: EngineHarness;
const peers: RtpPeer[] = [];

beforeEach(() => {
  h = startEngine({ min: 42600, max: 42799 });
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await h.close();
});

async function leg(codec: AudioCodec) {
  const p = await RtpPeer.open();
  peers.push(p);
  const e = await h.endpoint();
  await h.engine.configure(e.id, streamConfig(p, codec));
  return { e, p, codec };
}

const TONES = [400, 1000, 1600];

describe('conference', () => {
  test('each of three parties hears the other two, and not itself', async () => {
    // Mixed laws: the mix works on decoded audio.
    const legs = [await leg('PCMU'), await leg('PCMA'), await leg('PCMU')];
    await h.engine.conference(legs.map((l) => l.e.id));
    const stops = legs.map((l, i) => l.p.streamTone(l.e.port, { frequency: TONES[i] as number, codec: l.codec }));
    for (const l of legs) expect(await receivedAtLeast(h, l.e, 20)).toBe(true);
    for (const stop of stops) stop();

    legs.forEach(({ e, p, codec }, i) => {
      expect(p.received.length).toBeGreaterThan(5);
      expect(p.received.every((x) => x.ssrc === e.ssrc && x.payloadType === (codec === 'PCMU' ? 0 : 8))).toBe(true);
      const heard = p.decoded(codec);
      const own = tonePower(heard, TONES[i] as number);
      const others = TONES.filter((_, j) => j !== i).map((f) => tonePower(heard, f));
      for (const power of others) {
        expect(power).toBeGreaterThan(1e6);
        expect(power).toBeGreaterThan(20 * own);
      }
    });
  });

  test('when a party leaves, the other two go on hearing each other; with one left the conference ends', async () => {
    const [a, b, c] = [await leg('PCMU'), await leg('PCMU'), await leg('PCMU')];
    await h.engine.conference([a.e.id, b.e.id, c.e.id]);
    await h.engine.destroy(c.e.id);
    const stop = a.p.streamTone(a.e.port, { frequency: 1000 });
    expect(await waitFor(() => tonePower(b.p.decoded('PCMU'), 1000) > 1e6, 2000)).toBe(true);
    stop();

    await h.engine.unbridge(a.e.id);
    await Bun.sleep(40);
    const count = b.p.received.length;
    await Bun.sleep(100);
    // B is alone: nothing feeds it any more.
    expect(b.p.received.length).toBe(count);
    expect((await h.engine.stats(b.e.id))?.sent).toBe(count);
  });
});

/** Supervisor mixes over [caller, agent, supervisor], as pbx asks for them. */
const LISTEN = [[1], [0], [0, 1]];
const WHISPER = [[1], [0, 2], [0, 1]];
const [CALLER_TONE, AGENT_TONE, SUPERVISOR_TONE] = TONES as [number, number, number];
/** Well above any leak: a tone that is mixed in arrives at about 9e6 (amplitude 6000). */
const HEARD = 1e6;
/** A tone not in a mix shows only as G.711 quantisation noise at its frequency. */
const NOT_HEARD = 1e4;

/** Starts the three legs' tones, waits until each far end has had ~0.5 s of the mix, and returns what each heard. */
async function talkAll(legs: Awaited<ReturnType<typeof leg>>[]): Promise<Int16Array[]> {
  const stops = legs.map((l, i) => l.p.streamTone(l.e.port, { frequency: TONES[i] as number, codec: l.codec }));
  for (const l of legs) expect(await receivedAtLeast(h, l.e, 20)).toBe(true);
  expect(await waitFor(() => legs.every((l) => l.p.received.length >= 25), 3000)).toBe(true);
  for (const stop of stops) stop();
  return legs.map((l) => l.p.decoded(l.codec));
}

describe('conference with hearing lists (supervisor listen, whisper)', () => {
  test('listen: the supervisor hears caller and agent; neither hears the supervisor', async () => {
    const legs = [await leg('PCMU'), await leg('PCMA'), await leg('PCMU')];
    await h.engine.conference(
      legs.map((l) => l.e.id),
      LISTEN,
    );
    const [caller, agent, supervisor] = await talkAll(legs);

    expect(tonePower(caller as Int16Array, AGENT_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(caller as Int16Array, SUPERVISOR_TONE)).toBeLessThan(NOT_HEARD);
    expect(tonePower(agent as Int16Array, CALLER_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(agent as Int16Array, SUPERVISOR_TONE)).toBeLessThan(NOT_HEARD);
    expect(tonePower(supervisor as Int16Array, CALLER_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(supervisor as Int16Array, AGENT_TONE)).toBeGreaterThan(HEARD);
    // Nobody hears itself.
    for (const [i, heard] of [caller, agent, supervisor].entries()) expect(tonePower(heard as Int16Array, TONES[i] as number)).toBeLessThan(NOT_HEARD);
  });

  test('whisper: the agent hears the supervisor, the caller does not', async () => {
    const legs = [await leg('PCMU'), await leg('PCMU'), await leg('PCMA')];
    await h.engine.conference(
      legs.map((l) => l.e.id),
      WHISPER,
    );
    const [caller, agent, supervisor] = await talkAll(legs);

    expect(tonePower(caller as Int16Array, AGENT_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(caller as Int16Array, SUPERVISOR_TONE)).toBeLessThan(NOT_HEARD);
    expect(tonePower(agent as Int16Array, CALLER_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(agent as Int16Array, SUPERVISOR_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(supervisor as Int16Array, CALLER_TONE)).toBeGreaterThan(HEARD);
    expect(tonePower(supervisor as Int16Array, AGENT_TONE)).toBeGreaterThan(HEARD);
  });

  test('when the caller leaves a whisper, the agent and the supervisor go on hearing each other (indices move down)', async () => {
    const [caller, agent, supervisor] = [await leg('PCMU'), await leg('PCMU'), await leg('PCMU')];
    await h.engine.conference([caller.e.id, agent.e.id, supervisor.e.id], WHISPER);
    await h.engine.destroy(caller.e.id);
    const stops = [
      agent.p.streamTone(agent.e.port, { frequency: AGENT_TONE }),
      supervisor.p.streamTone(supervisor.e.port, { frequency: SUPERVISOR_TONE }),
    ];
    expect(await waitFor(() => tonePower(agent.p.decoded('PCMU'), SUPERVISOR_TONE) > HEARD, 3000)).toBe(true);
    expect(await waitFor(() => tonePower(supervisor.p.decoded('PCMU'), AGENT_TONE) > HEARD, 3000)).toBe(true);
    for (const stop of stops) stop();
  });

  test('when the agent leaves a listen, the supervisor still hears the caller, and the caller still not the supervisor', async () => {
    const [caller, agent, supervisor] = [await leg('PCMU'), await leg('PCMU'), await leg('PCMU')];
    await h.engine.conference([caller.e.id, agent.e.id, supervisor.e.id], LISTEN);
    await h.engine.unbridge(agent.e.id);
    const stops = [
      caller.p.streamTone(caller.e.port, { frequency: CALLER_TONE }),
      supervisor.p.streamTone(supervisor.e.port, { frequency: SUPERVISOR_TONE }),
    ];
    expect(await waitFor(() => tonePower(supervisor.p.decoded('PCMU'), CALLER_TONE) > HEARD, 3000)).toBe(true);
    expect(await waitFor(() => caller.p.received.length >= 25, 3000)).toBe(true);
    for (const stop of stops) stop();
    expect(tonePower(caller.p.decoded('PCMU'), SUPERVISOR_TONE)).toBeLessThan(NOT_HEARD);
    // The agent left the mix: it is sent nothing more.
    const count = agent.p.received.length;
    await Bun.sleep(60);
    expect(agent.p.received.length).toBe(count);
  });

  const invalid: { name: string; hears: unknown }[] = [
    { name: 'fewer lists than members', hears: [[1], [0]] },
    { name: 'more lists than members', hears: [[1], [0], [0, 1], []] },
    { name: 'an index past the last member', hears: [[1], [3], [0, 1]] },
    { name: 'a negative index', hears: [[-1], [0], [0, 1]] },
    { name: 'a member hearing itself', hears: [[0, 1], [0], [0, 1]] },
    { name: 'a fractional index', hears: [[1.5], [0], [0, 1]] },
    { name: 'a member named twice', hears: [[1, 1], [0], [0, 1]] },
    { name: 'a list that is not an array', hears: [1, [0], [0, 1]] },
    { name: 'hears that is not an array', hears: 'listen' },
  ];
  for (const { name, hears } of invalid) {
    test(`rejects hearing lists with ${name} and leaves the endpoints as they were`, async () => {
      const [a, b, c] = [await leg('PCMU'), await leg('PCMU'), await leg('PCMU')];
      await h.engine.bridge(a.e.id, b.e.id);
      const error = await h.engine.conference([a.e.id, b.e.id, c.e.id], hears as number[][]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaEngineError);
      expect((error as MediaEngineError).code).toBe('media_bad_hearing');
      expect((await h.engine.engineStats()).bridges).toBe(1);
    });
  }
});
