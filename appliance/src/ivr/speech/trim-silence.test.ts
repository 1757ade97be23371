import { expect, test } from 'bun:test';
import { trimSilence } from './trim-silence.ts';

function signal(silenceBefore: number, sound: number, silenceAfter: number): Int16Array {
  const out = new Int16Array(silenceBefore + sound + silenceAfter);
  for (let i = 0; i < sound; i++) out[silenceBefore + i] = i % 2 === 0 ? 5000 : -5000;
  return out;
}

test.each([
  ['long silence both sides', 4000, 800, 4000, 240, 800 + 2 * 240],
  ['less silence than the pad', 100, 800, 50, 240, 950],
  ['no silence', 0, 800, 0, 240, 800],
  ['no pad asked', 1000, 800, 1000, 0, 800],
])('%s', (_name, before, sound, after, pad, expected) => {
  const out = trimSilence(signal(before, sound, after), { padSamples: pad });
  expect(out.length).toBe(expected);
  expect(Math.abs(out[Math.min(pad, before)] as number)).toBe(5000);
});

test('low noise under the threshold counts as silence', () => {
  const input = signal(1000, 10, 1000).map((v, i) => (v === 0 ? (i % 2 ? 60 : -60) : v));
  expect(trimSilence(input, { padSamples: 0 }).length).toBe(10);
  expect(trimSilence(input, { padSamples: 0, threshold: 50 }).length).toBe(input.length);
});

test('all silence gives an empty result', () => {
  expect(trimSilence(new Int16Array(500)).length).toBe(0);
  expect(trimSilence(new Int16Array(0)).length).toBe(0);
});
