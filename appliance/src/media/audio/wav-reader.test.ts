import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavHeader } from './wav-format.ts';
import { UnsupportedSampleRateError, WavFormatError } from './wav-format-error.ts';
import { decodeWavToMono8k, readWavFile } from './wav-reader.ts';

function pcmWav(samples: Int16Array, channels: number, sampleRate: number): Uint8Array {
  const file = new Uint8Array(44 + samples.byteLength);
  file.set(buildWavHeader({ channels, sampleRate, bitsPerSample: 16, dataBytes: samples.byteLength }));
  file.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), 44);
  return file;
}

/** A G.711 WAV: the PCM header with its format tag, block align and bit depth changed. */
function g711Wav(codes: number[], tag: 6 | 7, channels = 1): Uint8Array {
  const file = new Uint8Array(44 + codes.length);
  file.set(buildWavHeader({ channels, sampleRate: 8000, bitsPerSample: 16, dataBytes: codes.length }));
  const v = new DataView(file.buffer);
  v.setUint16(20, tag, true);
  v.setUint32(28, 8000 * channels, true);
  v.setUint16(32, channels, true);
  v.setUint16(34, 8, true);
  file.set(codes, 44);
  return file;
}

describe('decodeWavToMono8k', () => {
  test('passes 8 kHz mono PCM through unchanged', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    expect([...decodeWavToMono8k(pcmWav(samples, 1, 8000))]).toEqual([...samples]);
  });

  test('averages stereo into mono', () => {
    const interleaved = Int16Array.from([100, 300, -32768, -32768, 32767, -32768, 5, 0]);
    expect([...decodeWavToMono8k(pcmWav(interleaved, 2, 8000))]).toEqual([200, -32768, 0, 3]);
  });

  test('takes 16 kHz PCM down to 8 kHz at half the length and the same level', () => {
    const tone = Int16Array.from({ length: 16000 }, (_, n) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * n) / 16000)));
    const out = decodeWavToMono8k(pcmWav(tone, 1, 16000));
    expect(out.length).toBe(8000);
    const peak = Math.max(...out.subarray(100, 7900));
    expect(Math.abs(peak - 8000)).toBeLessThan(40);
  });

  test('expands A-law and µ-law', () => {
    expect([...decodeWavToMono8k(g711Wav([0xd5, 0x55, 0xaa, 0x2a], 6))]).toEqual([8, -8, 32256, -32256]);
    expect([...decodeWavToMono8k(g711Wav([0xff, 0x80, 0x00, 0xfe], 7))]).toEqual([0, 32124, -32124, 8]);
    expect([...decodeWavToMono8k(g711Wav([0x80, 0x00], 7, 2))]).toEqual([0]);
  });

  test('reads what a crashed recorder left (data size 0)', () => {
    const file = pcmWav(Int16Array.from([1, 2, 3, 4]), 1, 8000);
    new DataView(file.buffer).setUint32(40, 0, true);
    expect([...decodeWavToMono8k(file)]).toEqual([1, 2, 3, 4]);
  });

  test.each([11025, 22050, 44100, 48000])('refuses %d Hz, naming the rate', (rate) => {
    const error = (() => {
      try {
        decodeWavToMono8k(pcmWav(new Int16Array(4), 1, rate));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedSampleRateError);
    expect((error as UnsupportedSampleRateError).sampleRate).toBe(rate);
    expect((error as Error).message).toContain(`${rate} Hz`);
  });

  test('throws the container problem for a file that is not WAV', () => {
    expect(() => decodeWavToMono8k(new TextEncoder().encode('ID3 not a wave file'))).toThrow(WavFormatError);
  });
});

describe('readWavFile', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  test('decodes a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-reader-'));
    dirs.push(dir);
    const path = join(dir, 'prompt.wav');
    writeFileSync(path, pcmWav(Int16Array.from([10, 20, 30, 40]), 2, 8000));
    expect([...readWavFile(path)]).toEqual([15, 35]);
  });
});
