import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { silentLogger } from '../../system/index.ts';
import { LOOPBACK, RtpPeer, streamConfig, tonePower, waitFor } from './engine-test-support.ts';
import { MediaEngineError } from './media-engine-error.ts';
import { WorkerMediaControl } from './worker-media-control.ts';

let media: WorkerMediaControl;
const peers: RtpPeer[] = [];

beforeAll(async () => {
  media = await WorkerMediaControl.start(
    { address: LOOPBACK, advertise: LOOPBACK, ports: { min: 43000, max: 43099 }, logLevel: 'error' },
    silentLogger,
  );
});

afterAll(async () => {
  for (const p of peers.splice(0)) p.close();
  await media.close();
});

async function leg() {
  const p = await RtpPeer.open();
  peers.push(p);
  const e = await media.createEndpoint();
  await media.configure(e.id, streamConfig(p));
  return { e, p };
}

describe('WorkerMediaControl (the engine in its Worker)', () => {
  test('carries hearing lists: in a listen mix the supervisor hears caller and agent, the caller not the supervisor', async () => {
    const [caller, agent, supervisor] = [await leg(), await leg(), await leg()];
    await media.conference([caller.e.id, agent.e.id, supervisor.e.id], [[1], [0], [0, 1]]);
    const tones = [400, 1000, 1600] as const;
    const legs = [caller, agent, supervisor];
    const stops = legs.map((l, i) => l.p.streamTone(l.e.port, { frequency: tones[i] as number }));
    expect(await waitFor(() => legs.every((l) => l.p.received.length >= 25), 3000)).toBe(true);
    for (const stop of stops) stop();

    const heard = supervisor.p.decoded('PCMU');
    expect(tonePower(heard, 400)).toBeGreaterThan(1e6);
    expect(tonePower(heard, 1000)).toBeGreaterThan(1e6);
    expect(tonePower(caller.p.decoded('PCMU'), 1000)).toBeGreaterThan(1e6);
    expect(tonePower(caller.p.decoded('PCMU'), 1600)).toBeLessThan(1e4);
    for (const l of legs) await media.destroy(l.e.id);
  });

  test('rejects bad hearing lists with the typed engine error', async () => {
    const [a, b] = [await leg(), await leg()];
    const error = await media.conference([a.e.id, b.e.id], [[0], [0]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaEngineError);
    expect(error).toMatchObject({ code: 'media_bad_hearing', reason: 'bad_hearing' });
  });

  test('without hearing lists everyone hears all the others, as before', async () => {
    const [a, b, c] = [await leg(), await leg(), await leg()];
    await media.conference([a.e.id, b.e.id, c.e.id]);
    const stop = c.p.streamTone(c.e.port, { frequency: 1600 });
    expect(await waitFor(() => tonePower(a.p.decoded('PCMU'), 1600) > 1e6 && tonePower(b.p.decoded('PCMU'), 1600) > 1e6, 3000)).toBe(true);
    stop();
  });
});
