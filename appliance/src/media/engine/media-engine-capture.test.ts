import { afterAll, afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWavFormat, WavFormatError } from '../audio/index.ts';
import { type EngineHarness, RtpPeer, receivedAtLeast, startEngine, streamConfig, tonePower, waitFor } from './engine-test-support.ts';
import type { MediaEvent } from './media-types.ts';

const dir = mkdtempSync(join(tmpdir(), 'media-engine-capture-'));
let h: EngineHarness;
const peers: RtpPeer[] = [];

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await h.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function caller() {
  const p = await RtpPeer.open();
  peers.push(p);
  const e = await h.endpoint();
  await h.engine.configure(e.id, streamConfig(p, 'PCMU'));
  return { e, p };
}

function readMono(path: string): Int16Array {
  const bytes = readFileSync(path);
  const format = parseWavFormat(bytes);
  if (format instanceof WavFormatError) throw format;
  expect(format).toMatchObject({ encoding: 'pcm16', channels: 1, sampleRate: 8000, truncated: false });
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + format.dataOffset, bytes.byteOffset + format.dataOffset + format.dataBytes));
}

const ended = (events: MediaEvent[]) => events.filter((e): e is Extract<MediaEvent, { type: 'capture-ended' }> => e.type === 'capture-ended');

describe('message capture', () => {
  test('records what the caller sends to a mono WAV until stopped', async () => {
    h = startEngine({ min: 42800, max: 42899 });
    const { e, p } = await caller();
    const path = join(dir, 'message.wav');
    const capture = await h.engine.startCapture({ endpoint: e.id, path, maxMs: 60_000, silenceMs: 0 });
    const stop = p.streamTone(e.port, { frequency: 700 });
    expect(await receivedAtLeast(h, e, 25)).toBe(true);
    stop();
    const result = await h.engine.stopCapture(capture);
    expect(await h.engine.stopCapture(capture)).toBeNull();
    const samples = readMono(path);
    expect(result?.bytes).toBe(44 + samples.length * 2);
    expect(tonePower(samples, 700)).toBeGreaterThan(20 * tonePower(samples, 1000));
    // Stopped by request: no event.
    expect(ended(h.events)).toEqual([]);
  });

  test('ends itself at the length limit', async () => {
    h = startEngine({ min: 42800, max: 42899 });
    const { e } = await caller();
    const capture = await h.engine.startCapture({ endpoint: e.id, path: join(dir, 'max.wav'), maxMs: 200, silenceMs: 0 });
    expect(await waitFor(() => ended(h.events).length === 1, 3000)).toBe(true);
    expect(ended(h.events)[0]).toMatchObject({ capture, endpoint: e.id, end: 'max', result: { durationMs: 200 } });
  });

  test('ends after silence once the caller has spoken, not before', async () => {
    h = startEngine({ min: 42800, max: 42899 });
    const { e, p } = await caller();
    await h.engine.startCapture({ endpoint: e.id, path: join(dir, 'silence.wav'), maxMs: 60_000, silenceMs: 300 });
    // 400 ms of nothing: no speech yet, so no end.
    await Bun.sleep(400);
    expect(ended(h.events)).toEqual([]);
    const stop = p.streamTone(e.port, { frequency: 500, amplitude: 8000 });
    expect(await receivedAtLeast(h, e, 15)).toBe(true);
    stop();
    expect(await waitFor(() => ended(h.events).length === 1, 3000)).toBe(true);
    expect(ended(h.events)[0]?.end).toBe('silence');
  });

  test('a capture whose endpoint is destroyed ends as gone, with its file closed', async () => {
    h = startEngine({ min: 42800, max: 42899 });
    const { e } = await caller();
    const path = join(dir, 'gone.wav');
    await h.engine.startCapture({ endpoint: e.id, path, maxMs: 60_000, silenceMs: 0 });
    await Bun.sleep(100);
    await h.engine.destroy(e.id);
    expect(await waitFor(() => ended(h.events).length === 1, 3000)).toBe(true);
    expect(ended(h.events)[0]?.end).toBe('gone');
    expect(readMono(path).length).toBeGreaterThan(0);
  });
});

describe('in-band DTMF', () => {
  test('keys the detector finds in the received audio come out as dtmf events', async () => {
    // A stand-in detector: a loud frame is a "5". The real one (spandsp) is tested in dsp/.
    h = startEngine({ min: 42800, max: 42899 }, { inbandDetector: () => ({ push: (s) => (tonePower(s, 700) > 1e6 ? '5' : ''), missing: () => '', close: () => {} }) });
    const { e, p } = await caller();
    await h.engine.detectInbandDtmf(e.id, true);
    const stop = p.streamTone(e.port, { frequency: 700 });
    expect(await waitFor(() => h.events.some((ev) => ev.type === 'dtmf' && ev.digit === '5' && ev.endpoint === e.id), 3000)).toBe(true);
    stop();
    await h.engine.detectInbandDtmf(e.id, false);
  });

  test('a box without a detector refuses in-band detection with a clear error', async () => {
    h = startEngine({ min: 42800, max: 42899 });
    const { e } = await caller();
    await expect(h.engine.detectInbandDtmf(e.id, true)).rejects.toThrow('in-band DTMF detection is not available');
  });
});
