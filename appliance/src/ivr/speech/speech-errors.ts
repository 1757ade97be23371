import { AppError } from '../../errors.ts';

/** A value handed to `say()` or a text handed to `text()` that cannot be spoken; names the field and why. */
export class SpeechInputError extends AppError {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super('speech_input', `${field} "${clip(value)}": ${reason}`);
  }
}

export type TtsFailure = 'unavailable' | 'failed' | 'timeout';

/**
 * The speech engine could not produce audio: not installed (`unavailable`),
 * exited with an error or produced nothing usable (`failed`), or ran past its
 * time limit (`timeout`). The code is `tts_<failure>` so alarms can tell them apart.
 */
export class TtsEngineError extends AppError {
  constructor(
    readonly failure: TtsFailure,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`tts_${failure}`, `text-to-speech ${failure}: ${detail}`, options);
  }
}

/** Keeps a pasted novel out of log lines and error toasts. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
