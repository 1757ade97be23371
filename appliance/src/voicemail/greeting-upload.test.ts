import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import { buildWavHeader } from '../media/index.ts';
import { normalizeGreeting } from './greeting-upload.ts';

const dir = mkdtempSync(join(tmpdir(), 'greeting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function wav(o: { rate: number; channels: number; seconds: number }): Uint8Array {
  const frames = o.rate * o.seconds;
  const bytes = new Uint8Array(44 + frames * o.channels * 2);
  bytes.set(buildWavHeader({ channels: o.channels, sampleRate: o.rate, bitsPerSample: 16, dataBytes: frames * o.channels * 2 }));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < frames * o.channels; i++) view.setInt16(44 + i * 2, 1000, true);
  return bytes;
}

test.each([
  ['8 kHz mono', { rate: 8000, channels: 1, seconds: 2 }],
  ['16 kHz stereo', { rate: 16000, channels: 2, seconds: 2 }],
])('%s becomes 8 kHz mono 16-bit of the same length', (_name, format) => {
  const out = normalizeGreeting(wav(format), dir, 'g');
  const view = new DataView(out.buffer);
  expect({ channels: view.getUint16(22, true), rate: view.getUint32(24, true), bits: view.getUint16(34, true), bytes: view.getUint32(40, true) }).toEqual({
    channels: 1,
    rate: 8000,
    bits: 16,
    bytes: 2 * 8000 * 2,
  });
  expect(readdirSync(dir)).toEqual([]);
});

test.each([
  ['text', new TextEncoder().encode('hello, not audio'), /greeting: is not a WAV file the box can play: WAV: /],
  ['44.1 kHz', wav({ rate: 44100, channels: 1, seconds: 1 }), /unsupported sample rate 44100 Hz/],
  ['half a second', wav({ rate: 8000, channels: 1, seconds: 0.5 }), /greeting: is shorter than 1 second/],
  ['three minutes', wav({ rate: 8000, channels: 1, seconds: 180 }), /greeting: is longer than 120 seconds/],
])('%s is refused with the reason', (_name, bytes, reason) => {
  expect(() => normalizeGreeting(bytes, dir, 'g')).toThrow(ValidationError);
  expect(() => normalizeGreeting(bytes, dir, 'g')).toThrow(reason);
  expect(readdirSync(dir)).toEqual([]);
});
