/**
 * What listens to an endpoint's received audio on the media clock besides
 * call recordings: message captures (voicemail, IVR record nodes) and
 * in-band DTMF detectors for callers whose keys arrive as tones. Kept apart
 * from the engine so its bookkeeping (consume, events, teardown) is one place.
 */
import type { Clock, Logger } from '../../system/index.ts';
import { CaptureTap } from './capture-tap.ts';
import type { MediaEndpoint } from './media-endpoint.ts';
import type { CaptureEnd, CaptureRequest, MediaEvent, RecordingResult } from './media-types.ts';

/** Finds DTMF keys in 8 kHz audio fed frame by frame (spandsp in production). */
export interface InbandDtmfDetector {
  /** Keys completed by these samples, in order. */
  push(samples: Int16Array): string;
  /** Audio that never arrived (a lost packet): bridged briefly so one key is not heard as two. */
  missing(samples: number): string;
  close(): void;
}

export interface EndpointListenersHost {
  clock: Clock;
  logger: Logger;
  consume(endpoint: MediaEndpoint): void;
  unconsume(endpoint: MediaEndpoint): void;
  emit(event: MediaEvent): void;
  /** Makes a detector, or null when in-band detection is not available on this box. */
  inbandDetector?: () => InbandDtmfDetector;
}

const FRAME_SAMPLES = 160;

export class EndpointListeners {
  private readonly captures = new Map<number, CaptureTap>();
  private readonly detectors = new Map<MediaEndpoint, InbandDtmfDetector>();

  constructor(private readonly h: EndpointListenersHost) {}

  get busy(): boolean {
    return this.captures.size > 0 || this.detectors.size > 0;
  }

  startCapture(id: number, endpoint: MediaEndpoint, request: CaptureRequest): void {
    const tap = CaptureTap.open({ id, path: request.path, endpoint, clock: this.h.clock, maxMs: request.maxMs, silenceMs: request.silenceMs });
    this.captures.set(id, tap);
    this.h.consume(endpoint);
  }

  async stopCapture(id: number): Promise<RecordingResult | null> {
    const tap = this.captures.get(id);
    if (!tap) return null;
    return this.end(tap, 'stopped', false);
  }

  /** False when the box has no detector (the caller still has RFC 4733 and SIP INFO). */
  detectInband(endpoint: MediaEndpoint, on: boolean): boolean {
    const current = this.detectors.get(endpoint);
    if (!on) {
      if (current) {
        current.close();
        this.detectors.delete(endpoint);
        this.h.unconsume(endpoint);
      }
      return true;
    }
    if (current) return true;
    if (!this.h.inbandDetector) return false;
    this.detectors.set(endpoint, this.h.inbandDetector());
    this.h.consume(endpoint);
    return true;
  }

  tick(): void {
    for (const tap of this.captures.values()) {
      let end: CaptureEnd | null;
      try {
        end = tap.tick();
      } catch (error) {
        this.h.logger.error('message capture failed', { capture: tap.id, error });
        end = 'stopped';
      }
      if (end !== null) void this.end(tap, end, true);
    }
    for (const [endpoint, detector] of this.detectors) {
      const keys = endpoint.hasFrame ? detector.push(endpoint.frame) : detector.missing(FRAME_SAMPLES);
      // A tone's length is not known at its detection; 100 ms is what the IVR needs to hear (any press).
      for (const digit of keys) this.h.emit({ type: 'dtmf', endpoint: endpoint.id, digit, durationMs: 100 });
    }
  }

  /** The endpoint is going away: its captures end as `gone`, its detector is freed. */
  forget(endpoint: MediaEndpoint): void {
    for (const tap of [...this.captures.values()]) if (tap.endpoint === endpoint) void this.end(tap, 'gone', true);
    this.detectInband(endpoint, false);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.captures.values()].map((tap) => this.end(tap, 'stopped', false)));
    for (const endpoint of [...this.detectors.keys()]) this.detectInband(endpoint, false);
  }

  private async end(tap: CaptureTap, end: CaptureEnd, announce: boolean): Promise<RecordingResult | null> {
    this.captures.delete(tap.id);
    this.h.unconsume(tap.endpoint);
    let result: RecordingResult | null = null;
    try {
      result = await tap.close();
    } catch (error) {
      this.h.logger.error('message capture not closed', { capture: tap.id, error });
    }
    if (announce) this.h.emit({ type: 'capture-ended', capture: tap.id, endpoint: tap.endpoint.id, end, result });
    return result;
  }
}
