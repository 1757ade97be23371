import { describe, expect, test } from 'bun:test';
import { coalesce } from './coalesce';

/** A task whose runs finish only when the test says so. */
function gatedTask() {
  const gates: (() => void)[] = [];
  let runs = 0;
  const task = () => {
    runs += 1;
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  return { task, runs: () => runs, finish: () => gates.shift()?.() };
}

describe('coalesce', () => {
  test('a call while idle runs the task once', async () => {
    const gate = gatedTask();
    const run = coalesce(gate.task);
    const done = run();
    expect(gate.runs()).toBe(1);
    gate.finish();
    await done;
    expect(gate.runs()).toBe(1);
  });

  test('calls during a run fold into exactly one more run, and every caller waits for it', async () => {
    const gate = gatedTask();
    const run = coalesce(gate.task);
    const settled: string[] = [];
    const first = run().then(() => settled.push('first'));
    const second = run().then(() => settled.push('second'));
    const third = run().then(() => settled.push('third'));
    expect(gate.runs()).toBe(1);

    gate.finish();
    await Bun.sleep(0);
    expect(gate.runs()).toBe(2);
    expect(settled).toEqual([]);

    gate.finish();
    await Promise.all([first, second, third]);
    expect(gate.runs()).toBe(2);
    expect(settled).toHaveLength(3);
  });

  test('after a run has finished, the next call starts a new one', async () => {
    const gate = gatedTask();
    const run = coalesce(gate.task);
    const first = run();
    gate.finish();
    await first;
    const second = run();
    expect(gate.runs()).toBe(2);
    gate.finish();
    await second;
  });

  test('a failing run rejects its callers and does not block later calls', async () => {
    let fail = true;
    let runs = 0;
    const run = coalesce(async () => {
      runs += 1;
      if (fail) throw new Error('boom');
    });
    await expect(run()).rejects.toThrow('boom');
    fail = false;
    await run();
    expect(runs).toBe(2);
  });
});
