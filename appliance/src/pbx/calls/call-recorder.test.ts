import { describe, expect, test } from 'bun:test';
import { type BusEvent, EventBus } from '../../events/index.ts';
import type { MediaControl, RecordingResult } from '../../media/index.ts';
import type { RecordingsRepository } from '../../reports/index.ts';
import type { GroupCommit } from '../../store/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import type { Call } from './call.ts';
import { CallRecorder } from './call-recorder.ts';

function recorderWith(result: RecordingResult) {
  const clock = new FakeClock(Date.UTC(2026, 10, 1));
  const bus = new EventBus(clock, silentLogger);
  const alarms: BusEvent[] = [];
  bus.subscribe((e) => e.name === 'system.alarm' && alarms.push(e));
  const finished: number[] = [];
  const recorder = new CallRecorder({
    media: { stopRecording: async () => result } as unknown as MediaControl,
    recordings: { finish: (id: number) => finished.push(id) } as unknown as RecordingsRepository,
    commit: { run: async <T>(f: () => T) => f() } as unknown as GroupCommit,
    setting: () => ({ mode: 'all' }),
    extensionRule: () => 'inherit',
    dir: '/nonexistent',
    clock,
    logger: silentLogger,
    bus,
  });
  const call = (id: string) => ({ id, mediaRecording: 7, recordingId: 3 }) as unknown as Call;
  return { recorder, clock, alarms, finished, call };
}

describe('CallRecorder.stop', () => {
  test('a recording with gaps raises one recording_gaps alarm a minute, and its row is still finished', async () => {
    const { recorder, clock, alarms, finished, call } = recorderWith({ bytes: 44, durationMs: 1000, gapMs: 400 });
    await (await recorder.stop(call('a'))).saved;
    await (await recorder.stop(call('b'))).saved;
    expect(alarms.map((e) => (e.data as { code: string }).code)).toEqual(['recording_gaps']);
    expect(JSON.stringify(alarms[0]?.data)).toContain('400 ms');
    clock.advance(60_000);
    await (await recorder.stop(call('c'))).saved;
    expect(alarms).toHaveLength(2);
    expect(finished).toEqual([3, 3, 3]);
  });

  test('a recording without gaps raises nothing', async () => {
    const { recorder, alarms, call } = recorderWith({ bytes: 44, durationMs: 1000, gapMs: 0 });
    await (await recorder.stop(call('a'))).saved;
    expect(alarms).toEqual([]);
  });
});
