/**
 * Keys a party presses during a bridged call that the box acts on (the
 * digits also reach the other side, as on any PBX):
 *   *3 <extension> #   adds the extension as a third party: a 3-way
 *                      conference mixed by the box (三方通话).
 * The sequence must start with `*` and be finished within a few seconds.
 */
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { configureFromAnswer } from './callee-media.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { Leg } from './leg.ts';
import { decideAsUac } from './session-timer-policy.ts';

export const CONFERENCE_CODE = '*3';
const SEQUENCE_MS = 5000;
const RING_MS = 30_000;

export class InCallFeatures {
  constructor(private readonly s: CallService) {}

  /** Starts listening to a leg of an answered call. */
  watch(call: Call, leg: Leg): void {
    let typed = '';
    let timer: { cancel(): void } | null = null;
    this.s.events.onDigits(leg, (digit) => {
      if (typed === '' && digit !== '*') return;
      typed += digit;
      timer?.cancel();
      timer = leg.after(SEQUENCE_MS, () => {
        typed = '';
      });
      if (!CONFERENCE_CODE.startsWith(typed.slice(0, CONFERENCE_CODE.length))) {
        typed = '';
        return;
      }
      if (digit !== '#' || !typed.startsWith(CONFERENCE_CODE)) return;
      const number = typed.slice(CONFERENCE_CODE.length, -1);
      typed = '';
      timer.cancel();
      if (number !== '') void call.ops.run(() => this.addParty(call, leg, number));
    });
  }

  /** Rings `number` for the call; on answer the box mixes the parties (the current two and the new one). */
  private async addParty(call: Call, by: Leg, number: string): Promise<void> {
    if (call.ended || this.s.extension(number) === null || call.legs.some((l) => l.number === number && l.live)) return;
    const bindings = this.s.deps.location.lookup(number);
    if (bindings.length === 0) return;
    const media = this.s.ctx.media;
    const ringer = new ExtensionRinger(this.s.ctx, {
      onFork: (leg) => this.s.track(call, leg),
      onRinging: () => {},
      onFailed: () => this.s.ctx.logger.info('third party did not answer', { call: call.id, number }),
      onAnswer: (leg, response) =>
        void call.ops.run(async () => {
          const parties = [...new Set([by, by.partner, ...call.conference])].filter((l): l is Leg => l?.live === true);
          if (call.ended || parties.length < 2 || !(await configureFromAnswer(media, leg, response))) {
            leg.bye();
            return;
          }
          this.s.track(call, leg);
          this.s.sessionTimers.set(call, leg, decideAsUac(response, this.s.ctx.timers.sessionExpiresS));
          for (const party of parties) party.partner = null;
          call.conference = [...parties, leg];
          await media.conference(call.conference.map((l) => l.endpoint.id));
          this.s.ctx.logger.info('3-way conference', { call: call.id, parties: call.conference.map((l) => l.number) });
        }),
    });
    const from = by === call.caller ? call.from : { number: by.number, name: this.s.extension(by.number)?.name ?? null };
    await ringer.start({ number, bindings, from, codecs: call.codecs, maxForwards: 70, ringTimeoutMs: RING_MS });
  }
}
