/**
 * The RIFF/WAVE container: find the `fmt ` and `data` chunks and say where
 * the samples are; build the canonical 44-byte header for recordings.
 *
 *   offset  size  field
 *   0       4     "RIFF"
 *   4       4     RIFF size = file length − 8      (little-endian throughout)
 *   8       4     "WAVE"
 *   12      …     chunks: id(4) size(4) payload, padded to an even length
 *                 `fmt `: format tag(2) channels(2) sample rate(4)
 *                         byte rate(4) block align(2) bits per sample(2)
 *                         [cbSize(2) valid bits(2) channel mask(4) sub-format GUID(16)]
 *                 `data`: the interleaved samples
 *
 * A recorder killed mid-call leaves sizes of 0, 0xFFFFFFFF or simply stale;
 * such files are still read, up to the last whole sample frame on disk.
 */
import { WavFormatError } from './wav-format-error.ts';

export type WavEncoding = 'pcm16' | 'alaw' | 'ulaw';

export interface WavFormat {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes per sample frame (one sample of every channel). */
  blockAlign: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of whole sample frames actually present. */
  dataBytes: number;
  /** The header's sizes disagreed with the file and the file was believed. */
  truncated: boolean;
}

export interface WavHeaderFields {
  channels: number;
  sampleRate: number;
  bitsPerSample: 16;
  dataBytes: number;
}

export const WAV_HEADER_BYTES = 44;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag. */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const UNKNOWN_SIZE = 0xffffffff;
const MAX_CHANNELS = 8;

interface FmtFields {
  encoding: WavEncoding;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

/**
 * Reads the container of a WAV file. `bytes` may be only the head of the file
 * when `fileLength` gives the full length (repair reads a few KiB, not hours
 * of audio). Returns the problem rather than throwing: files come from uploads.
 */
export function parseWavFormat(bytes: Uint8Array, fileLength = bytes.length): WavFormat | WavFormatError {
  if (bytes.length < 12) return new WavFormatError(`file too short for a RIFF header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (fourcc(bytes, 0) !== 'RIFF') return new WavFormatError(`not a RIFF file (starts with "${printable(fourcc(bytes, 0))}")`);
  if (fourcc(bytes, 8) !== 'WAVE') return new WavFormatError(`RIFF form is "${printable(fourcc(bytes, 8))}", not WAVE`);
  const riffSize = view.getUint32(4, true);
  const riffEnd = riffSize > 4 && riffSize !== UNKNOWN_SIZE && 8 + riffSize <= fileLength ? 8 + riffSize : fileLength;
  let truncated = riffEnd !== 8 + riffSize;
  let fmt: FmtFields | null = null;
  let offset = 12;
  while (offset + 8 <= Math.min(riffEnd, bytes.length)) {
    const id = fourcc(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const payload = offset + 8;
    if (id === 'data') {
      if (fmt === null) return new WavFormatError('data chunk comes before the fmt chunk');
      // A zero size with samples after it is a recorder that never patched its header.
      const sizeKnown = size !== UNKNOWN_SIZE && size <= riffEnd - payload && !(size === 0 && fileLength > payload);
      if (!sizeKnown) truncated = true;
      return located(fmt, payload, sizeKnown ? size : fileLength - payload, truncated);
    }
    if (payload + size > Math.min(riffEnd, bytes.length)) {
      return new WavFormatError(`chunk "${printable(id)}" runs past the end of the file`);
    }
    if (id === 'fmt ') {
      const parsed = parseFmt(view, payload, size);
      if (parsed instanceof WavFormatError) return parsed;
      fmt = parsed;
    }
    offset = payload + size + (size & 1);
  }
  return new WavFormatError(fmt === null ? 'no fmt chunk' : 'no data chunk');
}

function located(fmt: FmtFields, dataOffset: number, bytesPresent: number, truncated: boolean): WavFormat {
  const blockAlign = fmt.channels * (fmt.bitsPerSample / 8);
  const whole = bytesPresent - (bytesPresent % blockAlign);
  return { ...fmt, blockAlign, dataOffset, dataBytes: whole, truncated: truncated || whole !== bytesPresent };
}

function parseFmt(view: DataView, at: number, size: number): FmtFields | WavFormatError {
  if (size < 16) return new WavFormatError(`fmt chunk is ${size} bytes, needs at least 16`);
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) return new WavFormatError(`WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes, needs 40`);
    tag = view.getUint16(at + 24, true);
    for (let i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
      if (view.getUint8(at + 26 + i) !== SUBFORMAT_GUID_TAIL[i]) return new WavFormatError('unknown WAVE_FORMAT_EXTENSIBLE sub-format GUID');
    }
  }
  if (channels < 1 || channels > MAX_CHANNELS) return new WavFormatError(`unsupported channel count ${channels}`);
  if (sampleRate === 0) return new WavFormatError('sample rate is 0');
  const encoding = encodingOf(tag, bitsPerSample);
  if (encoding instanceof WavFormatError) return encoding;
  return { encoding, channels, sampleRate, bitsPerSample };
}

function encodingOf(tag: number, bits: number): WavEncoding | WavFormatError {
  switch (tag) {
    case WAVE_FORMAT_PCM:
      return bits === 16 ? 'pcm16' : new WavFormatError(`unsupported PCM bit depth ${bits} (only 16-bit)`);
    case WAVE_FORMAT_ALAW:
      return bits === 8 ? 'alaw' : new WavFormatError(`A-law with ${bits} bits per sample (must be 8)`);
    case WAVE_FORMAT_MULAW:
      return bits === 8 ? 'ulaw' : new WavFormatError(`µ-law with ${bits} bits per sample (must be 8)`);
    default:
      return new WavFormatError(`unsupported format tag 0x${tag.toString(16).padStart(4, '0')} (PCM, A-law or µ-law only)`);
  }
}

/** A canonical header: RIFF, `fmt ` (16-byte PCM) and the `data` chunk header. */
export function buildWavHeader(fields: WavHeaderFields): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES);
  writeWavHeader(header, fields);
  return header;
}

/** Fills a caller-owned 44-byte buffer, so a recorder can refresh its header without allocating. */
export function writeWavHeader(target: Uint8Array, fields: WavHeaderFields): void {
  if (target.length < WAV_HEADER_BYTES) throw new RangeError(`WAV header needs ${WAV_HEADER_BYTES} bytes, got ${target.length}`);
  const view = new DataView(target.buffer, target.byteOffset, WAV_HEADER_BYTES);
  const blockAlign = fields.channels * (fields.bitsPerSample / 8);
  // Past 4 GiB the sizes cannot be represented; readers then fall back to the file length.
  const dataBytes = Math.min(fields.dataBytes, UNKNOWN_SIZE - 36);
  writeFourcc(view, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeFourcc(view, 8, 'WAVE');
  writeFourcc(view, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, fields.channels, true);
  view.setUint32(24, fields.sampleRate, true);
  view.setUint32(28, fields.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, fields.bitsPerSample, true);
  writeFourcc(view, 36, 'data');
  view.setUint32(40, dataBytes, true);
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] as number, bytes[at + 1] as number, bytes[at + 2] as number, bytes[at + 3] as number);
}

function writeFourcc(view: DataView, at: number, id: string): void {
  for (let i = 0; i < 4; i++) view.setUint8(at + i, id.charCodeAt(i));
}

/** Keeps binary garbage out of error messages that reach logs and the UI. */
function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?');
}
