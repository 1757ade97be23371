/**
 * What IVR flows, queues and the dialer do with a caller, without SIP or
 * RTP: answer, play and wait for the end (or a key), collect digits, ring
 * an extension and bridge on answer, hang up. The B2BUA's own features
 * (feature codes, echo test) are written with it too.
 */
import type { PlaySource } from '../../media/index.ts';
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { answerCaller } from './caller-answer.ts';

export interface CollectOptions {
  /** Stop after this many digits. */
  max: number;
  /** Give up when the first key does not come within this time, ms. */
  firstDigitMs: number;
  /** …or when the next key does not come within this time, ms. */
  interDigitMs: number;
  /** A key that ends the input early and is not returned (usually '#'). */
  terminator?: string;
}

export type PlayResult = 'finished' | 'interrupted' | 'hung-up';

export class CallControl {
  constructor(private readonly s: CallService) {}

  /** Answers the caller (200 with the box's SDP); false if the caller went away. */
  async answer(call: Call): Promise<boolean> {
    if (call.answeredAt !== null) return true;
    const ok = await answerCaller(this.s, call, null, 200);
    if (ok) {
      call.answeredAt = this.s.ctx.clock.now();
      call.disposition ??= 'answered';
    }
    return ok;
  }

  /** Plays to the caller; with `interruptible`, a key press stops it (the key is kept for `collect`). */
  play(call: Call, source: PlaySource, options: { interruptible?: boolean } = {}): Promise<PlayResult> {
    const leg = call.caller;
    return new Promise<PlayResult>((resolve) => {
      if (call.ended || !leg.live) {
        resolve('hung-up');
        return;
      }
      let stopDigits: (() => void) | null = null;
      let playbackId: number | null = null;
      const finish = (result: PlayResult) => {
        stopDigits?.();
        resolve(result);
      };
      if (options.interruptible) {
        stopDigits = this.s.events.onDigits(leg, (digit) => {
          call.pendingDigits.push(digit);
          if (playbackId !== null) void this.s.ctx.media.stopPlayback(leg.endpoint.id);
          if (playbackId !== null) this.s.events.cancelPlayback(playbackId);
          finish('interrupted');
        });
      }
      this.s.ctx.media.play(leg.endpoint.id, source).then(
        (id) => {
          playbackId = id;
          this.s.events.waitPlayback(leg.endpoint.id, id, () => finish(call.ended ? 'hung-up' : 'finished'));
        },
        () => finish('hung-up'),
      );
    });
  }

  /** Digits pressed by the caller (including any that interrupted a prompt), as §-style IVR input. */
  collect(call: Call, o: CollectOptions): Promise<string> {
    const leg = call.caller;
    return new Promise<string>((resolve) => {
      let digits = '';
      let timer = leg.after(o.firstDigitMs, () => done());
      const stop = this.s.events.onDigits(leg, (digit) => take(digit));
      const done = () => {
        timer.cancel();
        stop();
        resolve(digits);
      };
      const take = (digit: string) => {
        if (digit === o.terminator) return done();
        digits += digit;
        if (digits.length >= o.max) return done();
        timer.cancel();
        timer = leg.after(o.interDigitMs, () => done());
      };
      for (const digit of call.pendingDigits.splice(0)) {
        take(digit);
        if (digits.length >= o.max || digit === o.terminator) return;
      }
    });
  }

  /** The caller hears itself: packets go back where they came from (echo test for installers). */
  async echo(call: Call): Promise<void> {
    await this.s.ctx.media.bridge(call.caller.endpoint.id, call.caller.endpoint.id);
  }

  hangup(call: Call, cause: string): void {
    this.s.hangup(call, { cause });
  }
}
