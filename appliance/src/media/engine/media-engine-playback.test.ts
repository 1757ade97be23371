import { afterAll, afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavHeader } from '../audio/index.ts';
import { readTelephoneEvent, type TelephoneEvent } from '../dtmf/index.ts';
import {
  type EngineHarness,
  LOOPBACK,
  loudest,
  RtpPeer,
  type ReceivedPacket,
  sequenceSteps,
  sine,
  startEngine,
  streamConfig,
  tonePower,
  waitFor,
  zeroCrossingsPerSecond,
} from './engine-test-support.ts';
import { bindUdpMediaSocket } from './media-socket.ts';

const dir = mkdtempSync(join(tmpdir(), 'media-engine-playback-'));
let h: EngineHarness;
const peers: RtpPeer[] = [];

beforeEach(() => {
  h = startEngine({ min: 42200, max: 42399 }, { soundsDir: dir });
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await h.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function peer(): Promise<RtpPeer> {
  const p = await RtpPeer.open();
  peers.push(p);
  return p;
}

/** An endpoint sending to a fresh peer. */
async function leg(codec: 'PCMU' | 'PCMA' = 'PCMU', telephoneEvent: number | null = 101) {
  const p = await peer();
  const e = await h.endpoint();
  await h.engine.configure(e.id, streamConfig(p, codec, telephoneEvent));
  return { e, p };
}

/** An 8 kHz mono 16-bit WAV file in the test directory. */
function writeWav(name: string, samples: Int16Array): string {
  const header = buildWavHeader({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: samples.byteLength });
  writeFileSync(join(dir, name), Buffer.concat([header, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)]));
  return join(dir, name);
}

const event = (p: ReceivedPacket): TelephoneEvent => {
  const out = { event: -1, end: false, volume: 0, duration: 0 };
  readTelephoneEvent(p.payload, 0, p.payload.length, out);
  return out;
};

const timestampSteps = (packets: readonly ReceivedPacket[]) =>
  packets.slice(1).map((p, i) => (p.timestamp - (packets[i]?.timestamp ?? 0)) >>> 0);

describe('play(): tones', () => {
  test('sends the tone in 20 ms frames of the endpoint’s codec, one stream, at the tone’s frequency', async () => {
    const { e, p } = await leg('PCMA');
    await h.engine.play(e.id, { kind: 'tone', plan: 'cn', tone: 'dial' });
    expect(await waitFor(() => p.received.length >= 15, 2000)).toBe(true);
    const got = p.received.slice(0, 15);
    expect(got.every((x) => x.payloadType === 8 && x.payload.length === 160 && x.ssrc === e.ssrc)).toBe(true);
    expect(sequenceSteps(got)).toEqual(Array(14).fill(1));
    // 160 samples per packet at 8 kHz: 50 packets per second of media time.
    expect(timestampSteps(got)).toEqual(Array(14).fill(160));
    expect(got[0]?.marker).toBe(true);
    const audio = p.decoded('PCMA');
    // China's dial tone: a continuous 450 Hz.
    expect(loudest(audio, [350, 400, 425, 450, 500, 1000])).toBe(450);
    expect(Math.abs(zeroCrossingsPerSecond(audio) - 900)).toBeLessThan(20);
  });

  test('a two-frequency tone carries both (US dial tone: 350 + 440 Hz)', async () => {
    const { e, p } = await leg();
    await h.engine.play(e.id, { kind: 'tone', plan: 'us', tone: 'dial' });
    expect(await waitFor(() => p.received.length >= 10, 2000)).toBe(true);
    const audio = p.decoded('PCMU');
    const candidates = [300, 350, 400, 440, 480, 620];
    const [first, second] = candidates.map((f) => ({ f, power: tonePower(audio, f) })).sort((x, y) => y.power - x.power);
    expect([first?.f, second?.f].sort()).toEqual([350, 440]);
  });

  test('stopPlayback() stops the stream and reports no playback-finished', async () => {
    const { e, p } = await leg();
    await h.engine.play(e.id, { kind: 'tone', plan: 'itu', tone: 'dial' });
    expect(await waitFor(() => p.received.length >= 3, 2000)).toBe(true);
    await h.engine.stopPlayback(e.id);
    await Bun.sleep(40);
    const count = p.received.length;
    await Bun.sleep(100);
    expect(p.received.length).toBe(count);
    expect(h.events).toEqual([]);
  });
});

describe('play(): files', () => {
  test('plays a WAV file once, sample for sample within G.711, then reports playback-finished', async () => {
    const samples = sine(1000, 800, 8000);
    writeWav('beep.wav', samples);
    const { e, p } = await leg();
    // A relative path is looked up in soundsDir.
    const playback = await h.engine.play(e.id, { kind: 'file', path: 'beep.wav', loop: false });
    expect(await waitFor(() => h.events.length > 0, 2000)).toBe(true);
    expect(h.events).toEqual([{ type: 'playback-finished', endpoint: e.id, playback }]);
    await Bun.sleep(60);
    expect(p.received).toHaveLength(5);
    const heard = p.decoded('PCMU');
    expect(heard.every((s, i) => Math.abs(s - (samples[i] as number)) <= 32 + Math.abs(samples[i] as number) / 10)).toBe(true);
  });

  test('a looping file (music on hold) goes on past its end', async () => {
    const path = writeWav('short-loop.wav', sine(500, 320, 8000));
    const { e, p } = await leg();
    await h.engine.play(e.id, { kind: 'file', path, loop: true });
    expect(await waitFor(() => p.received.length >= 6, 2000)).toBe(true);
    expect(h.events).toEqual([]);
    expect(loudest(p.decoded('PCMU'), [400, 500, 600])).toBe(500);
  });

  test('a missing file is refused with bad_audio_file', async () => {
    const { e } = await leg();
    await expect(h.engine.play(e.id, { kind: 'file', path: 'no-such.wav', loop: false })).rejects.toMatchObject({ reason: 'bad_audio_file' });
  });
});

describe('sendDtmf() (RFC 4733)', () => {
  test('sends one key as telephone-events sharing the press’s timestamp, marker first, end bit on the last three', async () => {
    const { e, p } = await leg('PCMU', 101);
    await h.engine.sendDtmf(e.id, '5');
    expect(await waitFor(() => p.received.length >= 7, 2000)).toBe(true);
    await Bun.sleep(100);
    const got = p.received;
    expect(got).toHaveLength(7);
    expect(got.every((x) => x.payloadType === 101 && x.ssrc === e.ssrc && x.payload.length === 4)).toBe(true);
    expect(new Set(got.map((x) => x.timestamp)).size).toBe(1);
    expect(got.map((x) => x.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(sequenceSteps(got)).toEqual(Array(6).fill(1));
    const events = got.map(event);
    expect(events.every((x) => x.event === 5)).toBe(true);
    expect(events.map((x) => x.end)).toEqual([false, false, false, false, true, true, true]);
    expect(events.map((x) => x.duration)).toEqual([160, 320, 480, 640, 800, 800, 800]);
  });

  test('two presses of the same key get two timestamps, so the far end hears two digits', async () => {
    const { e, p } = await leg('PCMU', 101);
    await h.engine.sendDtmf(e.id, '55');
    expect(await waitFor(() => p.received.length >= 14, 3000)).toBe(true);
    const stamps = [...new Set(p.received.map((x) => x.timestamp))];
    expect(stamps).toHaveLength(2);
    expect(p.received.filter((x) => x.timestamp === stamps[0])).toHaveLength(7);
  });

  test('is refused on an endpoint that did not negotiate telephone-event', async () => {
    const { e } = await leg('PCMU', null);
    await expect(h.engine.sendDtmf(e.id, '1')).rejects.toMatchObject({ reason: 'no_telephone_event' });
  });

  test('on a bridged leg, the events and the relayed audio share one stream: no sequence number twice, one timestamp per press', async () => {
    const { e: a, p: pa } = await leg();
    const { e: b, p: pb } = await leg();
    await h.engine.bridge(a.id, b.id);
    const stop = pa.streamTone(a.port, { frequency: 400 });
    expect(await waitFor(() => pb.received.length >= 3, 2000)).toBe(true);
    await h.engine.sendDtmf(b.id, '9');
    expect(await waitFor(() => pb.received.filter((x) => x.payloadType === 101).length >= 7, 2000)).toBe(true);
    // Audio again after the press.
    const afterPress = pb.received.length;
    expect(await waitFor(() => pb.received.length >= afterPress + 5, 2000)).toBe(true);
    stop();
    const got = pb.received;
    expect(new Set(got.map((x) => x.ssrc))).toEqual(new Set([b.ssrc]));
    expect(new Set(got.map((x) => x.sequence)).size).toBe(got.length);
    expect(sequenceSteps(got).every((step) => step === 1)).toBe(true);
    const events = got.filter((x) => x.payloadType === 101);
    expect(events).toHaveLength(7);
    expect(new Set(events.map((x) => x.timestamp)).size).toBe(1);
    expect(events.map((x) => event(x).event)).toEqual(Array(7).fill(9));
    // Timestamps never run backwards across the switches between relayed audio and events.
    expect(timestampSteps(got).every((step) => step < 0x8000_0000)).toBe(true);
  });
});

describe('a phone that has gone away (ICMP port unreachable)', () => {
  async function closedPort(): Promise<number> {
    const gone = await Bun.udpSocket({ hostname: LOOPBACK });
    const port = gone.port;
    gone.close();
    return port;
  }

  test('a media socket sending there again and again loses packets but never throws', async () => {
    const socket = await bindUdpMediaSocket(LOOPBACK, 0, () => {});
    const port = await closedPort();
    try {
      for (let i = 0; i < 5; i++) expect(() => socket.send(new Uint8Array(172), port, LOOPBACK)).not.toThrow();
    } finally {
      socket.close();
    }
  });

  test('the media clock keeps playing through a stall that makes it send several frames back to back', async () => {
    const e = await h.endpoint();
    await h.engine.configure(e.id, streamConfig({ port: await closedPort() }));
    await h.engine.play(e.id, { kind: 'tone', plan: 'cn', tone: 'dial' });
    await Bun.sleep(60);
    // A stall of several periods (a GC pause, a slow synchronous read): the clock catches up at once.
    const until = performance.now() + 120;
    while (performance.now() < until) {}
    await Bun.sleep(20);
    const sent = (await h.engine.stats(e.id))?.sent ?? 0;
    expect(await waitFor(async () => ((await h.engine.stats(e.id))?.sent ?? 0) >= sent + 3, 2000)).toBe(true);
  });
});
