/**
 * A call recording: the two endpoints' received audio, through their
 * jitter buffers, written each tick as one stereo frame (caller left,
 * callee right) so the two sides stay aligned in time.
 */
import type { Clock } from '../../system/index.ts';
import { WavRecorder } from '../audio/index.ts';
import type { MediaEndpoint } from './media-endpoint.ts';
import type { RecordingResult } from './media-types.ts';

export class RecordingTap {
  private constructor(
    private readonly recorder: WavRecorder,
    private left: MediaEndpoint | null,
    private right: MediaEndpoint | null,
  ) {}

  static open(o: { path: string; left: MediaEndpoint; right: MediaEndpoint; clock: Clock }): RecordingTap {
    return new RecordingTap(WavRecorder.open(o.path, { sampleRate: 8000, channels: 2, clock: o.clock }), o.left, o.right);
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
  replace(from: MediaEndpoint | null, to: MediaEndpoint): void {
    if (from !== null && this.left === from) this.left = to;
    else if (from !== null && this.right === from) this.right = to;
    else if (this.left === null) this.left = to;
    else if (this.right === null) this.right = to;
  }

  get orphaned(): boolean {
    return this.left === null && this.right === null;
  }

  tick(): void {
    const left = this.left?.hasFrame ? this.left.frame : null;
    const right = this.right?.hasFrame ? this.right.frame : null;
    this.recorder.writeFrame(left, right);
  }

  close(): RecordingResult {
    return this.recorder.close();
  }
}
