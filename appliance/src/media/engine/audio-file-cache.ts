/**
 * Decoded prompts and music, kept in memory by path and modification time:
 * one music-on-hold file serves every held call without being read again,
 * and a replaced file is picked up on its next use.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { readWavFile } from '../audio/index.ts';
import { MediaEngineError } from './media-engine-error.ts';

const MAX_ENTRIES = 256;

export class AudioFileCache {
  private readonly entries = new Map<string, { mtimeMs: number; samples: Int16Array }>();

  constructor(private readonly baseDir?: string) {}

  /** 8 kHz mono samples of the file. */
  load(path: string): Int16Array {
    const full = isAbsolute(path) || !this.baseDir ? path : join(this.baseDir, path);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(full).mtimeMs;
    } catch {
      throw new MediaEngineError('bad_audio_file', `no audio file ${path}`);
    }
    const cached = this.entries.get(full);
    if (cached && cached.mtimeMs === mtimeMs) return cached.samples;
    let samples: Int16Array;
    try {
      samples = readWavFile(full);
    } catch (error) {
      throw new MediaEngineError('bad_audio_file', `${path}: ${(error as Error).message}`);
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(full, { mtimeMs, samples });
    return samples;
  }
}
