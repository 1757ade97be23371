import { afterEach, describe, expect, test } from 'bun:test';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../system/fake-clock.ts';
import { parseWavFormat, type WavFormat } from './wav-format.ts';
import { WavFormatError } from './wav-format-error.ts';
import { repairWav, WavRecorder } from './wav-recorder.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wav-recorder-'));
  dirs.push(dir);
  return join(dir, 'call.wav');
}

function format(path: string): WavFormat {
  const result = parseWavFormat(readFileSync(path));
  if (result instanceof WavFormatError) throw result;
  return result;
}

const headerSizes = (path: string) => {
  const v = new DataView(readFileSync(path).buffer);
  return { riff: v.getUint32(4, true), data: v.getUint32(40, true) };
};

/** Frame k of the caller is k·2+1 in every sample, the agent's −(k·2+1): each sample says where it came from. */
const caller = (k: number) => new Int16Array(160).fill(k * 2 + 1);
const agent = (k: number) => new Int16Array(160).fill(-(k * 2 + 1));

describe('WavRecorder', () => {
  test('writes a valid empty recording as soon as it opens', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    expect(statSync(path).size).toBe(44);
    expect(format(path)).toMatchObject({ channels: 2, sampleRate: 8000, dataBytes: 0, truncated: false });
    expect(await recorder.close()).toEqual({ bytes: 44, durationMs: 0 });
  });

  test('puts the caller on the left and the agent on the right; a null side is silence', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    recorder.writeFrame(caller(0), agent(0));
    recorder.writeFrame(caller(1), null);
    recorder.writeFrame(null, agent(2));
    recorder.writeFrame(null, null);
    expect(await recorder.close()).toEqual({ bytes: 44 + 4 * 160 * 4, durationMs: 80 });
    const samples = new Int16Array(readFileSync(path).buffer.slice(44));
    expect([samples[0], samples[1]]).toEqual([1, -1]);
    expect([samples[320], samples[321]]).toEqual([3, 0]);
    expect([samples[640], samples[641]]).toEqual([0, -5]);
    expect([samples[960], samples[961], samples[1279]]).toEqual([0, 0, 0]);
    expect(format(path)).toMatchObject({ dataBytes: 4 * 160 * 4, truncated: false });
  });

  test('gathers about 250 ms before writing, not one syscall per frame', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    for (let k = 0; k < 12; k++) recorder.writeFrame(caller(k), agent(k));
    expect(statSync(path).size).toBe(44);
    recorder.writeFrame(caller(12), agent(12)); // 13 × 160 ≥ 2000 sample frames: the buffer fills mid-frame
    expect(statSync(path).size).toBe(44 + 2000 * 4);
    await recorder.close();
  });

  test('refreshes the header sizes no more often than headerRefreshMs', async () => {
    const path = tempPath();
    const clock = new FakeClock();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock, headerRefreshMs: 5000 });
    for (let k = 0; k < 50 * 4; k++) {
      recorder.writeFrame(caller(k), agent(k));
      clock.advance(20);
    }
    expect(headerSizes(path).data).toBe(0);
    for (let k = 200; k < 50 * 6; k++) {
      recorder.writeFrame(caller(k), agent(k));
      clock.advance(20);
    }
    // The first write after 5 s of media refreshed the header; later writes did not.
    const { data } = headerSizes(path);
    expect(data).toBeGreaterThan(0);
    expect(data % (2000 * 4)).toBe(0);
    expect(data).toBeLessThan(statSync(path).size - 44);
    await recorder.close();
  });

  test('a crash leaves a stale header that repairWav fixes to the last flushed write', async () => {
    const path = tempPath();
    const clock = new FakeClock();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock });
    for (let k = 0; k < 30; k++) {
      recorder.writeFrame(caller(k), agent(k));
      clock.advance(20);
    }
    // Crash: never closed. 4800 sample frames written, two 2000-frame buffers reached the file.
    expect(headerSizes(path)).toEqual({ riff: 36, data: 0 });
    expect(repairWav(path)).toEqual({ bytes: 44 + 4000 * 4, durationMs: 500 });
    expect(headerSizes(path)).toEqual({ riff: 36 + 4000 * 4, data: 4000 * 4 });
    expect(format(path)).toMatchObject({ dataBytes: 4000 * 4, truncated: false });
    const samples = new Int16Array(readFileSync(path).buffer.slice(44));
    expect([samples[0], samples[1], samples[7998], samples[7999]]).toEqual([1, -1, 49, -49]);
  });

  test('repairWav trims a torn trailing sample frame', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    recorder.writeFrame(caller(0), agent(0));
    await recorder.close();
    appendFileSync(path, Uint8Array.from([1, 2, 3]));
    expect(repairWav(path)).toEqual({ bytes: 44 + 640, durationMs: 20 });
    expect(statSync(path).size).toBe(44 + 640);
  });

  test('repairWav leaves a closed recording as it was', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    for (let k = 0; k < 7; k++) recorder.writeFrame(caller(k), agent(k));
    const closed = await recorder.close();
    const before = readFileSync(path);
    expect(repairWav(path)).toEqual(closed);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('repairWav refuses a file with no usable header', async () => {
    const path = tempPath();
    writeFileSync(path, new Uint8Array(0));
    expect(() => repairWav(path)).toThrow(WavFormatError);
  });

  test('close() is exact, idempotent, and the recorder refuses frames after it', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    for (let k = 0; k < 101; k++) recorder.writeFrame(caller(k), agent(k));
    const size = await recorder.close();
    expect(size).toEqual({ bytes: 44 + 101 * 640, durationMs: 2020 });
    expect(statSync(path).size).toBe(size.bytes);
    expect(headerSizes(path)).toEqual({ riff: 36 + 101 * 640, data: 101 * 640 });
    expect(recorder.close()).toBe(recorder.close());
    expect(await recorder.close()).toEqual(size);
    expect(() => recorder.writeFrame(null, null)).toThrow('after close');
  });

  test('a mono recording holds one channel, buffered and repaired like stereo', async () => {
    const path = tempPath();
    const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 1, clock: new FakeClock() });
    for (let k = 0; k < 30; k++) recorder.writeFrame(caller(k));
    // 4800 samples: two full 2000-sample buffers reached the file before close.
    expect(statSync(path).size).toBe(44 + 4000 * 2);
    expect(await recorder.close()).toEqual({ bytes: 44 + 4800 * 2, durationMs: 600 });
    expect(format(path)).toMatchObject({ channels: 1, sampleRate: 8000, dataBytes: 4800 * 2 });
    const samples = new Int16Array(readFileSync(path).buffer.slice(44));
    expect([samples[0], samples[159], samples[160], samples[4799]]).toEqual([1, 1, 3, 59]);
  });

  test('refuses sides of different lengths', async () => {
    const recorder = WavRecorder.open(tempPath(), { sampleRate: 8000, channels: 2, clock: new FakeClock() });
    expect(() => recorder.writeFrame(new Int16Array(160), new Int16Array(80))).toThrow(RangeError);
    await recorder.close();
  });
});

test('durations are whole milliseconds, even where the division is inexact in floating point (4.02 s of stereo)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wav-ms-'));
  const path = join(dir, 'r.wav');
  const recorder = WavRecorder.open(path, { sampleRate: 8000, channels: 2, clock: new FakeClock() });
  const frame = new Int16Array(160);
  for (let i = 0; i < 201; i++) recorder.writeFrame(frame, frame);
  const size = await recorder.close();
  expect(size.durationMs).toBe(4020);
  expect(Number.isInteger(repairWav(path).durationMs)).toBe(true);
  rmSync(dir, { recursive: true, force: true });
});
