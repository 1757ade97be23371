/**
 * What the cache needs from a synthesiser. The voice and rate are the
 * engine's own names (an espeak-ng voice, words per minute); the audio comes
 * back already at the media path's rate.
 */

/** Every rendered file is 8 kHz mono 16-bit PCM, what the media engine plays without converting. */
export const TTS_SAMPLE_RATE = 8000;

export interface TtsRenderRequest {
  text: string;
  voice: string;
  rate: number;
}

export interface TtsEngine {
  /** Names the engine, its data and its audio processing; part of every cache key, so an upgrade re-renders. */
  version(): Promise<string>;
  /** Samples at TTS_SAMPLE_RATE speaking the text. */
  render(request: TtsRenderRequest): Promise<Int16Array>;
}
