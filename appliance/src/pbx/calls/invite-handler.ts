/**
 * A new INVITE, from the door to a ringing phone: hop count, who is
 * calling (digest), the offer (488 when it is malformed or has nothing in
 * common with us), session timers (422), the dial plan, then the call with
 * its caller leg and the extension rung — through DND, call waiting and
 * the three kinds of forwarding.
 */
import { PCMA, PCMU, randomHex, type ServerTransaction, type SessionDescription, uriUser } from '../../sip/index.ts';
import { Call } from './call.ts';
import type { CallService } from './call-service.ts';
import { type DialTarget, resolveDialled } from './dial-plan.ts';
import { TrunkInbound } from './trunk-inbound.ts';
import { FeatureCodeCall } from './feature-code-call.ts';
import type { OutboundDecision } from './call-routing.ts';
import { carrierCaller } from './carrier-caller.ts';
import { Leg } from './leg.ts';
import { offeredCodecs, parseBody } from './leg-sdp.ts';
import { Ringing } from './ringing.ts';
import { decideAsUas } from './session-timer-policy.ts';

export class InviteHandler {
  private readonly byTransaction = new Map<ServerTransaction, Call>();
  readonly ringing: Ringing;
  private readonly features: FeatureCodeCall;

  private readonly trunkInbound: TrunkInbound;

  constructor(private readonly s: CallService) {
    this.ringing = new Ringing(s);
    const destinations = this.ringing.destinations;
    this.features = new FeatureCodeCall(s, s.control, destinations);
    this.trunkInbound = new TrunkInbound(s, destinations);
  }

  newCall(tx: ServerTransaction): void {
    const request = tx.request;
    const tag = () => randomHex(this.s.ctx.random, 6);
    const maxForwards = request.integer('max-forwards') ?? 70;
    if (maxForwards <= 0) {
      tx.reply(483, { toTag: tag() });
      return;
    }
    const via = request.topVia();
    const local = this.s.ctx.local;
    if (via !== null && via.host === local.host && (via.port ?? 5060) === local.port) {
      // The box sent this INVITE to itself (a phone registered the box's own address): stop at once,
      // rather than after 70 hops each holding media ports (§16.3 item 4 in spirit).
      tx.reply(482, { toTag: tag() });
      return;
    }
    // A carrier's INVITE is trusted by its source address (a peer trunk); a phone's must carry its digest.
    const trunk = this.s.deps.trunks?.bySource(tx.inbound.source) ?? null;
    const callerNumber = trunk !== null ? carrierCaller(request).number : this.s.deps.authenticator.check(tx);
    if (callerNumber === null) return;
    const read = this.readOffer(tx, tag);
    if (read === null) return;
    const offer = read.offer;
    const timer = decideAsUas(request, { intervalS: this.s.ctx.timers.sessionExpiresS, minSeS: this.s.ctx.timers.minSeS });
    if (!timer.ok) {
      tx.reply(422, { toTag: tag(), headers: [['Min-SE', String(timer.minSe)]] });
      return;
    }
    const dialled = uriUser(request.to()?.uri ?? { user: null } as never) ?? '';
    const requestUser = (/^sips?:([^@;]+)@/i.exec(request.uri)?.[1] ?? dialled).replace(/%2[aA]/g, '*').replace(/%23/g, '#');
    const target = trunk !== null ? ({ kind: 'trunk' } as const) : this.resolve(requestUser, callerNumber);
    if (target.kind === 'unknown') {
      tx.reply(404, { toTag: tag(), reason: target.reason === 'bad_feature_argument' ? 'Bad Feature Code' : 'Not Found' });
      return;
    }
    if (target.kind === 'refused') {
      // No route, or a number the extension may not call (toll-fraud guard): refused before any call exists.
      this.s.ctx.logger.info('outbound call refused', { extension: callerNumber, number: requestUser, reason: target.reason });
      tx.reply(target.status, { toTag: tag(), reason: target.status === 403 ? 'Forbidden (not permitted)' : 'Not Found' });
      return;
    }
    if (trunk !== null && !(this.s.deps.trunks?.acquire(trunk) ?? true)) {
      tx.reply(503, { toTag: tag(), reason: 'Service Unavailable (trunk channels busy)', headers: [['Retry-After', '30']] });
      return;
    }
    // No explicit 100 Trying: the INVITE server transaction sends one itself if no ringing comes within
    // 200 ms (§17.2.1), which under load saves a datagram per call.
    const caller = trunk === null ? this.s.extension(callerNumber) : null;
    const callId = randomHex(this.s.ctx.random, 16);
    const from = { number: callerNumber, name: caller?.name ?? (trunk !== null ? carrierCaller(request).name : null) };
    void (async () => {
      let endpoint: Awaited<ReturnType<typeof this.s.ctx.media.createEndpoint>>;
      try {
        endpoint = await this.s.ctx.media.createEndpoint();
      } catch (error) {
        if (trunk !== null) this.s.deps.trunks?.release(trunk);
        this.s.ctx.logger.error('no media for a new call', { error });
        tx.reply(503, { toTag: tag(), reason: 'Service Unavailable (no media ports)', headers: [['Retry-After', '5']] });
        return;
      }
      const leg = new Leg({ id: randomHex(this.s.ctx.random, 8), direction: 'inbound', number: callerNumber, endpoint, context: this.s.ctx });
      leg.invite = tx.inbound;
      leg.inviteTx = tx;
      const call = new Call(callId, request.callId() as string, from, requestUser, leg, this.s.ctx.clock.now(), (error) =>
        this.s.ctx.logger.error('call operation failed', { error, call: callId }),
      );
      call.offer = offer;
      call.codecs = offer === null ? [PCMU, PCMA] : offeredCodecs(offer);
      call.callerTimer = timer.decision;
      call.maxForwards = maxForwards - 1;
      this.s.calls.set(call.id, call);
      this.byTransaction.set(tx, call);
      this.s.events.own(call, leg);
      tx.listen({ onTerminated: () => this.byTransaction.delete(tx) });
      leg.onNoAck = () => this.s.hangup(call, { cause: 'no_ack_from_caller', from: leg });
      if (trunk !== null) call.onEnd(() => this.s.deps.trunks?.release(trunk));
      this.s.ctx.bus.publish('call.started', { call_id: call.id, from: callerNumber, to: requestUser });
      if (target.kind === 'trunk') await call.ops.run(() => this.trunkInbound.route(call, trunk as string));
      else if (target.kind === 'feature') await call.ops.run(() => this.features.run(call, target.feature, target.argument));
      else if (target.kind === 'outbound') await call.ops.run(() => this.ringing.ringOut(call, target.number, { permittedAs: callerNumber, decision: target.decision }));
      else await call.ops.run(() => this.ringing.ring(call, target.number, 0));
    })();
  }

  /** What a phone dialled: a feature code, an extension, or a number the outbound routes take (or refuse). */
  private resolve(
    dialled: string,
    caller: string,
  ): DialTarget | { kind: 'outbound'; number: string; decision: OutboundDecision } | { kind: 'refused'; status: 403 | 404; reason: string } {
    const target = resolveDialled(dialled, (n) => this.s.extension(n) !== null);
    const routing = this.s.deps.routing;
    if (target.kind !== 'unknown' || target.reason !== 'no_such_number' || !routing) return target;
    const decision = routing.outbound(dialled, caller);
    return decision.ok ? { kind: 'outbound', number: dialled, decision } : { kind: 'refused', status: decision.status, reason: decision.reason };
  }

  /** CANCEL from the caller (§9.2): 200 to the CANCEL, 487 to the INVITE, every phone stops ringing. */
  cancel(tx: ServerTransaction): void {
    const target = tx.cancelTarget;
    const call = target ? this.byTransaction.get(target) : undefined;
    if (!call) {
      tx.reply(481, { toTag: randomHex(this.s.ctx.random, 6) });
      return;
    }
    tx.reply(200, { toTag: call.caller.localTag });
    if (call.answeredAt !== null) return;
    this.ringing.stop(call);
    this.s.hangup(call, { cause: 'caller_cancelled', disposition: 'abandoned', status: 487 });
  }

  /** The caller's offer; `offer: null` for an INVITE without one (the box offers in its 2xx, §13.2.1); null when refused. */
  private readOffer(tx: ServerTransaction, tag: () => string): { offer: SessionDescription | null } | null {
    const request = tx.request;
    const type = request.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (request.body.length === 0) return { offer: null };
    if (type !== 'application/sdp') {
      tx.reply(415, { toTag: tag(), headers: [['Accept', 'application/sdp']] });
      return null;
    }
    const parsed = parseBody(request.body);
    if (!parsed.ok) {
      tx.reply(488, { toTag: tag(), headers: [['Warning', `399 - "malformed SDP: ${parsed.reason.replace(/"/g, "'")}"`]] });
      return null;
    }
    if (offeredCodecs(parsed.value).length === 0) {
      tx.reply(488, { toTag: tag(), headers: [['Warning', '305 - "no common audio codec (PCMU or PCMA)"']] });
      return null;
    }
    return { offer: parsed.value };
  }
}
