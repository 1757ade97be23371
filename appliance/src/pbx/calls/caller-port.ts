/**
 * One answered caller as IVR flows and voicemail see it: prompts, keys,
 * a recording of what the caller says, and the hang-up. It hides SIP, RTP
 * and the media Worker, so those engines are tested with a scripted caller
 * and run unchanged on a SIP, trunk or (later) TDM leg.
 */

export type PlayOutcome = 'finished' | 'interrupted' | 'hung-up';

export interface CollectRequest {
  /** Stop after this many digits. */
  max: number;
  /** Give up when the first key does not come within this time, ms. */
  firstDigitMs: number;
  /** …or when the next key does not come within this time, ms. */
  interDigitMs: number;
  /** A key that ends the input early and is not returned (usually '#'). */
  terminator?: string;
}

export interface RecordRequest {
  /** Where the mono 8 kHz 16-bit WAV goes (the directory exists). */
  path: string;
  maxMs: number;
  /** Stop after this much silence once the caller has spoken; 0 or absent: never. */
  silenceMs?: number;
  /** Keys that end the recording (the key is not returned to later collects). Default '#'. */
  stopKeys?: string;
}

export interface RecordOutcome {
  durationMs: number;
  endedBy: 'key' | 'silence' | 'max' | 'hung-up';
  /** The key that ended it, when endedBy is 'key'. */
  key?: string;
}

export interface CallerPort {
  /** The box's id for the call (CDR id). */
  readonly callId: string;
  /** The caller's number as presented (may be empty for anonymous). */
  readonly caller: string;
  /** The number the caller dialled (the DID on a trunk, the extension or code inside). */
  readonly called: string;
  readonly hungUp: boolean;
  /** Plays the WAV files in order; with `interruptible`, a key stops it and stays queued for `collect`. */
  play(files: readonly string[], options?: { interruptible?: boolean }): Promise<PlayOutcome>;
  /** A short beep, as before a recording. */
  beep(): Promise<PlayOutcome>;
  /** Digits the caller presses (keys that interrupted a prompt first). */
  collect(request: CollectRequest): Promise<string>;
  record(request: RecordRequest): Promise<RecordOutcome>;
  /** Runs `listener` once when the caller hangs up; returns a function that removes it. */
  onHangup(listener: () => void): () => void;
}
