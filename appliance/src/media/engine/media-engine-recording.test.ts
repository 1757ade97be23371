import { afterAll, afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWavFormat, WavFormatError } from '../audio/index.ts';
import { type EngineHarness, loudest, RtpPeer, receivedAtLeast, startEngine, streamConfig, tonePower } from './engine-test-support.ts';
import type { AudioCodec } from './media-types.ts';

const dir = mkdtempSync(join(tmpdir(), 'media-engine-recording-'));
let h: EngineHarness;
const peers: RtpPeer[] = [];

beforeEach(() => {
  h = startEngine({ min: 42400, max: 42599 });
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await h.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function leg(codec: AudioCodec = 'PCMU') {
  const p = await RtpPeer.open();
  peers.push(p);
  const e = await h.endpoint();
  await h.engine.configure(e.id, streamConfig(p, codec));
  return { e, p };
}

/** The two channels of a stereo 16-bit recording, after checking its format. */
function readStereo(path: string): { left: Int16Array; right: Int16Array; fileBytes: number } {
  const bytes = readFileSync(path);
  const format = parseWavFormat(bytes);
  if (format instanceof WavFormatError) throw format;
  expect(format).toMatchObject({ encoding: 'pcm16', channels: 2, sampleRate: 8000, truncated: false });
  const frames = format.dataBytes / 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset + format.dataOffset, format.dataBytes);
  const left = new Int16Array(frames);
  const right = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = view.getInt16(i * 4, true);
    right[i] = view.getInt16(i * 4 + 2, true);
  }
  return { left, right, fileBytes: bytes.length };
}

/** Per 20 ms frame: which of `candidates` it carries, or null for silence. */
function frameTones(samples: Int16Array, candidates: number[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (let at = 0; at + 160 <= samples.length; at += 160) {
    const frame = samples.subarray(at, at + 160);
    const f = loudest(frame, candidates);
    out.push(tonePower(frame, f) > 1e5 ? f : null);
  }
  return out;
}

const dominated = (samples: Int16Array, by: number, over: number) => tonePower(samples, by) > 20 * tonePower(samples, over) && tonePower(samples, by) > 1e6;

describe('call recording', () => {
  test('records a bridged call as stereo WAV: the caller left, the callee right', async () => {
    const { e: a, p: pa } = await leg('PCMA');
    const { e: b, p: pb } = await leg('PCMU');
    await h.engine.bridge(a.id, b.id);
    const path = join(dir, 'call.wav');
    const recording = await h.engine.startRecording({ path, left: a.id, right: b.id });
    expect((await h.engine.engineStats()).recordings).toBe(1);
    const stops = [pa.streamTone(a.port, { frequency: 400, codec: 'PCMA' }), pb.streamTone(b.port, { frequency: 1000 })];
    expect(await receivedAtLeast(h, a, 20)).toBe(true);
    expect(await receivedAtLeast(h, b, 20)).toBe(true);
    for (const stop of stops) stop();

    const result = await h.engine.stopRecording(recording);
    expect(await h.engine.stopRecording(recording)).toBeNull();
    expect((await h.engine.engineStats()).recordings).toBe(0);
    const { left, right, fileBytes } = readStereo(path);
    expect(result?.bytes).toBe(fileBytes);
    expect(result?.durationMs).toBeCloseTo((left.length / 8000) * 1000, 6);
    expect(result?.durationMs ?? 0).toBeGreaterThan(0);
    expect(dominated(left, 400, 1000)).toBe(true);
    expect(dominated(right, 1000, 400)).toBe(true);
    // The bridge went on relaying while it was recorded.
    expect(pb.received.length).toBeGreaterThan(5);
    expect(loudest(pb.decoded('PCMU'), [400, 1000])).toBe(400);
    expect(loudest(pa.decoded('PCMA'), [400, 1000])).toBe(1000);
  });

  test('moveRecording() after a transfer: the callee’s channel follows the new leg', async () => {
    const { e: caller, p: pCaller } = await leg();
    const { e: agent, p: pAgent } = await leg();
    const { e: target, p: pTarget } = await leg();
    await h.engine.bridge(caller.id, agent.id);
    const path = join(dir, 'transfer.wav');
    const recording = await h.engine.startRecording({ path, left: caller.id, right: agent.id });
    const stops = [pCaller.streamTone(caller.port, { frequency: 400 }), pAgent.streamTone(agent.port, { frequency: 1000 })];
    expect(await receivedAtLeast(h, agent, 12)).toBe(true);

    await h.engine.bridge(caller.id, target.id);
    await h.engine.moveRecording(recording, agent.id, target.id);
    // The agent goes on talking, now to nobody the recording hears.
    stops.push(pTarget.streamTone(target.port, { frequency: 1600 }));
    expect(await receivedAtLeast(h, target, 12)).toBe(true);
    for (const stop of stops) stop();
    await h.engine.stopRecording(recording);

    const { left, right } = readStereo(path);
    // Per 20 ms of the right channel: A for the agent's 1000 Hz, T for the target's 1600 Hz, . for silence.
    const right20ms = frameTones(right, [400, 1000, 1600])
      .map((f) => (f === 1000 ? 'A' : f === 1600 ? 'T' : f === null ? '.' : 'x'))
      .join('');
    expect(right20ms).toMatch(/^\.*A[A.]*T[T.]*$/);
    expect(right20ms.replace(/[^T]/g, '').length).toBeGreaterThan(5);
    expect(dominated(left, 400, 1600)).toBe(true);
    expect(loudest(pTarget.decoded('PCMU'), [400, 1000, 1600])).toBe(400);
  });

  test('when the callee’s leg was destroyed first, the leg moved in takes the silent channel; the recording ends with its last leg', async () => {
    const { e: caller, p: pCaller } = await leg();
    const { e: agent } = await leg();
    const { e: target, p: pTarget } = await leg();
    const path = join(dir, 'destroyed.wav');
    const recording = await h.engine.startRecording({ path, left: caller.id, right: agent.id });
    const stops = [pCaller.streamTone(caller.port, { frequency: 400 })];
    expect(await receivedAtLeast(h, caller, 5)).toBe(true);
    await h.engine.destroy(agent.id);
    await h.engine.moveRecording(recording, agent.id, target.id);
    stops.push(pTarget.streamTone(target.port, { frequency: 1600 }));
    expect(await receivedAtLeast(h, target, 12)).toBe(true);
    for (const stop of stops) stop();

    await h.engine.destroy(caller.id);
    expect((await h.engine.engineStats()).recordings).toBe(1);
    await h.engine.destroy(target.id);
    // Orphaned: closed by the engine, so stopping it finds nothing.
    expect((await h.engine.engineStats()).recordings).toBe(0);
    expect(await h.engine.stopRecording(recording)).toBeNull();
    const { left, right } = readStereo(path);
    expect(dominated(left, 400, 1600)).toBe(true);
    expect(dominated(right, 1600, 400)).toBe(true);
  });

  test('a recording of an unknown endpoint is refused and nothing is recorded', async () => {
    const { e } = await leg();
    const path = join(dir, 'never.wav');
    await expect(h.engine.startRecording({ path, left: e.id, right: e.id + 100 })).rejects.toMatchObject({ reason: 'no_endpoint' });
    expect((await h.engine.engineStats()).recordings).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
