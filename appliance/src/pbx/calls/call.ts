/**
 * A call: the caller's leg, the legs the box rang or joined to it, and what
 * its record will say. Legs join and leave (forks, forwarding, transfers);
 * the call ends when its last live leg has ended.
 */
import type { Disposition } from '../../reports/index.ts';
import type { Codec, SessionDescription } from '../../sip/index.ts';
import type { Leg } from './leg.ts';
import type { SessionTimerDecision } from './session-timer-policy.ts';
import { OperationQueue } from './operation-queue.ts';

export interface CallParty {
  number: string;
  name: string | null;
}

/** What the record keeps of a leg that moved to another call (an attended transfer). */
export type LegRecord = Pick<Leg, 'id' | 'number' | 'startedAt' | 'answeredAt' | 'endedAt'>;

export class Call {
  readonly legs: Leg[] = [];
  /** Legs that left for another call; the record lists their part up to the move. */
  readonly departed: LegRecord[] = [];
  /** The leg that answered, and whom the CDR names as agent. */
  answeredBy: Leg | null = null;
  answeredAt: number | null = null;
  disposition: Disposition | null = null;
  cause: string | null = null;
  recordingId: number | null = null;
  /** The engine's id of the running recording. */
  mediaRecording: number | null = null;
  ended = false;
  /** Numbers forwarded through, in order, for the record. */
  readonly forwardedVia: string[] = [];
  readonly ops: OperationQueue;
  /** The caller's offer and the codecs the engine can relay from it, in the caller's order. */
  offer: SessionDescription | null = null;
  codecs: Codec[] = [];
  callerTimer: SessionTimerDecision | null = null;
  maxForwards = 70;
  /** The callee leg whose early media (183 with SDP) the caller hears, if any. */
  earlyFrom: Leg | null = null;
  /** Parties mixed by the box (a 3-way call); empty for a plain bridge. */
  conference: Leg[] = [];
  /** Keys pressed that interrupted a prompt, for the next digit collection. */
  readonly pendingDigits: string[] = [];
  /** The queue that handled the call (its record's `queue`), if any. */
  queue: string | null = null;
  /** Trunk channels this call holds, released when it ends. */
  readonly trunkChannels: string[] = [];
  private readonly endListeners = new Set<() => void>();

  constructor(
    readonly id: string,
    /** The caller's SIP Call-ID: unique per call, the CDR's `call_id`. */
    readonly sipCallId: string,
    readonly from: CallParty,
    readonly to: string,
    readonly caller: Leg,
    readonly startedAt: number,
    onError: (error: unknown) => void,
  ) {
    this.legs.push(caller);
    this.ops = new OperationQueue(onError);
  }

  /** Runs `listener` once when the call ends (at once if it has); returns a remover. */
  onEnd(listener: () => void): () => void {
    if (this.ended) {
      listener();
      return () => {};
    }
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Called once by the call service as the call ends. */
  notifyEnded(): void {
    const listeners = [...this.endListeners];
    this.endListeners.clear();
    for (const listener of listeners) listener();
  }

  add(leg: Leg): void {
    if (!this.legs.includes(leg)) this.legs.push(leg);
  }

  /** The leg moves to another call at `at`; this call's record keeps its part until then. */
  depart(leg: Leg, at: number): void {
    const index = this.legs.indexOf(leg);
    if (index < 0) return;
    this.legs.splice(index, 1);
    this.departed.push({ id: leg.id, number: leg.number, startedAt: leg.startedAt, answeredAt: leg.answeredAt, endedAt: at });
  }

  get liveLegs(): Leg[] {
    return this.legs.filter((l) => l.live);
  }

  /** The first outcome is kept: later causes (the other leg's BYE) do not overwrite it. */
  settle(disposition: Disposition, cause: string): void {
    this.disposition ??= disposition;
    this.cause ??= cause;
  }
}
