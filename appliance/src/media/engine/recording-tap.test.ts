import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../system/index.ts';
import type { MediaEndpoint } from './media-endpoint.ts';
import { RecordingTap } from './recording-tap.ts';

test('ticks the media thread missed are written as silence: the file keeps the call’s wall time, and the gap is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tap-'));
  let now = 0;
  const clock: Clock = { now: () => now, monotonic: () => now };
  const quiet = { hasFrame: false, frame: new Int16Array(160) } as unknown as MediaEndpoint;
  const tap = RecordingTap.open({ id: 1, path: join(dir, 'r.wav'), left: quiet, right: quiet, clock });
  for (now = 0; now <= 40; now += 20) tap.tick();
  expect(tap.padded).toBe(0);
  // A second with no ticks at all, then one tick.
  now = 1000;
  tap.tick();
  expect(tap.padded).toBe(45);
  const result = await tap.close();
  expect(result.durationMs).toBe(980);
  expect(result.gapMs).toBe(45 * 20);
  rmSync(dir, { recursive: true, force: true });
});

test('timer jitter of a frame or two does not pad', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tap-'));
  let now = 0;
  const clock: Clock = { now: () => now, monotonic: () => now };
  const quiet = { hasFrame: false, frame: new Int16Array(160) } as unknown as MediaEndpoint;
  const tap = RecordingTap.open({ id: 2, path: join(dir, 'r.wav'), left: quiet, right: quiet, clock });
  for (let i = 0; i < 100; i++) {
    now = i * 20 + (i % 3 === 0 ? 35 : 0);
    tap.tick();
  }
  expect(tap.padded).toBe(0);
  expect((await tap.close()).gapMs).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});
