/**
 * Call recording to a stereo WAV file, caller on the left and agent on the
 * right, written as the call goes so a crash loses seconds, not the call.
 *
 * Frames are interleaved into one pooled buffer and written when about a
 * quarter second has gathered: hundreds of recorders at 50 frames/s each
 * would otherwise cost tens of thousands of write syscalls a second.
 * The header's sizes are refreshed now and then rather than on every write;
 * whatever a crash leaves, repairWav() rebuilds them from the file length.
 */
import { close, closeSync, fstatSync, fsync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Clock } from '../../system/index.ts';
import { parseWavFormat, WAV_HEADER_BYTES, writeWavHeader } from './wav-format.ts';
import { WavFormatError } from './wav-format-error.ts';

export interface WavRecorderOptions {
  sampleRate: number;
  /** 2 for calls (caller left, agent right); 1 for a caller's message. */
  channels: 1 | 2;
  clock: Clock;
  /** Longest time the on-disk header may lag the samples behind it. Default 5000. */
  headerRefreshMs?: number;
  /** Audio gathered in memory before a write. Default 250. */
  bufferMs?: number;
  /** Samples per channel when both sides of a frame are silent (null). Default 160. */
  frameSamples?: number;
}

export interface RecordingSize {
  /** Length of the file on disk, header included. */
  bytes: number;
  durationMs: number;
}

const BYTES_PER_SAMPLE = 2;
/** Enough of a file to reach the `data` chunk of any WAV header we would accept. */
const HEADER_PROBE_BYTES = 64 * 1024;
const MAX_SIZE_FIELD = 0xffffffff;
/** On the thread pool: hundreds of recordings ending a second must not stall the media clock on the disk. */
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

export class WavRecorder {
  private readonly interleaved: Int16Array;
  private readonly interleavedBytes: Uint8Array;
  private readonly header = new Uint8Array(WAV_HEADER_BYTES);
  private readonly headerRefreshMs: number;
  private readonly frameSamples: number;
  /** Sample frames waiting in `interleaved`. */
  private pending = 0;
  private dataBytesWritten = 0;
  private headerWrittenAt: number;
  private result: Promise<RecordingSize> | null = null;

  private constructor(
    private readonly fd: number,
    private readonly options: WavRecorderOptions,
  ) {
    const capacity = Math.max(1, Math.round(((options.bufferMs ?? 250) * options.sampleRate) / 1000));
    this.interleaved = new Int16Array(capacity * options.channels);
    this.interleavedBytes = new Uint8Array(this.interleaved.buffer);
    this.headerRefreshMs = options.headerRefreshMs ?? 5000;
    this.frameSamples = options.frameSamples ?? 160;
    this.headerWrittenAt = options.clock.monotonic();
    this.writeHeader();
  }

  /** Creates (or truncates) `path` and writes a header for an empty recording. */
  static open(path: string, options: WavRecorderOptions): WavRecorder {
    // WAV is little-endian and the samples go to disk straight from an Int16Array.
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('WavRecorder needs a little-endian host');
    return new WavRecorder(openSync(path, 'w'), options);
  }

  /** Appends one frame; a null side records silence. Both sides must be the same length; a mono file takes `left`. */
  writeFrame(left: Int16Array | null, right: Int16Array | null = null): void {
    if (this.result !== null) throw new Error('WavRecorder.writeFrame after close');
    const length = left?.length ?? right?.length ?? this.frameSamples;
    if (left !== null && right !== null && left.length !== right.length) {
      throw new RangeError(`left has ${left.length} samples, right ${right.length}`);
    }
    const stereo = this.options.channels === 2;
    const capacity = stereo ? this.interleaved.length >> 1 : this.interleaved.length;
    const out = this.interleaved;
    let done = 0;
    while (done < length) {
      const n = Math.min(length - done, capacity - this.pending);
      let o = stereo ? this.pending * 2 : this.pending;
      for (let i = done; i < done + n; i++) {
        out[o++] = left === null ? 0 : (left[i] as number);
        if (stereo) out[o++] = right === null ? 0 : (right[i] as number);
      }
      this.pending += n;
      done += n;
      if (this.pending === capacity) this.flush();
    }
  }

  /**
   * Writes what is buffered and patches the header at once, then fsyncs and
   * closes off the calling thread; resolves once the file is durable. Safe
   * to call twice.
   */
  close(): Promise<RecordingSize> {
    if (this.result !== null) return this.result;
    this.flush();
    this.writeHeader();
    const size = sizeOf(this.dataBytesWritten, this.options.sampleRate * this.options.channels * BYTES_PER_SAMPLE);
    const fd = this.fd;
    this.result = fsyncAsync(fd).then(
      () => closeAsync(fd).then(() => size),
      (error: unknown) => closeAsync(fd).then(() => Promise.reject(error)),
    );
    return this.result;
  }

  private flush(): void {
    if (this.pending === 0) return;
    const bytes = this.pending * this.options.channels * BYTES_PER_SAMPLE;
    writeAll(this.fd, this.interleavedBytes, bytes, WAV_HEADER_BYTES + this.dataBytesWritten);
    this.dataBytesWritten += bytes;
    this.pending = 0;
    if (this.options.clock.monotonic() - this.headerWrittenAt >= this.headerRefreshMs) this.writeHeader();
  }

  // No fsync here: a process crash keeps the page cache; only close() pays for durability.
  private writeHeader(): void {
    writeWavHeader(this.header, {
      channels: this.options.channels,
      sampleRate: this.options.sampleRate,
      bitsPerSample: 16,
      dataBytes: this.dataBytesWritten,
    });
    writeAll(this.fd, this.header, WAV_HEADER_BYTES, 0);
    this.headerWrittenAt = this.options.clock.monotonic();
  }
}

/**
 * Finalizes a recording left by a crash: the samples run to the end of the
 * file (WavRecorder always writes `data` last), a torn trailing sample frame
 * is cut off, and the RIFF and data sizes are rewritten to match.
 * Throws WavFormatError when the file holds no usable header.
 */
export function repairWav(path: string): RecordingSize {
  const fd = openSync(path, 'r+');
  try {
    const fileLength = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(fileLength, HEADER_PROBE_BYTES));
    readSync(fd, head, 0, head.length, 0);
    const format = parseWavFormat(head, fileLength);
    if (format instanceof WavFormatError) throw format;
    const available = fileLength - format.dataOffset;
    const dataBytes = available - (available % format.blockAlign);
    const end = format.dataOffset + dataBytes;
    if (end !== fileLength) ftruncateSync(fd, end);
    // Past 4 GiB the fields saturate and readers fall back to the file length.
    const sizes = new DataView(new ArrayBuffer(4));
    sizes.setUint32(0, Math.min(end - 8, MAX_SIZE_FIELD), true);
    writeAll(fd, new Uint8Array(sizes.buffer), 4, 4);
    sizes.setUint32(0, Math.min(dataBytes, MAX_SIZE_FIELD), true);
    writeAll(fd, new Uint8Array(sizes.buffer), 4, format.dataOffset - 4);
    fsyncSync(fd);
    return { bytes: end, durationMs: Math.round((dataBytes * 1000) / (format.blockAlign * format.sampleRate)) };
  } finally {
    closeSync(fd);
  }
}

function sizeOf(dataBytes: number, bytesPerSecond: number): RecordingSize {
  return { bytes: WAV_HEADER_BYTES + dataBytes, durationMs: Math.round((dataBytes * 1000) / bytesPerSecond) };
}

/** Positioned writes, so header patches never move where samples are appended. */
function writeAll(fd: number, buffer: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, buffer, done, length - done, position + done);
}
