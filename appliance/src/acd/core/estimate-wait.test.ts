import { describe, expect, test } from 'bun:test';
import { estimateWaitMs, RunningAverage } from './estimate-wait.ts';

describe('estimateWaitMs', () => {
  test.each([
    [1, 1, 60_000, 60_000],
    [1, 3, 60_000, 60_000],
    [3, 3, 60_000, 60_000],
    [4, 3, 60_000, 120_000],
    [7, 2, 30_000, 120_000],
    [5, 0, 10_000, 50_000], // nobody serving counts as one agent
    [0, 2, 10_000, 0],
  ])('position %i with %i agents at %i ms AHT: %i ms', (position, agentsServing, averageHandleMs, expected) => {
    expect(estimateWaitMs({ position, agentsServing, averageHandleMs })).toBe(expected);
  });
});

describe('RunningAverage', () => {
  test.each<[string, number, number[], number]>([
    ['no samples: the initial value', 180_000, [], 180_000],
    ['the first sample replaces the initial value', 180_000, [60_000], 60_000],
    ['later samples move it by the weight', 0, [100, 200], 120],
    ['a steady input stays put', 5, [50, 50, 50, 50], 50],
  ])('%s', (_name, initial, samples, expected) => {
    const avg = new RunningAverage(initial);
    for (const s of samples) avg.add(s);
    expect(avg.value).toBeCloseTo(expected, 9);
    expect(avg.count).toBe(samples.length);
  });

  test('a custom weight', () => {
    const avg = new RunningAverage(0, 0.5);
    avg.add(100);
    avg.add(200);
    expect(avg.value).toBe(150);
  });
});
