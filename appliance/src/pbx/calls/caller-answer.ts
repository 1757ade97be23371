/**
 * Answers the caller's leg: the box's SDP answer on the caller's endpoint
 * (with `codec` first, the one the other side settled on), the engine
 * configured from it, and the 183 or 200 sent. A 200 makes the leg's
 * dialog, retransmitted until the ACK.
 */
import { type Codec, negotiatedMedia, uasDialog } from '../../sip/index.ts';
import type { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { encodeSdp, streamConfig } from './leg-sdp.ts';

export async function answerCaller(s: CallService, call: Call, codec: Codec | null, status: 183 | 200): Promise<boolean> {
  const leg = call.caller;
  if (!leg.live || leg.inviteTx === null) return false;
  let local = leg.sdp.current();
  if (call.offer === null) {
    // No offer in the INVITE: ours goes in the 2xx, the answer comes in the ACK (§13.2.1). Early media needs
    // reliable provisionals (RFC 3262), which the box does not do, so a 183 becomes a plain 180.
    if (status === 183) {
      if (leg.state === 'offered') leg.step('provisional');
      leg.respond(180, { toTag: leg.localTag });
      return false;
    }
    local ??= leg.sdp.offer(codec ? [codec, ...call.codecs.filter((c) => c !== codec)] : call.codecs);
  } else if (local === null) {
    const answer = leg.sdp.answer(call.offer, codec ? [codec, ...call.codecs.filter((c) => c !== codec)] : call.codecs);
    if (!answer.ok) {
      s.hangup(call, { cause: 'no_common_codec', disposition: 'failed', status: 488 });
      return false;
    }
    local = answer.value;
    const negotiated = negotiatedMedia(call.offer, local, 'answerer');
    if (negotiated) await s.ctx.media.configure(leg.endpoint.id, streamConfig(negotiated));
  }
  const headers: [string, string][] = [
    ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, INFO, UPDATE'],
    ['Supported', 'timer, replaces'],
  ];
  if (status === 200) {
    headers.push(...(call.callerTimer?.headers ?? []));
    leg.dialog = uasDialog(leg.invite as never, leg.localTag, s.ctx.local, call.to);
    s.track(call, leg);
    leg.step('answer');
    leg.answeredAt = s.ctx.clock.now();
    if (call.callerTimer) s.sessionTimers.set(call, leg, call.callerTimer);
  } else if (leg.state === 'offered') leg.step('provisional');
  leg.respond(status, { toTag: leg.localTag, headers, body: encodeSdp(local) });
  return true;
}
