import { AppError } from '../errors.ts';

export type DspErrorCode = 'spandsp_missing' | 'spandsp_failed' | 'closed';

/** A signal-processing resource could not be made or used; the code says why. */
export class DspError extends AppError {
  constructor(
    readonly reason: DspErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`dsp_${reason}`, message, options);
  }
}
