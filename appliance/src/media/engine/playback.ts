/** A source (tone, file, silence) feeding one endpoint, one frame per media tick. */
import { type FrameSource, SamplesPlayer, SilenceSource } from '../audio/index.ts';
import { TONE_PLANS, type ToneCadence, ToneGenerator } from '../tones/index.ts';
import type { AudioFileCache } from './audio-file-cache.ts';
import { FRAME_SAMPLES, type MediaEndpoint } from './media-endpoint.ts';
import type { PlaySource } from './media-types.ts';

export class Playback {
  private readonly frame = new Int16Array(FRAME_SAMPLES);

  constructor(
    readonly id: number,
    readonly endpoint: MediaEndpoint,
    private readonly source: FrameSource,
  ) {}

  static source(spec: PlaySource, files: AudioFileCache): FrameSource {
    switch (spec.kind) {
      case 'tone':
        if (spec.tone === 'confirm') return new ToneGenerator(confirmTone(spec.plan));
        if (spec.tone === 'beep') return new ToneGenerator(BEEP);
        return new ToneGenerator(TONE_PLANS[spec.plan][spec.tone]);
      case 'file':
        return new SamplesPlayer(files.load(spec.path), { loop: spec.loop });
      case 'silence':
        return new SilenceSource();
    }
  }

  /** Sends the next frame; false once the source has ended. */
  tick(nowMs: number): boolean {
    if (!this.source.read(this.frame)) return false;
    this.endpoint.sendFrame(this.frame, nowMs);
    return true;
  }
}

/** The beep before a message is recorded: 1 kHz, a quarter second, then quiet until stopped. */
const BEEP: ToneCadence = [
  { frequencies: [1000], durationMs: 250, levelDbm0: -10 },
  { frequencies: [], durationMs: 60_000, levelDbm0: 0 },
];

/**
 * Three short beeps at the plan's dial-tone frequency, then a long silence:
 * the box's "done" after a feature code. Not a standardised tone; it only
 * has to differ clearly from busy and congestion.
 */
function confirmTone(plan: keyof typeof TONE_PLANS): ToneCadence {
  const dial = TONE_PLANS[plan].dial[0];
  const beep = { frequencies: dial?.frequencies ?? [450], durationMs: 120, levelDbm0: dial?.levelDbm0 ?? -10 };
  const gap = { frequencies: [], durationMs: 120, levelDbm0: 0 };
  return [beep, gap, beep, gap, beep, { ...gap, durationMs: 60_000 }];
}
