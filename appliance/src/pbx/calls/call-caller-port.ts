/**
 * The CallerPort of a live call: IVR flows and voicemail speak to the
 * caller's leg through the call control and the media engine. Every wait
 * also ends when the caller hangs up — the engine says nothing about a
 * playback or capture whose endpoint was torn down with the call.
 */
import type { Call } from './call.ts';
import type { CallControl } from './call-control.ts';
import type { CallService } from './call-service.ts';
import type { CallerPort, CollectRequest, PlayOutcome, RecordOutcome, RecordRequest } from './caller-port.ts';

const BEEP_MS = 250;

export class CallCallerPort implements CallerPort {
  protected readonly gone: Promise<'hung-up'>;

  constructor(
    protected readonly s: CallService,
    protected readonly control: CallControl,
    protected readonly call: Call,
  ) {
    this.gone = new Promise((resolve) => call.onEnd(() => resolve('hung-up')));
  }

  get callId(): string {
    return this.call.id;
  }

  get caller(): string {
    return this.call.from.number;
  }

  get called(): string {
    return this.call.to;
  }

  get hungUp(): boolean {
    return this.call.ended || !this.call.caller.live;
  }

  async play(files: readonly string[], options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    for (const path of files) {
      if (this.hungUp) return 'hung-up';
      const outcome = await Promise.race([this.control.play(this.call, { kind: 'file', path, loop: false }, options), this.gone]);
      if (outcome !== 'finished') return outcome;
    }
    return this.hungUp ? 'hung-up' : 'finished';
  }

  async beep(): Promise<PlayOutcome> {
    if (this.hungUp) return 'hung-up';
    const media = this.s.ctx.media;
    const endpoint = this.call.caller.endpoint.id;
    await media.play(endpoint, { kind: 'tone', plan: this.s.deps.tonePlan, tone: 'beep' });
    const outcome = await Promise.race([new Promise<'finished'>((resolve) => this.call.caller.after(BEEP_MS, () => resolve('finished'))), this.gone]);
    if (outcome === 'finished') await media.stopPlayback(endpoint).catch(() => {});
    return outcome;
  }

  collect(request: CollectRequest): Promise<string> {
    if (this.hungUp) return Promise.resolve('');
    return Promise.race([this.control.collect(this.call, request), this.gone.then(() => '')]);
  }

  async record(request: RecordRequest): Promise<RecordOutcome> {
    if (this.hungUp) return { durationMs: 0, endedBy: 'hung-up' };
    const media = this.s.ctx.media;
    const leg = this.call.caller;
    const stopKeys = request.stopKeys ?? '#';
    const capture = await media.startCapture({ endpoint: leg.endpoint.id, path: request.path, maxMs: request.maxMs, silenceMs: request.silenceMs ?? 0 });
    return new Promise<RecordOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: RecordOutcome) => {
        if (settled) return;
        settled = true;
        stopDigits();
        stopWaiting();
        removeEnd();
        resolve(outcome);
      };
      const stopEarly = (endedBy: 'key' | 'hung-up', key?: string) => {
        void media.stopCapture(capture).then(
          (result) => settle({ durationMs: result?.durationMs ?? 0, endedBy, ...(key ? { key } : {}) }),
          () => settle({ durationMs: 0, endedBy }),
        );
      };
      const stopDigits = this.s.events.onDigits(leg, (digit) => {
        if (stopKeys.includes(digit)) stopEarly('key', digit);
      });
      const stopWaiting = this.s.events.waitCapture(capture, (end, result) =>
        settle({ durationMs: result?.durationMs ?? 0, endedBy: end === 'max' || end === 'silence' ? end : 'hung-up' }),
      );
      const removeEnd = this.call.onEnd(() => stopEarly('hung-up'));
    });
  }

  onHangup(listener: () => void): () => void {
    return this.call.onEnd(listener);
  }
}
