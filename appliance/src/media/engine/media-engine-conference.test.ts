import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { type EngineHarness, RtpPeer, receivedAtLeast, startEngine, streamConfig, tonePower, waitFor } from './engine-test-support.ts';
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
