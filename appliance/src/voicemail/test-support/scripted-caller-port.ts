/**
 * A caller that follows a script, for voicemail tests. Each step is used by
 * the next thing the flow waits for:
 *
 *   { keys: '1234#' }       keys pressed when the flow collects
 *   { interrupt: '3' }      a key pressed during the next interruptible prompt
 *   { interrupt: '3', when: '.wav' }   …during the next one with a file containing `when`
 *   { silence: true }       no key: the collect times out
 *   { record: {...} }       the caller speaks for `ms` (a WAV of that length is written)
 *   'hangup'                the caller hangs up
 *
 * Keys left over from a step stay buffered for later collects, as a real
 * phone's type-ahead does. When the script runs out the caller hangs up,
 * so a flow that loops shows up as a short test, not a hang.
 */
import { writeFileSync } from 'node:fs';
import type { CallerPort, CollectRequest, PlayOutcome, RecordOutcome, RecordRequest } from '../../pbx/index.ts';
import { buildWavHeader } from '../../media/index.ts';

export type ScriptStep =
  | { keys: string }
  | { interrupt: string; when?: string }
  | { silence: true }
  | { record: { ms: number; endedBy: RecordOutcome['endedBy']; key?: string } }
  | 'hangup';

export class ScriptedCallerPort implements CallerPort {
  readonly callId = 'test-call';
  /** What the flow did, in order: `play <file>`, `beep`, `collect`, `record <path>`. */
  readonly log: string[] = [];
  /** Every file played, in order. */
  readonly played: string[] = [];
  private buffer = '';
  private ended = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly script: ScriptStep[],
    readonly caller = '13800138000',
    readonly called = '1002',
  ) {}

  get hungUp(): boolean {
    return this.ended;
  }

  /** Steps the flow never reached. */
  get remaining(): readonly ScriptStep[] {
    return this.script;
  }

  async play(files: readonly string[], options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    if (this.ended) return 'hung-up';
    const next = this.script[0];
    if (next === 'hangup') return this.hangUpNow();
    if (options.interruptible && this.buffer.length > 0) return 'interrupted';
    if (options.interruptible && next !== undefined && typeof next === 'object' && 'interrupt' in next && cuts(next.when, files)) {
      this.script.shift();
      this.buffer += next.interrupt;
      // The prompt was cut at its first file: the caller heard that much.
      if (files[0] !== undefined) this.hear(files[0]);
      return 'interrupted';
    }
    for (const f of files) this.hear(f);
    return 'finished';
  }

  async beep(): Promise<PlayOutcome> {
    if (this.ended) return 'hung-up';
    this.log.push('beep');
    return 'finished';
  }

  async collect(request: CollectRequest): Promise<string> {
    this.log.push('collect');
    for (;;) {
      const taken = this.take(request);
      if (taken !== null) return taken;
      if (this.ended) return '';
      const step = this.script.shift();
      if (step === undefined || step === 'hangup') {
        this.hangUpNow();
        return '';
      }
      if ('silence' in step) return this.takeAll(request);
      if ('keys' in step) this.buffer += step.keys;
      else throw new Error(`script expected keys for a collect, found ${JSON.stringify(step)}`);
    }
  }

  async record(request: RecordRequest): Promise<RecordOutcome> {
    this.log.push(`record ${request.path}`);
    if (this.ended) return { durationMs: 0, endedBy: 'hung-up' };
    const step = this.script.shift();
    if (step === undefined || step === 'hangup') {
      this.hangUpNow();
      return { durationMs: 0, endedBy: 'hung-up' };
    }
    if (!('record' in step)) throw new Error(`script expected a recording, found ${JSON.stringify(step)}`);
    const ms = Math.min(step.record.ms, request.maxMs);
    const samples = (ms / 1000) * 8000;
    const wav = new Uint8Array(44 + samples * 2);
    wav.set(buildWavHeader({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: samples * 2 }));
    writeFileSync(request.path, wav);
    if (step.record.endedBy === 'hung-up') this.hangUpNow();
    return { durationMs: ms, endedBy: step.record.endedBy, ...(step.record.key ? { key: step.record.key } : {}) };
  }

  onHangup(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private hear(file: string): void {
    this.played.push(file);
    this.log.push(`play ${file}`);
  }

  /** Digits up to the terminator or `max`; null when more keys are needed. */
  private take(request: CollectRequest): string | null {
    const t = request.terminator === undefined ? -1 : this.buffer.indexOf(request.terminator);
    if (t >= 0 && t <= request.max) {
      const digits = this.buffer.slice(0, t);
      this.buffer = this.buffer.slice(t + 1);
      return digits;
    }
    if (this.buffer.length >= request.max) {
      const digits = this.buffer.slice(0, request.max);
      this.buffer = this.buffer.slice(request.max);
      return digits;
    }
    return null;
  }

  private takeAll(request: CollectRequest): string {
    const digits = this.buffer.slice(0, request.max);
    this.buffer = this.buffer.slice(digits.length);
    return digits;
  }

  private hangUpNow(): 'hung-up' {
    if (!this.ended) {
      this.ended = true;
      this.log.push('hangup');
      for (const l of this.listeners) l();
    }
    return 'hung-up';
  }
}

function cuts(when: string | undefined, files: readonly string[]): boolean {
  return when === undefined || files.some((f) => f.includes(when));
}
