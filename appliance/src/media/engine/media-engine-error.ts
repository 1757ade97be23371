import { AppError } from '../../errors.ts';

export type MediaEngineErrorCode = 'ports_exhausted' | 'bind_failed' | 'no_endpoint' | 'no_telephone_event' | 'bad_audio_file' | 'no_inband_dtmf' | 'bad_hearing';

/** A media request that cannot be carried out; the code says why. */
export class MediaEngineError extends AppError {
  constructor(
    readonly reason: MediaEngineErrorCode,
    message: string,
  ) {
    super(`media_${reason}`, message);
  }
}
