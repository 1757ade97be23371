import { describe, expect, test } from 'bun:test';
import { SamplesPlayer, SilenceSource } from './frame-source.ts';

const ramp = (n: number) => Int16Array.from({ length: n }, (_, i) => i + 1);

describe('SamplesPlayer', () => {
  test('plays a prompt once, padding the last frame and then reporting the end', () => {
    const player = new SamplesPlayer(ramp(10));
    const out = new Int16Array(4);
    expect(player.read(out)).toBe(true);
    expect([...out]).toEqual([1, 2, 3, 4]);
    expect(player.read(out)).toBe(true);
    expect(player.read(out)).toBe(true);
    expect([...out]).toEqual([9, 10, 0, 0]);
    out.fill(7);
    expect(player.read(out)).toBe(false);
    expect([...out]).toEqual([0, 0, 0, 0]);
  });

  test('loops music on hold seamlessly across the frame that wraps', () => {
    const player = new SamplesPlayer(ramp(5), { loop: true });
    const out = new Int16Array(4);
    const heard: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect(player.read(out)).toBe(true);
      heard.push(...out);
    }
    expect(heard).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  });

  test('loops audio shorter than a frame several times within one frame', () => {
    const out = new Int16Array(7);
    new SamplesPlayer(ramp(2), { loop: true }).read(out);
    expect([...out]).toEqual([1, 2, 1, 2, 1, 2, 1]);
  });

  test('empty audio finishes at once, even when looping', () => {
    expect(new SamplesPlayer(new Int16Array(0), { loop: true }).read(new Int16Array(160))).toBe(false);
  });

  test('rewind starts over; players share samples without sharing position', () => {
    const samples = ramp(6);
    const a = new SamplesPlayer(samples);
    const b = new SamplesPlayer(samples);
    const out = new Int16Array(3);
    a.read(out);
    expect(a.offset).toBe(3);
    b.read(out);
    b.read(out);
    expect([...out]).toEqual([4, 5, 6]);
    a.rewind();
    a.read(out);
    expect([...out]).toEqual([1, 2, 3]);
  });
});

describe('SilenceSource', () => {
  test('is silent for ever by default', () => {
    const silence = new SilenceSource();
    const out = new Int16Array(160).fill(9);
    for (let i = 0; i < 1000; i++) expect(silence.read(out)).toBe(true);
    expect(out.every((s) => s === 0)).toBe(true);
  });

  test('ends after the samples it was given (a pause between prompts)', () => {
    const pause = new SilenceSource(320);
    const out = new Int16Array(160);
    expect([pause.read(out), pause.read(out), pause.read(out)]).toEqual([true, true, false]);
  });
});
