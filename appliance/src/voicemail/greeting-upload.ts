/**
 * A greeting uploaded from the web UI, turned into the one format the media
 * path plays without work: 8 kHz mono 16-bit PCM. 8 or 16 kHz PCM or G.711,
 * mono or stereo, is accepted; anything else is refused with the reason.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import { buildWavHeader, readWavFile } from '../media/index.ts';

export const GREETING_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
const MIN_SAMPLES = 8000;
const MAX_SAMPLES = 120 * 8000;

/** The greeting as a canonical WAV; ValidationError on `greeting` naming what is wrong. */
export function normalizeGreeting(bytes: Uint8Array, scratchDir: string, name: string): Uint8Array {
  const problem = (message: string) => new ValidationError([{ path: 'greeting', message }]);
  if (bytes.length > GREETING_UPLOAD_MAX_BYTES) throw problem(`is larger than ${GREETING_UPLOAD_MAX_BYTES / 1024 / 1024} MiB`);
  // The WAV reader works on files; the upload passes through a scratch file of its own.
  const scratch = join(scratchDir, `${name}.upload`);
  let samples: Int16Array;
  try {
    writeFileSync(scratch, bytes);
    samples = readWavFile(scratch);
  } catch (error) {
    throw problem(`is not a WAV file the box can play: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    try {
      unlinkSync(scratch);
    } catch {
      // Never written: nothing to remove.
    }
  }
  if (samples.length < MIN_SAMPLES) throw problem('is shorter than 1 second');
  if (samples.length > MAX_SAMPLES) throw problem('is longer than 120 seconds');
  const out = new Uint8Array(44 + samples.length * 2);
  out.set(buildWavHeader({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: samples.length * 2 }));
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i] as number, true);
  return out;
}
