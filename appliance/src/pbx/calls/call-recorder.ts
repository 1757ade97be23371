/**
 * Recording policy and bookkeeping: which bridged calls are recorded (the
 * `recording` setting: all / none / selective by extension), where the file
 * goes (recordings/YYYY/MM/DD/<call>.wav), the metadata row written before
 * the first byte, finished when the call ends, and recovered after a crash.
 */
import { mkdirSync, statfsSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventBus } from '../../events/index.ts';
import { type MediaControl, repairWav } from '../../media/index.ts';
import type { RecordingsRepository } from '../../reports/index.ts';
import type { GroupCommit } from '../../store/index.ts';
import type { Static } from '@sinclair/typebox';
import { type Clock, isoTime, type Logger, type RecordingSetting } from '../../system/index.ts';
import type { Call } from './call.ts';
import type { Leg } from './leg.ts';

export type ExtensionRecording = 'inherit' | 'always' | 'never';

export interface CallRecorderDeps {
  media: MediaControl;
  recordings: RecordingsRepository;
  /** Row writes share the CDRs' commits. */
  commit: GroupCommit;
  setting: () => Static<typeof RecordingSetting>;
  /** The extension's own rule (column `recording`), for selective mode and opt-outs. */
  extensionRule: (number: string) => ExtensionRecording;
  dir: string;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  /** Below this much free space new recordings are refused and an alarm raised. */
  lowWaterBytes?: number;
}

const DEFAULT_LOW_WATER = 512 * 1024 * 1024;
/** One gap alarm a minute at most: an overloaded box would otherwise raise one per call. */
const GAP_ALARM_INTERVAL_MS = 60_000;

export class CallRecorder {
  private lowDisk = false;
  private lastGapAlarm = Number.NEGATIVE_INFINITY;

  constructor(private readonly d: CallRecorderDeps) {}

  wants(call: Call, callee: Leg): boolean {
    const mode = this.d.setting().mode;
    if (mode === 'none' || this.lowDisk) return false;
    const rules = [call.from.number, callee.number].map((n) => this.d.extensionRule(n));
    if (rules.includes('never')) return false;
    return mode === 'all' || rules.includes('always');
  }

  /** Starts recording the caller (left) and callee (right) if the policy says so. */
  async start(call: Call, caller: Leg, callee: Leg): Promise<void> {
    if (call.mediaRecording !== null || !this.wants(call, callee)) return;
    const now = this.d.clock.now();
    const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '/');
    const relative = `${day}/${call.id}.wav`;
    const full = join(this.d.dir, relative);
    mkdirSync(dirname(full), { recursive: true, mode: 0o750 });
    // The row and the audio start together: a crash a few ms in loses neither a row that would
    // otherwise wait on the disk, nor audio that would wait on the row.
    const row = this.d.commit.run(() =>
      this.d.recordings.start({
        call_id: call.sipCallId,
        path: relative,
        caller: call.from.number,
        callee: callee.number,
        agent: callee.number,
        started_at: new Date(now).toISOString(),
      }),
    );
    const audio = this.d.media.startRecording({ path: full, left: caller.endpoint.id, right: callee.endpoint.id });
    try {
      call.recordingId = await row;
    } catch (error) {
      this.d.logger.error('recording row not written', { error, call: call.id });
    }
    try {
      call.mediaRecording = await audio;
    } catch (error) {
      this.d.logger.error('recording did not start', { error, call: call.id });
      const id = call.recordingId;
      call.recordingId = null;
      if (id !== null) await this.d.commit.run(() => this.d.recordings.delete(id)).catch(() => {});
    }
  }

  /**
   * Stops the audio and queues the row's completion on the group commit,
   * without waiting for it: the CDR the caller queues next shares the flush.
   */
  async stop(call: Call): Promise<{ saved: Promise<void> }> {
    const running = call.mediaRecording;
    const id = call.recordingId;
    if (running === null || id === null) return { saved: Promise.resolve() };
    call.mediaRecording = null;
    const result = await this.d.media.stopRecording(running);
    if (result === null) return { saved: Promise.resolve() };
    if (result.gapMs > 0) this.reportGap(call, result.gapMs);
    const done = { ended_at: isoTime(this.d.clock), duration_ms: result.durationMs, size_bytes: result.bytes };
    return { saved: this.d.commit.run(() => this.d.recordings.finish(id, done)) };
  }

  /** The media thread fell behind: the recording holds silence where audio was due. */
  private reportGap(call: Call, gapMs: number): void {
    this.d.logger.warn('recording has gaps filled with silence (media thread overloaded)', { call: call.id, gapMs });
    const now = this.d.clock.monotonic();
    if (now - this.lastGapAlarm < GAP_ALARM_INTERVAL_MS) return;
    this.lastGapAlarm = now;
    this.d.bus.publish('system.alarm', {
      code: 'recording_gaps',
      severity: 'warning',
      message: `录音有 ${gapMs} 毫秒以静音补齐，媒体处理过载 / a recording lost ${gapMs} ms to media overload (filled with silence)`,
    });
  }

  /** At start-up: recordings a crash cut off get correct WAV headers and a finished row. */
  recover(): number {
    let count = 0;
    for (const row of this.d.recordings.unfinished()) {
      const full = join(this.d.dir, row.path);
      try {
        const { bytes, durationMs } = repairWav(full);
        const ended = new Date(Date.parse(row.started_at) + durationMs).toISOString();
        this.d.recordings.finish(row.id, { ended_at: ended, duration_ms: durationMs, size_bytes: bytes }, 'recovered');
        count++;
      } catch (error) {
        this.d.logger.warn('recording could not be recovered', { id: row.id, path: row.path, error });
        this.d.recordings.finish(row.id, { ended_at: row.started_at, duration_ms: 0, size_bytes: 0 }, 'recovered');
      }
    }
    if (count > 0) this.d.logger.info('recordings recovered after an unclean stop', { count });
    return count;
  }

  /** Housekeeping: deletes recordings past retention, and watches the free space. */
  sweep(): { deleted: number; freeBytes: number | null } {
    let deleted = 0;
    const days = this.d.setting().retention_days;
    if (days !== undefined) {
      const before = new Date(this.d.clock.now() - days * 86_400_000).toISOString();
      for (const row of this.d.recordings.olderThan(before, 500)) {
        try {
          unlinkSync(join(this.d.dir, row.path));
        } catch {
          // Already gone: the row still goes.
        }
        this.d.recordings.delete(row.id);
        deleted++;
      }
    }
    const freeBytes = this.freeBytes();
    const low = freeBytes !== null && freeBytes < (this.d.lowWaterBytes ?? DEFAULT_LOW_WATER);
    if (low && !this.lowDisk) {
      this.d.bus.publish('system.alarm', {
        code: 'recording_disk_low',
        severity: 'critical',
        message: `录音磁盘空间不足 / recording disk low: ${Math.round((freeBytes ?? 0) / 1048576)} MiB free; new recordings paused`,
      });
    }
    this.lowDisk = low;
    return { deleted, freeBytes };
  }

  private freeBytes(): number | null {
    try {
      const fs = statfsSync(this.d.dir);
      return Number(fs.bavail) * Number(fs.bsize);
    } catch {
      return null;
    }
  }
}
