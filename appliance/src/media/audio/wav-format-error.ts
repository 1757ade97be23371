import { AppError } from '../../errors.ts';

/** Why bytes are not a WAV file this appliance can play or repair. */
export class WavFormatError extends AppError {
  constructor(readonly detail: string) {
    super('wav_format', `WAV: ${detail}`);
  }
}

/**
 * A well-formed WAV file at a rate the media path cannot use without a real
 * resampler; the prompt has to be converted before upload.
 */
export class UnsupportedSampleRateError extends WavFormatError {
  constructor(
    readonly sampleRate: number,
    readonly supported: readonly number[],
  ) {
    super(`unsupported sample rate ${sampleRate} Hz (expected ${supported.join(' or ')} Hz)`);
  }
}
