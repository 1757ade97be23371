/**
 * Runs the RFC 4028 decision for each leg that is up: where the box is the
 * refresher it re-INVITEs with its unchanged SDP every half interval and
 * ends the call when a refresh fails; where the phone refreshes, the box
 * ends the call when no refresh came before the expiry (§10).
 */
import { encodeSdp } from './leg-sdp.ts';
import type { Call } from './call.ts';
import type { CallContext } from './call-context.ts';
import type { Leg } from './leg.ts';
import { expiryMs, refreshMs, type SessionTimerDecision } from './session-timer-policy.ts';
import type { Timer } from '../../system/index.ts';

interface Armed {
  decision: SessionTimerDecision;
  /** The box refreshes this leg. */
  boxRefreshes: boolean;
  timer: Timer | null;
}

export class SessionTimers {
  private readonly armed = new Map<Leg, Armed>();

  constructor(
    private readonly ctx: CallContext,
    private readonly expired: (call: Call, leg: Leg) => void,
  ) {}

  /** Remember the decision for a leg; timing starts when the leg is up. */
  set(call: Call, leg: Leg, decision: SessionTimerDecision): void {
    const boxRefreshes = leg.direction === 'inbound' ? decision.refresher === 'uas' : decision.refresher === 'uac';
    this.armed.get(leg)?.timer?.cancel();
    this.armed.set(leg, { decision, boxRefreshes, timer: null });
    if (leg.state === 'up') this.arm(call, leg);
  }

  onAck(call: Call, leg: Leg): void {
    const a = this.armed.get(leg);
    if (a && a.timer === null) this.arm(call, leg);
  }

  /** A re-INVITE or UPDATE from the phone refreshed the session (§10): the clock starts again. */
  refreshed(call: Call, leg: Leg, decision?: SessionTimerDecision): void {
    if (decision) this.set(call, leg, decision);
    else if (this.armed.has(leg)) this.arm(call, leg);
  }

  /** A leg joined another call (attended transfer): its expiry now ends that call. */
  move(leg: Leg, call: Call): void {
    const a = this.armed.get(leg);
    if (!a) return;
    this.set(call, leg, a.decision);
  }

  forget(call: Call): void {
    for (const leg of call.legs) {
      this.armed.get(leg)?.timer?.cancel();
      this.armed.delete(leg);
    }
  }

  private arm(call: Call, leg: Leg): void {
    const a = this.armed.get(leg);
    if (!a) return;
    a.timer?.cancel();
    if (a.boxRefreshes) a.timer = this.ctx.scheduler.after(refreshMs(a.decision.intervalS), () => this.refresh(call, leg));
    else
      a.timer = this.ctx.scheduler.after(expiryMs(a.decision.intervalS), () => {
        this.ctx.logger.info('session expired without refresh', { call: call.id, leg: leg.id });
        this.expired(call, leg);
      });
  }

  private refresh(call: Call, leg: Leg): void {
    const sdp = leg.sdp.current();
    if (call.ended || !leg.live || sdp === null) return;
    const interval = this.armed.get(leg)?.decision.intervalS ?? this.ctx.timers.sessionExpiresS;
    const fail = () => {
      leg.reinviting = false;
      if (call.ended) return;
      this.ctx.logger.info('session refresh failed', { call: call.id, leg: leg.id });
      this.expired(call, leg);
    };
    leg.reinviting = true;
    leg.sendInDialog(
      'INVITE',
      {
        body: encodeSdp(sdp),
        headers: [
          ['Supported', 'timer'],
          ['Session-Expires', `${interval};refresher=${leg.direction === 'inbound' ? 'uas' : 'uac'}`],
        ],
      },
      {
        onFinal: (response) => {
          leg.reinviting = false;
          if (response.status >= 200 && response.status < 300) {
            leg.ack(response.cseq()?.seq ?? 0);
            this.arm(call, leg);
          } else if (response.status === 491) this.retryAfterGlare(call, leg);
          else if (response.status === 408 || response.status === 481 || response.status >= 500) fail();
          else this.arm(call, leg);
        },
        onTimeout: fail,
        onTransportError: fail,
      },
    );
  }

  /**
   * §14.1: both sides re-INVITEd at once (491). The side that chose the
   * Call-ID waits 2.1–4 s, the other 0–2 s, so the two retries do not
   * collide again. The box chose the Call-ID of its outbound legs.
   */
  private retryAfterGlare(call: Call, leg: Leg): void {
    const a = this.armed.get(leg);
    if (!a) return;
    a.timer?.cancel();
    const fraction = (this.ctx.random(1)[0] as number) / 255;
    const delay = leg.direction === 'outbound' ? 2100 + fraction * 1900 : fraction * 2000;
    a.timer = this.ctx.scheduler.after(Math.round(delay), () => this.refresh(call, leg));
  }
}
