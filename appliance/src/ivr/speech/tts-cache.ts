/**
 * Rendered speech on disk, one WAV per (engine version, voice, rate, trim,
 * text), named by the hash of those. A text is rendered once: later requests
 * find the file, and requests that arrive while it renders wait for the same
 * render. A file appears under its final name only complete and synced
 * (temporary name, fsync, rename), so a crash leaves at worst a temporary
 * file that is never played and is swept later.
 *
 * A file's modification time is moved forward when it is used (at most once
 * an hour), so `sweep` can drop the least recently used first.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Logger } from '../../system/index.ts';
import { trimSilence } from './trim-silence.ts';
import { TTS_SAMPLE_RATE, type TtsEngine } from './tts-engine.ts';
import { encodeMonoPcm16, type WavPort } from './wav-port.ts';

/** Bumped when the file layout or the trimming changes. */
const CACHE_FORMAT = 1;
const TOUCH_AFTER_MS = 3600_000;
/** A temporary file this old belongs to a render that died with its process. */
const STALE_TEMP_MS = 10 * 60_000;
const TEMP_MARK = '.tmp-';

export interface TtsCacheRequest {
  text: string;
  voice: string;
  rate: number;
  /** Cut leading and trailing silence: for fragments played back to back. */
  trim: boolean;
}

export interface TtsCacheOptions {
  dir: string;
  engine: TtsEngine;
  wav: WavPort;
  clock: Clock;
  logger: Logger;
}

export interface SweepResult {
  removedFiles: number;
  removedBytes: number;
  keptBytes: number;
}

export class TtsCache {
  private readonly inFlight = new Map<string, Promise<string>>();
  private tempCounter = 0;

  constructor(private readonly options: TtsCacheOptions) {}

  get dir(): string {
    return this.options.dir;
  }

  /** The path of a WAV file speaking the request, rendering it first if needed. */
  async file(request: TtsCacheRequest): Promise<string> {
    const version = await this.options.engine.version();
    const name = `${cacheKey(version, request)}.wav`;
    const pending = this.inFlight.get(name);
    if (pending) return pending;
    const job = this.lookupOrRender(name, request).finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, job);
    return job;
  }

  /**
   * Keeps the cache under `maxBytes` and `maxAgeMs` (age since last use):
   * expired files go first, then the least recently used until it fits.
   * Files being written now are left alone; dead temporary files are removed.
   */
  async sweep(maxBytes: number, maxAgeMs = Number.POSITIVE_INFINITY): Promise<SweepResult> {
    const now = this.options.clock.now();
    const entries = await this.listEntries();
    const result: SweepResult = { removedFiles: 0, removedBytes: 0, keptBytes: 0 };
    const kept: typeof entries = [];
    for (const e of entries) {
      const dead = e.temp ? now - e.mtimeMs > STALE_TEMP_MS : now - e.mtimeMs > maxAgeMs;
      if (dead) await this.remove(e, result);
      else if (!e.temp) kept.push(e);
    }
    kept.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = kept.reduce((sum, e) => sum + e.size, 0);
    for (const e of kept) {
      if (total <= maxBytes) break;
      if (this.inFlight.has(e.name)) continue;
      await this.remove(e, result);
      total -= e.size;
    }
    result.keptBytes = total;
    if (result.removedFiles > 0) this.options.logger.info('speech cache swept', { ...result });
    return result;
  }

  private async lookupOrRender(name: string, request: TtsCacheRequest): Promise<string> {
    const path = join(this.options.dir, name);
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile()) {
      const now = this.options.clock.now();
      if (now - existing.mtimeMs > TOUCH_AFTER_MS) await utimes(path, now / 1000, now / 1000).catch(() => {});
      return path;
    }
    const rendered = await this.options.engine.render({ text: request.text, voice: request.voice, rate: request.rate });
    // A fragment that is all silence after trimming keeps its silence rather than becoming an empty file.
    const trimmed = request.trim ? trimSilence(rendered) : rendered;
    const samples = trimmed.length > 0 ? trimmed : rendered;
    await this.writeAtomically(path, encodeMonoPcm16(this.options.wav, { sampleRate: TTS_SAMPLE_RATE, samples }));
    this.options.logger.debug('speech rendered', { voice: request.voice, chars: request.text.length, file: name });
    return path;
  }

  private async writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
    // Every time, not once: a render costs far more than a mkdir, and someone may have emptied the data folder.
    await mkdir(this.options.dir, { recursive: true });
    const temp = `${path}${TEMP_MARK}${process.pid}-${++this.tempCounter}`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => {});
      await unlink(temp).catch(() => {});
      throw error;
    }
    await handle.close();
    await rename(temp, path);
  }

  private async listEntries(): Promise<CacheEntry[]> {
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    const entries: CacheEntry[] = [];
    for (const name of names) {
      const temp = name.includes(TEMP_MARK);
      if (!temp && !name.endsWith('.wav')) continue;
      const s = await stat(join(this.options.dir, name)).catch(() => null);
      if (s?.isFile()) entries.push({ name, temp, size: s.size, mtimeMs: s.mtimeMs });
    }
    return entries;
  }

  private async remove(entry: CacheEntry, result: SweepResult): Promise<void> {
    try {
      await unlink(join(this.options.dir, entry.name));
      result.removedFiles++;
      result.removedBytes += entry.size;
    } catch (error) {
      this.options.logger.warn('speech cache file not removed', { file: entry.name, error });
    }
  }
}

interface CacheEntry {
  name: string;
  temp: boolean;
  size: number;
  mtimeMs: number;
}

/** Voice first, so a person listing the folder sees which language a file is. */
export function cacheKey(engineVersion: string, request: TtsCacheRequest): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, engineVersion, request.voice, request.rate, request.trim, request.text]))
    .digest('hex');
  return `${request.voice.replace(/[^A-Za-z0-9-]/g, '_')}-${hash.slice(0, 32)}`;
}
