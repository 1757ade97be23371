/**
 * Requests inside a call's dialogs. The box answers each leg itself — a
 * re-INVITE to hold is not passed to the other phone, whose media keeps
 * flowing from the engine (music on hold instead of the held party):
 *  - BYE ends the call (or only this leg, when it was already transferred away);
 *  - re-INVITE / UPDATE: new offer, hold and resume, session refresh;
 *  - INFO with DTMF: announced and passed to the other side as RFC 4733;
 *  - REFER: transfers; NOTIFY and OPTIONS: acknowledged.
 */
import { parseSipInfoDtmf } from '../../media/index.ts';
import { contactUri, negotiatedMedia, type ServerTransaction } from '../../sip/index.ts';
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import type { Leg } from './leg.ts';
import { encodeSdp, offeredCodecs, parseBody, streamConfig } from './leg-sdp.ts';
import { decideAsUas } from './session-timer-policy.ts';

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, INFO, UPDATE';

export class InDialogHandler {
  /** Legs whose phone has put the other side on hold. */
  private readonly holding = new WeakSet<Leg>();

  constructor(private readonly s: CallService) {}

  handle(call: Call, leg: Leg, tx: ServerTransaction): void {
    if (leg.dialog?.checkRemoteCSeq(tx.request) === 'out-of-order') {
      tx.reply(500, { reason: 'CSeq Out of Order' });
      return;
    }
    switch (tx.request.method) {
      case 'BYE':
        this.bye(call, leg, tx);
        return;
      case 'INVITE':
        void call.ops.run(() => this.reinvite(call, leg, tx));
        return;
      case 'UPDATE':
        void call.ops.run(() => this.update(call, leg, tx));
        return;
      case 'INFO':
        this.info(call, leg, tx);
        return;
      case 'REFER':
        void call.ops.run(() => this.s.transfers.refer(call, leg, tx));
        return;
      case 'NOTIFY':
      case 'OPTIONS':
        tx.reply(200, { headers: [['Allow', ALLOW]] });
        return;
      default:
        tx.reply(405, { headers: [['Allow', ALLOW]] });
    }
  }

  /**
   * The phone hung up. While it talks to someone the call ends with it; a
   * leg with nobody on the other end (a transferor after the transfer) just
   * leaves, unless it was the last one.
   */
  private bye(call: Call, leg: Leg, tx: ServerTransaction): void {
    const cause = leg === call.caller ? 'caller_hangup' : 'callee_hangup';
    // The others ringing only (an IVR caller put through to a phone that rings): the call ends, they are cancelled.
    const othersUp = call.liveLegs.filter((l) => l !== leg && l.state === 'up');
    if (leg.partner?.live || othersUp.length === 0) {
      this.s.hangup(call, { cause, from: leg, done: () => tx.reply(200) });
      return;
    }
    leg.step('ended');
    leg.cause ??= call.conference.includes(leg) ? cause : 'transferred';
    this.s.untrack(leg);
    void this.s.ctx.media.destroy(leg.endpoint.id);
    tx.reply(200);
    // A 3-way call goes on with two; with one left, nobody is there to talk to.
    call.conference = call.conference.filter((l) => l !== leg && l.live);
    if (call.conference.length === 1) this.s.hangup(call, { cause });
  }

  private async reinvite(call: Call, leg: Leg, tx: ServerTransaction): Promise<void> {
    if (leg.reinviting) {
      // §14.2: our own re-INVITE is still pending on this dialog.
      tx.reply(491, { headers: [['Retry-After', '1']] });
      return;
    }
    const timer = decideAsUas(tx.request, { intervalS: this.s.ctx.timers.sessionExpiresS, minSeS: this.s.ctx.timers.minSeS });
    if (!timer.ok) {
      tx.reply(422, { headers: [['Min-SE', String(timer.minSe)]] });
      return;
    }
    leg.dialog?.refreshTarget(contactUri(tx.request));
    let body: Uint8Array;
    if (tx.request.body.length === 0) {
      // An offerless re-INVITE asks for our current description as the offer (§14.2).
      const current = leg.sdp.current();
      if (current === null) {
        tx.reply(488);
        return;
      }
      body = encodeSdp(current);
    } else {
      const applied = await this.applyOffer(call, leg, tx);
      if (applied === null) return;
      body = applied;
    }
    this.s.sessionTimers.refreshed(call, leg, timer.decision);
    leg.respond(200, { toTag: leg.dialog?.localTag ?? leg.localTag, headers: [...timer.decision.headers, ['Allow', ALLOW]], body }, tx);
  }

  /** UPDATE (RFC 3311): a session refresh without SDP, or a new offer. */
  private async update(call: Call, leg: Leg, tx: ServerTransaction): Promise<void> {
    const timer = decideAsUas(tx.request, { intervalS: this.s.ctx.timers.sessionExpiresS, minSeS: this.s.ctx.timers.minSeS });
    if (!timer.ok) {
      tx.reply(422, { headers: [['Min-SE', String(timer.minSe)]] });
      return;
    }
    let body: Uint8Array | undefined;
    if (tx.request.body.length > 0) {
      const applied = await this.applyOffer(call, leg, tx);
      if (applied === null) return;
      body = applied;
    }
    this.s.sessionTimers.refreshed(call, leg, timer.decision);
    const headers: [string, string][] = [...timer.decision.headers];
    if (body) headers.push(['Content-Type', 'application/sdp']);
    tx.reply(200, { headers, ...(body ? { body } : {}) });
  }

  /** A new offer on this leg: answer it, reconfigure the endpoint, and hold or resume the other side. */
  private async applyOffer(call: Call, leg: Leg, tx: ServerTransaction): Promise<Uint8Array | null> {
    const offer = parseBody(tx.request.body);
    if (!offer.ok) {
      tx.reply(488, { headers: [['Warning', `399 - "malformed SDP: ${offer.reason.replace(/"/g, "'")}"`]] });
      return null;
    }
    const current = leg.sdp.current();
    // Keep the codec this leg already uses first, so the bridge stays a plain relay.
    const currentCodec = current ? (offeredCodecs(current)[0] ?? null) : null;
    const codecs = currentCodec ? [currentCodec, ...call.codecs.filter((c) => c !== currentCodec)] : call.codecs;
    const answer = leg.sdp.answer(offer.value, codecs.length > 0 ? codecs : undefined);
    if (!answer.ok) {
      tx.reply(488, { headers: [['Warning', `305 - "${answer.reason.replace(/"/g, "'")}"`]] });
      return null;
    }
    const negotiated = negotiatedMedia(offer.value, answer.value, 'answerer');
    if (negotiated) await this.s.ctx.media.configure(leg.endpoint.id, streamConfig(negotiated));
    const holds = negotiated !== null && (negotiated.direction === 'recvonly' || negotiated.direction === 'inactive');
    await this.setHold(call, leg, holds);
    return encodeSdp(answer.value);
  }

  /** Music on hold to the other party while this leg holds; the bridge again on resume. */
  private async setHold(call: Call, leg: Leg, holds: boolean): Promise<void> {
    const wasHolding = this.holding.has(leg);
    const other = leg.partner;
    if (holds === wasHolding || other === null || !other.live) {
      if (holds) this.holding.add(leg);
      else this.holding.delete(leg);
      return;
    }
    const media = this.s.ctx.media;
    if (holds) {
      this.holding.add(leg);
      const moh = this.s.deps.musicOnHold;
      await media.play(
        other.endpoint.id,
        moh === null ? { kind: 'tone', plan: this.s.deps.tonePlan, tone: 'callWaiting' } : { kind: 'file', path: moh, loop: true },
      );
    } else {
      this.holding.delete(leg);
      await media.bridge(leg.endpoint.id, other.endpoint.id);
    }
    this.s.ctx.bus.publish('call.hold', { call_id: call.id, extension: leg.number, held: holds });
  }

  isHolding(leg: Leg): boolean {
    return this.holding.has(leg);
  }

  private info(call: Call, leg: Leg, tx: ServerTransaction): void {
    const parsed = parseSipInfoDtmf(tx.request.get('content-type') ?? '', new TextDecoder().decode(tx.request.body));
    tx.reply(200);
    if (!parsed.ok) return;
    const dtmf = parsed.value;
    this.s.events.digit(call, leg, dtmf.digit);
    const other = leg.partner;
    if (other?.live) void this.s.ctx.media.sendDtmf(other.endpoint.id, dtmf.digit).catch(() => {});
  }
}
