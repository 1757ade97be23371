/**
 * Sends a call where a route, an IVR or an after-hours list says, trying
 * the destinations in turn: the first that takes the call ends the list;
 * ringing that fails (busy, no answer, a trunk down) moves on to the next.
 * IVRs and voicemail get the caller answered and a CallerPort; what an IVR
 * decides is followed the same way, within a hop limit.
 */
import { type Destination, destinationKind } from '../destination.ts';
import type { Call } from './call.ts';
import { CallCallerPort } from './call-caller-port.ts';
import type { CallService } from './call-service.ts';
import { AgentRinger } from './agent-ringer.ts';
import { QueueCallerPort } from './queue-caller-port.ts';
import type { Ringing, RingFallback } from './ringing.ts';

/** IVR → IVR → … hops before the box stops following them (a loop in the configuration). */
const MAX_HOPS = 8;

export class DestinationRunner {
  private readonly agents: AgentRinger;

  constructor(
    private readonly s: CallService,
    private readonly ringing: Ringing,
  ) {
    this.agents = new AgentRinger(s, ringing);
  }

  /** Tries `destinations` in order; when every one fails the call ends. */
  async go(call: Call, destinations: readonly Destination[], hops = 0): Promise<void> {
    if (call.ended) return;
    const [first, ...rest] = destinations;
    if (first === undefined) {
      this.end(call, 'no_destination_answered', 480);
      return;
    }
    if (hops > MAX_HOPS) {
      this.s.ctx.logger.warn('destination hops exceeded (a loop in routes or IVRs?)', { call: call.id });
      this.end(call, 'destination_loop', 482);
      return;
    }
    const next: RingFallback = rest.length > 0 ? () => this.go(call, rest, hops + 1) : undefined;
    const kind = destinationKind(first, 'destination');
    if (typeof kind !== 'string') {
      this.s.ctx.logger.error('invalid destination', { call: call.id, destination: first });
      return next ? next() : this.end(call, 'invalid_destination', 500);
    }
    switch (kind) {
      case 'extension':
        return this.ringing.ring(call, first.extension as string, 0, next);
      case 'external':
        return this.ringing.ringOut(call, first.external as string, { permittedAs: null, fallback: next });
      case 'queue':
        return this.queue(call, first.queue as string, rest, hops);
      case 'ivr':
      case 'voicemail': {
        // Answered here, inside the call's operation queue; the flow itself runs outside it, so
        // re-INVITEs and session refreshes go on while the caller listens and presses keys.
        const port = await this.answered(call);
        if (port === null) return;
        if (kind === 'ivr') void this.ivr(call, port, first.ivr as string, rest, hops);
        else void this.voicemail(call, port, first.voicemail as string);
        return;
      }
      case 'hangup':
        this.end(call, 'route_hangup', 480);
    }
  }

  /** A caller to a voicemail feature code: the own mailbox, or asked for. Answers inside the operation queue; returns while the caller listens. */
  async retrieveVoicemail(call: Call, mailbox: string | null): Promise<void> {
    const desk = this.s.deps.voicemail;
    if (!desk) return this.end(call, 'no_voicemail', 404);
    const port = await this.answered(call);
    if (port === null) return;
    void desk.retrieve(port, mailbox).then(
      () => this.end(call, 'voicemail_done', 200),
      (error) => {
        this.s.ctx.logger.error('voicemail retrieval failed', { call: call.id, error });
        this.end(call, 'voicemail_failed', 500);
      },
    );
  }

  /** The caller is answered and waits in the queue (the ACD's); what the queue lets go of is followed like an IVR's choice. */
  private async queue(call: Call, number: string, rest: readonly Destination[], hops: number): Promise<void> {
    const desk = this.s.deps.queues;
    if (!desk) return this.go(call, rest, hops + 1);
    if (!(await this.s.control.answer(call))) return;
    const port = new QueueCallerPort(this.s, this.s.control, call, this.agents);
    port.setQueue(number);
    void desk.enter(number, port).then(
      (exit) => {
        if (call.ended || exit.kind === 'done') return;
        void call.ops.run(() => (exit.kind === 'no-queue' ? this.go(call, rest, hops + 1) : this.go(call, [exit.destination], hops + 1)));
      },
      (error) => {
        this.s.ctx.logger.error('queue failed', { call: call.id, queue: number, error });
        this.end(call, 'queue_failed', 500);
      },
    );
  }

  private async ivr(call: Call, port: CallCallerPort, name: string, rest: readonly Destination[], hops: number): Promise<void> {
    const launcher = this.s.deps.ivr;
    if (!launcher) return call.ops.run(() => this.go(call, rest, hops + 1));
    const outcome = await launcher.run(name, port).catch((error) => {
      this.s.ctx.logger.error('IVR failed', { call: call.id, ivr: name, error });
      return null;
    });
    if (call.ended || outcome === null || outcome.kind === 'caller-gone') {
      if (outcome === null) this.end(call, 'ivr_failed', 500);
      return;
    }
    if (outcome.kind === 'hangup') return this.end(call, 'ivr_hangup', 200);
    await call.ops.run(() => this.go(call, [outcome.destination], hops + 1));
  }

  private async voicemail(call: Call, port: CallCallerPort, mailbox: string): Promise<void> {
    const desk = this.s.deps.voicemail;
    if (!desk) return this.end(call, 'no_voicemail', 480);
    const left = await desk.leave(port, mailbox).catch((error) => {
      this.s.ctx.logger.error('voicemail failed', { call: call.id, mailbox, error });
      return false;
    });
    this.end(call, left ? 'voicemail_left' : 'voicemail_failed', 480);
  }

  /** The caller answered by the box, as a port; null when the caller went away. */
  private async answered(call: Call): Promise<CallCallerPort | null> {
    if (!(await this.s.control.answer(call))) return null;
    const leg = call.caller;
    if (!leg.sdp.hasTelephoneEvent()) {
      // No RFC 4733: the caller's keys can only arrive as tones in the audio.
      await this.s.ctx.media.detectInbandDtmf(leg.endpoint.id, true).catch((error) => {
        this.s.ctx.logger.warn('in-band DTMF detection unavailable', { call: call.id, error });
      });
    }
    return new CallCallerPort(this.s, this.s.control, call);
  }

  private end(call: Call, cause: string, status: number): void {
    if (call.ended) return;
    this.s.hangup(call, { cause, ...(call.answeredAt === null ? { disposition: 'failed', status } : {}) });
  }
}
