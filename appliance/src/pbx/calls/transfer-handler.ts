/**
 * Transfers asked for by a phone with REFER (RFC 3515). The box is the
 * B2BUA, so it carries out the transfer itself and reports progress to the
 * transferor with NOTIFY (message/sipfrag):
 *  - blind: the other party hears ringback while the target rings, and is
 *    bridged to it on answer; if the target fails, back to the transferor;
 *  - attended (Refer-To with Replaces, RFC 3891): the other party of this
 *    call and the party of the consultation call named by Replaces are
 *    bridged; the transferor's two legs are left to hang up.
 */
import { dialogId, type ServerTransaction } from '../../sip/index.ts';
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { configureFromAnswer } from './callee-media.ts';
import { ExtensionRinger } from './extension-ringer.ts';
import type { Leg } from './leg.ts';
import { parseReferTo } from './refer-to.ts';
import { OUTCOME_STATUS } from './ring-outcome.ts';
import { decideAsUac } from './session-timer-policy.ts';

/** How long the box waits for the transferor to hang up its legs before it does. */
const TRANSFEROR_GRACE_MS = 32_000;

export class TransferHandler {
  constructor(private readonly s: CallService) {}

  async refer(call: Call, transferor: Leg, tx: ServerTransaction): Promise<void> {
    const target = parseReferTo(tx.request.get('refer-to'));
    const other = transferor.partner;
    if (target === null) {
      tx.reply(400, { reason: 'Bad Refer-To' });
      return;
    }
    if (other === null || !other.live) {
      tx.reply(488, { reason: 'Nothing To Transfer' });
      return;
    }
    tx.reply(202);
    this.notify(transferor, 100, 'Trying', false);
    if (target.replaces) await this.attended(call, transferor, other, target.replaces);
    else await this.blind(call, transferor, other, target.number);
  }

  private async blind(call: Call, transferor: Leg, other: Leg, number: string): Promise<void> {
    const media = this.s.ctx.media;
    if (this.s.extension(number) === null) {
      this.notify(transferor, 404, 'Not Found', true);
      return;
    }
    transferor.partner = null;
    other.partner = null;
    await media.play(other.endpoint.id, { kind: 'tone', plan: this.s.deps.tonePlan, tone: 'ringback' });
    const from = other === call.caller ? call.from : { number: other.number, name: this.s.extension(other.number)?.name ?? null };
    const ringer = new ExtensionRinger(this.s.ctx, {
      onFork: (leg) => this.s.track(call, leg),
      onRinging: () => {},
      onAnswer: (leg, response) =>
        void call.ops.run(async () => {
          if (call.ended || !other.live) {
            leg.bye();
            return;
          }
          if (!(await configureFromAnswer(media, leg, response))) {
            leg.bye();
            this.notify(transferor, 488, 'Not Acceptable Here', true);
            return;
          }
          this.s.track(call, leg);
          this.s.sessionTimers.set(call, leg, decideAsUac(response, this.s.ctx.timers.sessionExpiresS));
          await this.join(call, other, leg, transferor);
          call.answeredBy = leg;
          this.notify(transferor, 200, 'OK', true);
          this.s.ctx.bus.publish('call.transferred', { call_id: call.id, by: transferor.number, to: number, kind: 'blind' });
          this.releaseLater(call, [transferor]);
        }),
      onFailed: (outcome) =>
        void call.ops.run(async () => {
          this.notify(transferor, OUTCOME_STATUS[outcome], outcome === 'busy' ? 'Busy Here' : 'Temporarily Unavailable', true);
          if (call.ended) return;
          if (transferor.live && other.live) {
            transferor.partner = other;
            other.partner = transferor;
            await media.bridge(transferor.endpoint.id, other.endpoint.id);
          } else this.s.hangup(call, { cause: 'transfer_failed', disposition: 'failed' });
        }),
    });
    const bindings = this.s.deps.location.lookup(number);
    await ringer.start({ number, bindings, from, codecs: call.codecs, maxForwards: 70, ringTimeoutMs: this.s.deps.maxRingMs });
  }

  private async attended(call: Call, transferor: Leg, other: Leg, replaces: { callId: string; toTag: string; fromTag: string }): Promise<void> {
    const found = this.s.findLeg(dialogId(replaces.callId, replaces.toTag, replaces.fromTag)) ?? this.s.findLeg(dialogId(replaces.callId, replaces.fromTag, replaces.toTag));
    const consult = found?.leg;
    const target = consult?.partner ?? null;
    if (!found || !consult || target === null || !target.live) {
      this.notify(transferor, 481, 'Call/Transaction Does Not Exist', true);
      return;
    }
    const consultCall = found.call;
    consult.partner = null;
    transferor.partner = null;
    consultCall.depart(target, this.s.ctx.clock.now());
    this.s.untrack(target);
    this.s.track(call, target);
    this.s.sessionTimers.move(target, call);
    await this.join(call, other, target, transferor);
    call.answeredBy = target;
    this.notify(transferor, 200, 'OK', true);
    this.s.ctx.bus.publish('call.transferred', { call_id: call.id, by: transferor.number, to: target.number, kind: 'attended' });
    this.releaseLater(call, [transferor]);
    this.releaseLater(consultCall, [consult]);
  }

  /** Bridges the two parties and moves the recording's channel from the transferor to the new party. */
  private async join(call: Call, other: Leg, newcomer: Leg, transferor: Leg): Promise<void> {
    other.partner = newcomer;
    newcomer.partner = other;
    await this.s.ctx.media.bridge(other.endpoint.id, newcomer.endpoint.id);
    if (call.mediaRecording !== null) await this.s.ctx.media.moveRecording(call.mediaRecording, transferor.endpoint.id, newcomer.endpoint.id);
  }

  /** The transferor normally hangs up after the final NOTIFY; if it does not, the box does. */
  private releaseLater(call: Call, legs: Leg[]): void {
    for (const leg of legs) {
      leg.after(TRANSFEROR_GRACE_MS, () => {
        if (!leg.live) return;
        if (call.liveLegs.every((l) => l === leg)) this.s.hangup(call, { cause: 'transferred' });
        else leg.bye();
      });
    }
  }

  /** RFC 3515 §2.4.4: the transfer's progress as a sipfrag status line. */
  private notify(transferor: Leg, status: number, reason: string, final: boolean): void {
    if (!transferor.live) return;
    transferor.sendInDialog(
      'NOTIFY',
      {
        body: new TextEncoder().encode(`SIP/2.0 ${status} ${reason}\r\n`),
        contentType: 'message/sipfrag;version=2.0',
        headers: [
          ['Event', 'refer'],
          ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'],
        ],
      },
      { onFinal: () => {}, onTimeout: () => {}, onTransportError: () => {} },
    );
  }
}
