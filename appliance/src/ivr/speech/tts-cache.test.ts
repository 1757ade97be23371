import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavHeader, parseWavFormat, readWavFile } from '../../media/audio/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/logger.ts';
import { TtsEngineError } from './speech-errors.ts';
import { cacheKey, TtsCache, type TtsCacheRequest } from './tts-cache.ts';
import type { TtsEngine, TtsRenderRequest } from './tts-engine.ts';

const wav = { parseWavFormat, buildWavHeader };

/** Renders a burst whose length encodes the text, after the test says so when `hold` is set. */
class CountingEngine implements TtsEngine {
  renders: TtsRenderRequest[] = [];
  hold = false;
  fail: Error | null = null;
  private releases: (() => void)[] = [];
  constructor(public versionName = 'fake 1') {}

  async version(): Promise<string> {
    return this.versionName;
  }

  async render(request: TtsRenderRequest): Promise<Int16Array> {
    this.renders.push(request);
    if (this.hold) await new Promise<void>((resolve) => this.releases.push(resolve));
    if (this.fail) throw this.fail;
    const samples = new Int16Array(800 + 100 * request.text.length + 2000);
    for (let i = 1000; i < 1000 + 100 * request.text.length; i++) samples[i] = i % 2 ? 8000 : -8000;
    return samples;
  }

  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
}

const REQUEST: TtsCacheRequest = { text: '欢迎致电', voice: 'cmn-latn-pinyin', rate: 150, trim: false };

let dir: string;
let clock: FakeClock;
let engine: CountingEngine;
let cache: TtsCache;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'tts-cache-')), 'tts');
  clock = new FakeClock(Date.UTC(2026, 5, 1, 8, 0, 0));
  engine = new CountingEngine();
  cache = new TtsCache({ dir, engine, wav, clock, logger: silentLogger });
});

afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('rendering once', () => {
  test('a text is rendered once and then served from the file', async () => {
    const first = await cache.file(REQUEST);
    const second = await cache.file(REQUEST);
    expect(second).toBe(first);
    expect(engine.renders).toHaveLength(1);
    expect(readWavFile(first).length).toBe(800 + 100 * 4 + 2000);
  });

  test('a new cache over the same folder finds the files already rendered', async () => {
    const path = await cache.file(REQUEST);
    const again = new TtsCache({ dir, engine, wav, clock, logger: silentLogger });
    expect(await again.file(REQUEST)).toBe(path);
    expect(engine.renders).toHaveLength(1);
  });

  test('requests that arrive while a text renders share that one render', async () => {
    engine.hold = true;
    const waiting = [cache.file(REQUEST), cache.file(REQUEST), cache.file(REQUEST)];
    await settle();
    expect(engine.renders).toHaveLength(1);
    engine.release();
    const paths = await Promise.all(waiting);
    expect(new Set(paths).size).toBe(1);
    expect(engine.renders).toHaveLength(1);
  });

  test.each<[string, Partial<TtsCacheRequest>]>([
    ['text', { text: '欢迎致电!' }],
    ['voice', { voice: 'en-us' }],
    ['rate', { rate: 170 }],
    ['trimming', { trim: true }],
  ])('a different %s is a different file', async (_what, change) => {
    const a = await cache.file(REQUEST);
    const b = await cache.file({ ...REQUEST, ...change });
    expect(b).not.toBe(a);
    expect(engine.renders).toHaveLength(2);
  });

  test('a new engine version renders again', async () => {
    const a = await cache.file(REQUEST);
    engine.versionName = 'fake 2';
    const b = await cache.file(REQUEST);
    expect(b).not.toBe(a);
    expect(engine.renders).toHaveLength(2);
    expect(cacheKey('fake 1', REQUEST)).not.toBe(cacheKey('fake 2', REQUEST));
  });

  test('trimmed files lose the engine silence but keep a short pad', async () => {
    const plain = readWavFile(await cache.file(REQUEST));
    const trimmed = readWavFile(await cache.file({ ...REQUEST, trim: true }));
    expect(plain.length).toBe(3200);
    expect(trimmed.length).toBe(400 + 2 * 240);
  });

  test('files are named after the voice and a hash, never after the text', async () => {
    const path = await cache.file({ ...REQUEST, text: '../../etc/passwd', voice: 'en/../x' });
    expect(path.startsWith(`${dir}/`)).toBe(true);
    expect(path.slice(dir.length + 1)).toMatch(/^en____x-[0-9a-f]{32}\.wav$/);
  });
});

describe('atomic writes', () => {
  test('a cache folder removed from under the cache is made again', async () => {
    const first = await cache.file(REQUEST);
    rmSync(dir, { recursive: true });
    expect(await cache.file(REQUEST)).toBe(first);
    expect(existsSync(first)).toBe(true);
    expect(engine.renders).toHaveLength(2);
  });


  test('a failed render leaves no file, and the next request tries again', async () => {
    engine.fail = new TtsEngineError('failed', 'boom');
    await expect(cache.file(REQUEST)).rejects.toBeInstanceOf(TtsEngineError);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    engine.fail = null;
    await cache.file(REQUEST);
    expect(engine.renders).toHaveLength(2);
  });

  test('while a text renders nothing exists under its final name; afterwards no temporary file is left', async () => {
    engine.hold = true;
    const pending = cache.file(REQUEST);
    await settle();
    const finalName = `${cacheKey('fake 1', REQUEST)}.wav`;
    expect(existsSync(join(dir, finalName))).toBe(false);
    engine.release();
    expect(await pending).toBe(join(dir, finalName));
    expect(readdirSync(dir)).toEqual([finalName]);
  });

  test('a half-written temporary file from a crash is never served and is swept once stale', async () => {
    mkdirSync(dir, { recursive: true });
    const finalName = `${cacheKey('fake 1', REQUEST)}.wav`;
    const orphan = join(dir, `${finalName}.tmp-999-1`);
    writeFileSync(orphan, new Uint8Array(10));
    const at = clock.now() / 1000;
    utimesSync(orphan, at, at);
    const path = await cache.file(REQUEST);
    expect(path).toBe(join(dir, finalName));
    expect(readWavFile(path).length).toBe(3200);
    expect(engine.renders).toHaveLength(1);

    await cache.sweep(Number.POSITIVE_INFINITY);
    expect(existsSync(orphan)).toBe(true);
    clock.advance(11 * 60_000);
    await cache.sweep(Number.POSITIVE_INFINITY);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(path)).toBe(true);
  });
});

describe('sweep', () => {
  async function renderAt(text: string, ageMinutes: number): Promise<string> {
    const path = await cache.file({ ...REQUEST, text });
    const at = (clock.now() - ageMinutes * 60_000) / 1000;
    utimesSync(path, at, at);
    return path;
  }

  test('drops the least recently used files until the cache fits', async () => {
    const oldest = await renderAt('a', 30);
    const middle = await renderAt('b', 20);
    const newest = await renderAt('c', 10);
    const size = statSync(oldest).size;
    const result = await cache.sweep(2 * size);
    expect(result).toEqual({ removedFiles: 1, removedBytes: size, keptBytes: 2 * size });
    expect([existsSync(oldest), existsSync(middle), existsSync(newest)]).toEqual([false, true, true]);
  });

  test('using a file makes it recent again, so it outlives unused ones', async () => {
    const used = await renderAt('a', 300);
    const unused = await renderAt('b', 200);
    await cache.file({ ...REQUEST, text: 'a' });
    expect(statSync(used).mtimeMs).toBe(clock.now());
    await cache.sweep(statSync(used).size);
    expect([existsSync(used), existsSync(unused)]).toEqual([true, false]);
  });

  test('drops files unused for longer than the age limit even when there is room', async () => {
    const old = await renderAt('a', 48 * 60);
    const fresh = await renderAt('b', 60);
    const result = await cache.sweep(Number.POSITIVE_INFINITY, 24 * 3600_000);
    expect(result.removedFiles).toBe(1);
    expect([existsSync(old), existsSync(fresh)]).toEqual([false, true]);
  });

  test('a sweep of a cache never written to finds nothing to do', async () => {
    expect(await cache.sweep(0)).toEqual({ removedFiles: 0, removedBytes: 0, keptBytes: 0 });
  });

  test('a swept file is rendered again when next asked for', async () => {
    await cache.file(REQUEST);
    await cache.sweep(0);
    const path = await cache.file(REQUEST);
    expect(existsSync(path)).toBe(true);
    expect(engine.renders).toHaveLength(2);
  });
});
