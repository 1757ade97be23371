/**
 * A message being recorded: what one endpoint receives, through its jitter
 * buffer, written as mono 8 kHz frames (voicemail, an IVR's record node).
 * It ends itself at the length limit, or after a stretch of silence once
 * the caller has spoken — so a caller who just hangs up or walks away does
 * not leave two minutes of line noise.
 */
import type { Clock } from '../../system/index.ts';
import { WavRecorder } from '../audio/index.ts';
import type { MediaEndpoint } from './media-endpoint.ts';
import type { CaptureEnd, RecordingResult } from './media-types.ts';

const FRAME_MS = 20;
/** Mean square of a frame below which it counts as silence: about −45 dBFS, under a quiet voice, over line hiss. */
const SILENCE_POWER = 180 * 180;

export class CaptureTap {
  private writtenMs = 0;
  private spoken = false;
  private quietMs = 0;

  private constructor(
    readonly id: number,
    readonly endpoint: MediaEndpoint,
    private readonly recorder: WavRecorder,
    private readonly maxMs: number,
    private readonly silenceMs: number,
  ) {}

  static open(o: { id: number; path: string; endpoint: MediaEndpoint; clock: Clock; maxMs: number; silenceMs: number }): CaptureTap {
    const recorder = WavRecorder.open(o.path, { sampleRate: 8000, channels: 1, clock: o.clock });
    return new CaptureTap(o.id, o.endpoint, recorder, o.maxMs, o.silenceMs);
  }

  /** Writes this tick's frame; says why the capture is over, or null while it goes on. */
  tick(): CaptureEnd | null {
    const frame = this.endpoint.hasFrame ? this.endpoint.frame : null;
    this.recorder.writeFrame(frame);
    this.writtenMs += FRAME_MS;
    if (frame !== null && meanSquare(frame) >= SILENCE_POWER) {
      this.spoken = true;
      this.quietMs = 0;
    } else this.quietMs += FRAME_MS;
    if (this.writtenMs >= this.maxMs) return 'max';
    if (this.silenceMs > 0 && this.spoken && this.quietMs >= this.silenceMs) return 'silence';
    return null;
  }

  close(): Promise<RecordingResult> {
    return this.recorder.close().then((size) => ({ ...size, gapMs: 0 }));
  }
}

function meanSquare(frame: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) {
    const v = frame[i] as number;
    sum += v * v;
  }
  return sum / frame.length;
}
