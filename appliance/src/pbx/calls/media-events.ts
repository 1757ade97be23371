/**
 * Routes the engine's events to calls: a key pressed on a leg (RFC 4733, or
 * SIP INFO passed in by the dialog handler) is announced on the bus and
 * handed to whoever waits for digits on that leg; a finished playback wakes
 * whoever waits for it. Keyed by engine endpoint id, which each leg owns.
 */
import type { EventBus } from '../../events/index.ts';
import type { CaptureEnd, MediaEvent, RecordingResult } from '../../media/index.ts';
import type { Call } from './call.ts';
import type { Leg } from './leg.ts';

type DigitListener = (digit: string) => void;

export class MediaEvents {
  private readonly owners = new Map<number, { call: Call; leg: Leg }>();
  private readonly digitListeners = new Map<Leg, Set<DigitListener>>();
  private readonly playbackWaiters = new Map<number, { endpoint: number; done: () => void }>();
  private readonly captureWaiters = new Map<number, (end: CaptureEnd, result: RecordingResult | null) => void>();

  constructor(private readonly bus: EventBus) {}

  own(call: Call, leg: Leg): void {
    this.owners.set(leg.endpoint.id, { call, leg });
  }

  /** The leg is gone: its digit listeners are dropped and whoever waits for its playbacks is woken (the engine says nothing of a playback torn down with its endpoint). */
  release(leg: Leg): void {
    this.owners.delete(leg.endpoint.id);
    this.digitListeners.delete(leg);
    for (const [id, waiter] of this.playbackWaiters) if (waiter.endpoint === leg.endpoint.id) this.cancelPlayback(id);
  }

  onDigits(leg: Leg, listener: DigitListener): () => void {
    let set = this.digitListeners.get(leg);
    if (!set) {
      set = new Set();
      this.digitListeners.set(leg, set);
    }
    set.add(listener);
    return () => set?.delete(listener);
  }

  /** Calls `done` when playback `id` on `endpoint` finishes, is cancelled, or its leg is released. */
  waitPlayback(endpoint: number, id: number, done: () => void): void {
    this.playbackWaiters.set(id, { endpoint, done });
  }

  cancelPlayback(id: number): void {
    const waiter = this.playbackWaiters.get(id);
    this.playbackWaiters.delete(id);
    waiter?.done();
  }

  /** Calls `done` when capture `id` ends on its own (length limit, silence, endpoint gone). */
  waitCapture(id: number, done: (end: CaptureEnd, result: RecordingResult | null) => void): () => void {
    this.captureWaiters.set(id, done);
    return () => this.captureWaiters.delete(id);
  }

  /** A key from SIP INFO or RFC 4733. */
  digit(call: Call, leg: Leg, digit: string): void {
    this.bus.publish('call.dtmf', { call_id: call.id, extension: leg.number, digit });
    for (const listener of this.digitListeners.get(leg) ?? []) listener(digit);
  }

  handle(event: MediaEvent): void {
    if (event.type === 'dtmf') {
      const owner = this.owners.get(event.endpoint);
      if (owner) this.digit(owner.call, owner.leg, event.digit);
    } else if (event.type === 'playback-finished') this.cancelPlayback(event.playback);
    else if (event.type === 'capture-ended') {
      const done = this.captureWaiters.get(event.capture);
      this.captureWaiters.delete(event.capture);
      done?.(event.end, event.result);
    }
  }
}
