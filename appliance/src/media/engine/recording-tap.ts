/**
 * A call recording: the two endpoints' received audio, through their
 * jitter buffers, written each tick as one stereo frame (caller left,
 * callee right) so the two sides stay aligned in time.
 *
 * The file keeps wall time: when the media thread was too busy to run some
 * ticks (the media clock skips what it cannot catch up), the missing frames
 * are written as silence, so a recording is never shorter than its call.
 */
import type { Clock } from '../../system/index.ts';
import { WavRecorder } from '../audio/index.ts';
import type { MediaEndpoint } from './media-endpoint.ts';
import type { RecordingResult } from './media-types.ts';

const FRAME_MS = 20;
const SLACK_FRAMES = 2;

export class RecordingTap {
  private written = 0;
  private readonly startedAt: number;
  /** Frames of silence written for ticks the media thread missed. */
  padded = 0;

  private constructor(
    readonly id: number,
    private readonly recorder: WavRecorder,
    private left: MediaEndpoint | null,
    private right: MediaEndpoint | null,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.monotonic();
  }

  static open(o: { id: number; path: string; left: MediaEndpoint; right: MediaEndpoint; clock: Clock }): RecordingTap {
    return new RecordingTap(o.id, WavRecorder.open(o.path, { sampleRate: 8000, channels: 2, clock: o.clock }), o.left, o.right, o.clock);
  }

  endpoints(): MediaEndpoint[] {
    return [this.left, this.right].filter((e): e is MediaEndpoint => e !== null);
  }

  uses(endpoint: MediaEndpoint): boolean {
    return this.left === endpoint || this.right === endpoint;
  }

  /** A leg went away (a transfer); its side records silence from now on. */
  forget(endpoint: MediaEndpoint): void {
    if (this.left === endpoint) this.left = null;
    if (this.right === endpoint) this.right = null;
  }

  /** The channel `from` recorded records `to` from now on; with `from` gone already, the silent channel does. */
  /** The channel `from` recorded records `to` from now on; with `from` gone already, a silent channel does. False when `to` found no channel. */
  replace(from: MediaEndpoint | null, to: MediaEndpoint): boolean {
    if (from !== null && this.left === from) this.left = to;
    else if (from !== null && this.right === from) this.right = to;
    else if (this.left === null) this.left = to;
    else if (this.right === null) this.right = to;
    else return false;
    return true;
  }

  get orphaned(): boolean {
    return this.left === null && this.right === null;
  }

  tick(): void {
    // Two frames of slack: timer jitter alone never pads.
    const due = Math.floor((this.clock.monotonic() - this.startedAt) / FRAME_MS);
    for (; this.written < due - SLACK_FRAMES; this.written++, this.padded++) this.recorder.writeFrame(null, null);
    const left = this.left?.hasFrame ? this.left.frame : null;
    const right = this.right?.hasFrame ? this.right.frame : null;
    this.recorder.writeFrame(left, right);
    this.written++;
  }

  async close(): Promise<RecordingResult> {
    const size = await this.recorder.close();
    return { ...size, gapMs: this.padded * FRAME_MS };
  }
}
