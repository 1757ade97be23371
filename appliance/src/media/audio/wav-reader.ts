/**
 * Prompts and music on hold into the media path's one internal format:
 * 8 kHz mono linear 16-bit. Wideband PCM is low-passed and decimated, stereo
 * is averaged, G.711 is expanded. Anything else is refused with a reason the
 * upload page can show, because resampling arbitrary rates well is not worth
 * carrying for files an administrator can convert once.
 */
import { readFileSync } from 'node:fs';
import { decimateByTwo } from './decimate-by-two.ts';
import { ALAW_TO_LINEAR, ULAW_TO_LINEAR } from '../codec/index.ts';
import { parseWavFormat, type WavFormat } from './wav-format.ts';
import { UnsupportedSampleRateError, WavFormatError } from './wav-format-error.ts';

const SUPPORTED_RATES = [8000, 16000];

/** Decodes a whole WAV file; throws WavFormatError (or UnsupportedSampleRateError). */
export function decodeWavToMono8k(bytes: Uint8Array): Int16Array {
  const format = parseWavFormat(bytes);
  if (format instanceof WavFormatError) throw format;
  if (!SUPPORTED_RATES.includes(format.sampleRate)) throw new UnsupportedSampleRateError(format.sampleRate, SUPPORTED_RATES);
  const mono = downmix(bytes, format);
  return format.sampleRate === 16000 ? decimateByTwo(mono) : mono;
}

/** Synchronous: prompts are read once into a cache, and a read of a few hundred KiB is cheaper than a promise per play. */
export function readWavFile(path: string): Int16Array {
  return decodeWavToMono8k(readFileSync(path));
}

function downmix(bytes: Uint8Array, format: WavFormat): Int16Array {
  const { channels, blockAlign, dataOffset } = format;
  const frames = format.dataBytes / blockAlign;
  const out = new Int16Array(frames);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleAt = sampleReader(format.encoding, view);
  const bytesPerSample = blockAlign / channels;
  for (let f = 0; f < frames; f++) {
    const base = dataOffset + f * blockAlign;
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += sampleAt(base + c * bytesPerSample);
    out[f] = Math.round(sum / channels);
  }
  return out;
}

function sampleReader(encoding: WavFormat['encoding'], view: DataView): (at: number) => number {
  switch (encoding) {
    case 'pcm16':
      return (at) => view.getInt16(at, true);
    case 'alaw':
      return (at) => ALAW_TO_LINEAR[view.getUint8(at)] as number;
    case 'ulaw':
      return (at) => ULAW_TO_LINEAR[view.getUint8(at)] as number;
  }
}
