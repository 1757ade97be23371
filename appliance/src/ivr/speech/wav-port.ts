/**
 * The WAV container helpers of the media domain, handed in by the composition
 * root: `ivr` may not import `media`, and a second WAV parser is not wanted.
 * The shapes below are the parts of media's `parseWavFormat` and
 * `buildWavHeader` that speech uses; the real functions fit them as they are.
 */
import { TtsEngineError } from './speech-errors.ts';

export interface WavLayout {
  encoding: string;
  channels: number;
  sampleRate: number;
  dataOffset: number;
  dataBytes: number;
}

export interface WavPort {
  parseWavFormat(bytes: Uint8Array): WavLayout | Error;
  buildWavHeader(fields: { channels: number; sampleRate: number; bitsPerSample: 16; dataBytes: number }): Uint8Array;
}

export interface MonoPcm {
  sampleRate: number;
  samples: Int16Array;
}

/**
 * The samples of a mono 16-bit PCM WAV, as a synthesiser writes it. The
 * header's sizes may be placeholders (a WAV streamed to a pipe cannot seek
 * back to fix them); the parser then trusts the length of the bytes.
 */
export function decodeMonoPcm16(wav: WavPort, bytes: Uint8Array): MonoPcm {
  const layout = wav.parseWavFormat(bytes);
  if (layout instanceof Error) throw new TtsEngineError('failed', `engine output is not a WAV file (${layout.message})`, { cause: layout });
  if (layout.encoding !== 'pcm16' || layout.channels !== 1) {
    throw new TtsEngineError('failed', `engine output is ${layout.encoding} with ${layout.channels} channels, expected mono 16-bit PCM`);
  }
  const count = layout.dataBytes >> 1;
  const samples = new Int16Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, count * 2);
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(i * 2, true);
  return { sampleRate: layout.sampleRate, samples };
}

/** A complete mono 16-bit WAV file: media's canonical header, then the samples little-endian. */
export function encodeMonoPcm16(wav: WavPort, pcm: MonoPcm): Uint8Array {
  const dataBytes = pcm.samples.length * 2;
  const header = wav.buildWavHeader({ channels: 1, sampleRate: pcm.sampleRate, bitsPerSample: 16, dataBytes });
  const file = new Uint8Array(header.length + dataBytes);
  file.set(header, 0);
  const view = new DataView(file.buffer, header.length, dataBytes);
  for (let i = 0; i < pcm.samples.length; i++) view.setInt16(i * 2, pcm.samples[i] as number, true);
  return file;
}
