/**
 * Turns the telephone-event packets of one RTP stream into key presses,
 * each reported exactly once (RFC 4733 §2.5.2).
 *
 * A sender repeats an event's packets while the key is held and sends the
 * end packet three times (§2.5.1.4); all of them carry the event's start
 * as RTP timestamp. So a new timestamp is a new press, and a press is
 * reported on its first end packet. Packets are lost, so:
 *  - if every end packet of a press is lost, the next press (a new
 *    timestamp) or `expire()` reports it, with the last duration seen;
 *  - a press whose start packets were lost is reported from its end packet;
 *  - packets of an older press that arrive late are ignored.
 * An event longer than the 16-bit duration field continues in segments
 * with new timestamps and no marker (§2.5.1.3); those extend the press.
 */
import { type DtmfSymbol, eventSymbol, readTelephoneEvent, type TelephoneEvent } from './telephone-event.ts';

export interface DtmfPress {
  digit: DtmfSymbol;
  /** RTP timestamp of the press: its start. */
  timestamp: number;
  /** Duration the sender reported, in timestamp units, over all segments. */
  reportedDuration: number;
  durationMs: number;
  /** False when no end packet arrived and a later press or `expire()` ended this one. */
  endReceived: boolean;
}

export interface DtmfReceiverOptions {
  /** Clock rate of the telephone-event format, for durations in milliseconds. */
  clockRate?: number;
  /** Called on the first packet of each press, for callers that must react before the key is released (stopping a prompt). */
  onStart?: (digit: DtmfSymbol, timestamp: number) => void;
}

/** A press heard and not yet reported. */
interface Pending {
  digit: DtmfSymbol;
  event: number;
  /** Timestamp of the press, and of the segment now running. */
  timestamp: number;
  segmentTimestamp: number;
  /** Duration of the segments before the current one. */
  earlierSegments: number;
  duration: number;
  endSeen: boolean;
}

export class DtmfReceiver {
  private readonly clockRate: number;
  private readonly onStart: ((digit: DtmfSymbol, timestamp: number) => void) | null;
  private readonly packet: TelephoneEvent = { event: 0, end: false, volume: 0, duration: 0 };
  private pending: Pending | null = null;
  /** Segment timestamp of the last press, reported or not: anything older is stale. */
  private latest: number | null = null;

  constructor(options: DtmfReceiverOptions = {}) {
    this.clockRate = options.clockRate ?? 8000;
    this.onStart = options.onStart ?? null;
  }

  /** One telephone-event packet; returns the press it completes, if any. */
  receive(rtpTimestamp: number, marker: boolean, payload: Uint8Array): DtmfPress | null {
    const packet = this.packet;
    if (!readTelephoneEvent(payload, 0, payload.length, packet)) return null;
    const digit = eventSymbol(packet.event);
    if (digit === null) return null;
    const timestamp = rtpTimestamp >>> 0;
    const latest = this.latest;
    if (latest !== null && ((timestamp - latest) | 0) < 0) return null;
    const pending = this.pending;
    if (latest === timestamp) {
      // A repeat, an update or an end of the running press, or a retransmission after it was reported.
      if (pending === null) return null;
      pending.duration = Math.max(pending.duration, packet.duration);
      return packet.end ? this.finish(true) : null;
    }
    this.latest = timestamp;
    if (pending !== null && !marker && this.continues(pending, timestamp)) {
      pending.earlierSegments += (timestamp - pending.segmentTimestamp) >>> 0;
      pending.segmentTimestamp = timestamp;
      pending.duration = packet.duration;
      return packet.end ? this.finish(true) : null;
    }
    // A new press; the one before it, if never ended, ends now.
    const previous = pending === null ? null : this.finish(pending.endSeen);
    this.pending = {
      digit,
      event: packet.event,
      timestamp,
      segmentTimestamp: timestamp,
      earlierSegments: 0,
      duration: packet.duration,
      endSeen: packet.end,
    };
    this.onStart?.(digit, timestamp);
    // One report per call: a press that both started and ended here waits for its retransmitted end packet.
    if (packet.end && previous === null) return this.finish(true);
    return previous;
  }

  /**
   * Ends a press whose end packets never came, once `nowTimestamp` (the
   * stream's current RTP time, e.g. of the latest audio packet: §2.1 says
   * events share the audio clock) is `timeoutMs` past its last duration.
   */
  expire(nowTimestamp: number, timeoutMs = 250): DtmfPress | null {
    const pending = this.pending;
    if (pending === null) return null;
    const elapsed = ((nowTimestamp >>> 0) - pending.segmentTimestamp) | 0;
    if (elapsed - pending.duration <= (timeoutMs * this.clockRate) / 1000) return null;
    return this.finish(pending.endSeen);
  }

  /** Forgets everything, e.g. when the SSRC changes. */
  reset(): void {
    this.pending = null;
    this.latest = null;
  }

  /** A continuation segment: same event, no end yet, starting within what the last segment covered. */
  private continues(pending: Pending, timestamp: number): boolean {
    const delta = (timestamp - pending.segmentTimestamp) >>> 0;
    return pending.event === this.packet.event && !pending.endSeen && delta > 0 && delta <= pending.duration;
  }

  private finish(endReceived: boolean): DtmfPress | null {
    const pending = this.pending;
    if (pending === null) return null;
    this.pending = null;
    const reportedDuration = pending.earlierSegments + pending.duration;
    return {
      digit: pending.digit,
      timestamp: pending.timestamp,
      reportedDuration,
      durationMs: Math.round((reportedDuration * 1000) / this.clockRate),
      endReceived,
    };
  }
}
