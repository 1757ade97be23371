/**
 * A caller for tests: presses keys and hangs up at given times on a fake
 * clock, and writes down what the box played, asked and recorded. Time
 * moves only when the caller waits (a file plays, a key is awaited), so a
 * five-second menu timeout costs no real time and runs the same every time.
 */
import type { CallerPort, CollectRequest, PlayOutcome, RecordOutcome, RecordRequest } from '../../pbx/index.ts';

/** Times are ms after the caller was made. */
export type ScriptEvent = { at: number; key: string } | { at: number; hangup: true };

export type HeardEvent =
  | { kind: 'play'; at: number; files: string[]; interruptible: boolean; outcome: PlayOutcome }
  | { kind: 'beep'; at: number }
  | { kind: 'collect'; at: number; request: CollectRequest; got: string }
  | { kind: 'record'; at: number; request: RecordRequest; outcome: RecordOutcome };

/** The part of FakeClock the caller moves. */
export interface SteppedClock {
  now(): number;
  advance(ms: number): void;
}

export interface ScriptedCallerOptions {
  clock: SteppedClock;
  script?: ScriptEvent[];
  caller?: string;
  called?: string;
  callId?: string;
  /** How long one file plays; default 1000 ms. */
  fileMs?: (file: string) => number;
  /** Called when playback starts, before time moves (to change things mid-call). */
  onPlay?: (files: readonly string[]) => void;
}

export const BEEP_MS = 250;

export class ScriptedCaller implements CallerPort {
  readonly callId: string;
  readonly caller: string;
  readonly called: string;
  readonly heard: HeardEvent[] = [];
  private readonly start: number;
  private readonly pending: ScriptEvent[];
  /** Keys pressed and not yet collected. */
  private buffered = '';
  private gone = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly o: ScriptedCallerOptions) {
    this.callId = o.callId ?? 'call-1';
    this.caller = o.caller ?? '13800138000';
    this.called = o.called ?? '4008001234';
    this.start = o.clock.now();
    this.pending = [...(o.script ?? [])].sort((a, b) => a.at - b.at);
  }

  get hungUp(): boolean {
    return this.gone;
  }

  /** Every file played, in order. */
  get played(): string[] {
    return this.heard.flatMap((e) => (e.kind === 'play' ? e.files : []));
  }

  /** Ms since the caller was made. */
  get elapsed(): number {
    return this.o.clock.now() - this.start;
  }

  async play(files: readonly string[], options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    const interruptible = options.interruptible ?? false;
    const at = this.elapsed;
    const outcome = this.playFor(files, interruptible);
    this.heard.push({ kind: 'play', at, files: [...files], interruptible, outcome });
    return outcome;
  }

  async beep(): Promise<PlayOutcome> {
    this.heard.push({ kind: 'beep', at: this.elapsed });
    return this.waitUntil(this.elapsed + BEEP_MS, () => false) === 'hung-up' ? 'hung-up' : 'finished';
  }

  async collect(request: CollectRequest): Promise<string> {
    const at = this.elapsed;
    let digits = '';
    let deadline = at + request.firstDigitMs;
    for (;;) {
      if (this.gone) break;
      if (this.buffered === '' && this.waitUntil(deadline, () => true) !== 'key') break;
      const key = this.buffered.slice(0, 1);
      this.buffered = this.buffered.slice(1);
      if (key === request.terminator) break;
      digits += key;
      if (digits.length >= request.max) break;
      deadline = this.elapsed + request.interDigitMs;
    }
    const got = this.gone ? '' : digits;
    this.heard.push({ kind: 'collect', at, request, got });
    return got;
  }

  async record(request: RecordRequest): Promise<RecordOutcome> {
    const at = this.elapsed;
    const stopKeys = request.stopKeys ?? '#';
    let outcome: RecordOutcome;
    for (;;) {
      const ended = this.waitUntil(at + request.maxMs, () => true);
      const key = this.buffered.slice(0, 1);
      if (ended === 'key') this.buffered = this.buffered.slice(1);
      if (ended === 'key' && !stopKeys.includes(key)) continue;
      const endedBy = ended === 'key' ? 'key' : ended === 'hung-up' ? 'hung-up' : 'max';
      outcome = { durationMs: this.elapsed - at, endedBy, ...(endedBy === 'key' ? { key } : {}) };
      break;
    }
    this.heard.push({ kind: 'record', at, request, outcome });
    return outcome;
  }

  onHangup(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The caller hangs up now. */
  hangUp(): void {
    if (this.gone) return;
    this.gone = true;
    for (const listener of this.listeners) listener();
  }

  private playFor(files: readonly string[], interruptible: boolean): PlayOutcome {
    if (this.gone) return 'hung-up';
    if (interruptible && this.buffered !== '') return 'interrupted';
    const ms = files.reduce((sum, f) => sum + (this.o.fileMs?.(f) ?? 1000), 0);
    this.o.onPlay?.(files);
    const ended = this.waitUntil(this.elapsed + ms, () => interruptible);
    return ended === 'key' ? 'interrupted' : ended === 'hung-up' ? 'hung-up' : 'finished';
  }

  /**
   * Moves time to `until` (ms since start) or to the first scripted event
   * that stops the wait: a hang-up always, a key when `stopOnKey()`; keys
   * that do not stop it are buffered for the next collect.
   */
  private waitUntil(until: number, stopOnKey: () => boolean): 'key' | 'hung-up' | 'time' {
    for (;;) {
      if (this.gone) return 'hung-up';
      const event = this.pending[0];
      if (event === undefined || event.at > until) {
        this.moveTo(until);
        return 'time';
      }
      this.pending.shift();
      this.moveTo(event.at);
      if ('hangup' in event) {
        this.hangUp();
        return 'hung-up';
      }
      this.buffered += event.key;
      if (stopOnKey()) return 'key';
    }
  }

  private moveTo(elapsed: number): void {
    const delta = elapsed - this.elapsed;
    if (delta > 0) this.o.clock.advance(delta);
  }
}
