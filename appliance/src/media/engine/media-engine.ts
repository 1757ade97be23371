/**
 * The media engine: RTP sessions (endpoints) on ports from the pool, and
 * what joins and feeds them — bridges, playbacks, conferences, recordings.
 * Relaying happens per packet as it arrives (media-endpoint.ts); everything
 * the box generates or consumes happens on one 20 ms media clock (ticker.ts),
 * so every call's prompts, tones, mixes and recordings keep the same pace.
 *
 * It runs in its own Worker in production (media-worker.ts) and in-process
 * in tests; either way it is driven through `MediaControl`.
 */
import type { Clock, Logger, Scheduler } from '../../system/index.ts';
import { MediaClock } from '../clock/index.ts';
import { AudioFileCache } from './audio-file-cache.ts';
import { Conference, hearingProblem } from './conference.ts';
import { EndpointListeners, type InbandDtmfDetector } from './endpoint-listeners.ts';
import { MediaEndpoint } from './media-endpoint.ts';
import { type BindMediaSocket, bindRtpPair } from './media-socket.ts';
import type {
  CaptureRequest,
  EndpointInfo,
  EndpointStats,
  MediaControl,
  MediaEngineStats,
  MediaEvent,
  PlaySource,
  RecordingRequest,
  RecordingResult,
  StreamConfig,
} from './media-types.ts';
import { MediaEngineError } from './media-engine-error.ts';
import { Playback } from './playback.ts';
import { RecordingTap } from './recording-tap.ts';
import type { RtpPortPool } from './rtp-port-pool.ts';

export interface MediaEngineOptions {
  /** Where RTP sockets bind. */
  address: string;
  /** The address put in SDP when it differs from the bind address (binding 0.0.0.0). */
  advertise?: string;
  ports: RtpPortPool;
  bind: BindMediaSocket;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  random: () => number;
  /** Where relative prompt and music paths are looked up. */
  soundsDir?: string;
  /** Makes an in-band DTMF detector per endpoint that asks for one; absent: no in-band detection. */
  inbandDetector?: () => InbandDtmfDetector;
}

const MAX_BIND_ATTEMPTS = 8;

export class MediaEngine implements MediaControl {
  private readonly endpoints = new Map<number, MediaEndpoint>();
  private readonly playbacks = new Map<number, Playback>();
  private readonly conferences = new Set<Conference>();
  private readonly recordings = new Map<number, RecordingTap>();
  /** Endpoints whose audio something reads this tick, and endpoints with RFC 4733 packets to send: the tick visits only these. */
  private readonly consuming = new Set<MediaEndpoint>();
  private readonly dtmfSenders = new Set<MediaEndpoint>();
  private readonly listeners: ((event: MediaEvent) => void)[] = [];
  private readonly counters = { packetsIn: 0, packetsOut: 0, packetsRejected: 0 };
  private readonly files: AudioFileCache;
  private readonly ticker: MediaClock;
  private readonly listening: EndpointListeners;
  private nextId = 1;

  constructor(private readonly o: MediaEngineOptions) {
    this.files = new AudioFileCache(o.soundsDir);
    this.listening = new EndpointListeners({
      clock: o.clock,
      logger: o.logger,
      consume: (endpoint) => this.consume(endpoint),
      unconsume: (endpoint) => this.unconsume(endpoint),
      emit: (event) => this.emit(event),
      ...(o.inbandDetector ? { inbandDetector: o.inbandDetector } : {}),
    });
    this.ticker = new MediaClock({ clock: o.clock, scheduler: o.scheduler, periodMs: 20, onTick: () => this.tick() });
  }

  async createEndpoint(): Promise<EndpointInfo> {
    const id = this.nextId++;
    for (let attempt = 0; attempt < MAX_BIND_ATTEMPTS; attempt++) {
      const port = this.o.ports.take();
      if (port === null) throw new MediaEngineError('ports_exhausted', 'no free RTP port left in RTP_PORTS');
      let endpoint: MediaEndpoint | null = null;
      try {
        const { rtp, rtcp } = await bindRtpPair(this.o.bind, {
          address: this.o.address,
          port,
          onRtp: (data, fromPort, fromAddress) => endpoint?.receive(data, fromPort, fromAddress),
          // RTCP is received so the remote's reports do not bounce as ICMP errors; quality reporting reads them later.
          onRtcp: () => {},
        });
        endpoint = new MediaEndpoint(id, rtp, rtcp, this.context, this.o.random);
        this.endpoints.set(id, endpoint);
        this.updateTicker();
        return { id, port, address: this.o.advertise ?? this.o.address };
      } catch (error) {
        // Something else holds the port: skip it for now; it goes to the back of the pool and is tried again later.
        this.o.ports.release(port);
        this.o.logger.debug('RTP port busy, trying the next', { port, error });
      }
    }
    throw new MediaEngineError('bind_failed', `could not bind an RTP port after ${MAX_BIND_ATTEMPTS} attempts`);
  }

  async configure(id: number, config: StreamConfig): Promise<void> {
    this.endpoint(id).configure(config);
  }

  async bridge(a: number, b: number): Promise<void> {
    const left = this.endpoint(a);
    const right = this.endpoint(b);
    this.detach(left);
    this.detach(right);
    left.partner = right;
    right.partner = left;
    left.feeder = 'peer';
    right.feeder = 'peer';
    left.out.rebase();
    right.out.rebase();
  }

  async unbridge(id: number): Promise<void> {
    this.detach(this.endpoint(id));
  }

  async play(id: number, source: PlaySource): Promise<number> {
    const endpoint = this.endpoint(id);
    this.detach(endpoint);
    const playbackId = this.nextId++;
    const playback = new Playback(playbackId, endpoint, Playback.source(source, this.files));
    this.playbacks.set(id, playback);
    endpoint.feeder = 'player';
    endpoint.out.rebase();
    this.updateTicker();
    return playbackId;
  }

  async stopPlayback(id: number): Promise<void> {
    const endpoint = this.endpoints.get(id);
    if (endpoint?.feeder === 'player') this.detach(endpoint);
  }

  async conference(ids: number[], hears?: number[][]): Promise<void> {
    const problem = hears === undefined ? null : hearingProblem(hears, ids.length);
    if (problem !== null) throw new MediaEngineError('bad_hearing', problem);
    const members = ids.map((id) => this.endpoint(id));
    for (const member of members) this.detach(member);
    const conference = new Conference(members, hears ?? null);
    for (const member of members) {
      member.feeder = 'conference';
      member.conference = conference;
      member.out.rebase();
      this.consume(member);
    }
    this.conferences.add(conference);
    this.updateTicker();
  }

  async sendDtmf(id: number, digits: string): Promise<void> {
    const endpoint = this.endpoint(id);
    const pt = endpoint.config?.telephoneEvent ?? null;
    if (pt === null) throw new MediaEngineError('no_telephone_event', `endpoint ${id} did not negotiate telephone-event`);
    endpoint.queueDtmf(digits);
    this.dtmfSenders.add(endpoint);
    this.updateTicker();
  }

  async startRecording(request: RecordingRequest): Promise<number> {
    const left = this.endpoint(request.left);
    const right = this.endpoint(request.right);
    const id = this.nextId++;
    const tap = RecordingTap.open({ id, path: request.path, left, right, clock: this.o.clock });
    for (const endpoint of [left, right]) {
      endpoint.taps.add(tap);
      this.consume(endpoint);
    }
    this.recordings.set(id, tap);
    this.updateTicker();
    return id;
  }

  async stopRecording(id: number): Promise<RecordingResult | null> {
    const tap = this.recordings.get(id);
    if (!tap) return null;
    this.recordings.delete(id);
    for (const endpoint of tap.endpoints()) {
      endpoint.taps.delete(tap);
      this.unconsume(endpoint);
    }
    this.updateTicker();
    return tap.close();
  }

  async moveRecording(id: number, from: number, to: number): Promise<void> {
    const tap = this.recordings.get(id);
    const next = this.endpoint(to);
    if (!tap) return;
    const old = this.endpoints.get(from) ?? null;
    const leaving = old !== null && tap.uses(old) ? old : null;
    if (!tap.replace(old, next)) return;
    if (leaving !== null) {
      leaving.taps.delete(tap);
      this.unconsume(leaving);
    }
    next.taps.add(tap);
    this.consume(next);
  }

  async startCapture(request: CaptureRequest): Promise<number> {
    const endpoint = this.endpoint(request.endpoint);
    const id = this.nextId++;
    this.listening.startCapture(id, endpoint, request);
    this.updateTicker();
    return id;
  }

  async stopCapture(id: number): Promise<RecordingResult | null> {
    const result = await this.listening.stopCapture(id);
    this.updateTicker();
    return result;
  }

  async detectInbandDtmf(id: number, on: boolean): Promise<void> {
    if (!this.listening.detectInband(this.endpoint(id), on)) {
      throw new MediaEngineError('no_inband_dtmf', 'in-band DTMF detection is not available (spandsp missing)');
    }
    this.updateTicker();
  }

  async stats(id: number): Promise<EndpointStats | null> {
    const endpoint = this.endpoints.get(id);
    return endpoint ? { ...endpoint.stats } : null;
  }

  async destroy(id: number): Promise<void> {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return;
    this.detach(endpoint);
    for (const tap of endpoint.taps) {
      tap.forget(endpoint);
      if (!tap.orphaned) continue;
      this.recordings.delete(tap.id);
      tap.close().catch((error) => this.o.logger.error('recording not closed', { recording: tap.id, error }));
    }
    endpoint.taps.clear();
    this.listening.forget(endpoint);
    this.consuming.delete(endpoint);
    this.dtmfSenders.delete(endpoint);
    this.endpoints.delete(id);
    endpoint.close();
    this.o.ports.release(endpoint.port);
    this.updateTicker();
  }

  async engineStats(): Promise<MediaEngineStats> {
    return {
      endpoints: this.endpoints.size,
      bridges: [...this.endpoints.values()].filter((e) => e.feeder === 'peer').length / 2,
      recordings: this.recordings.size,
      portsInUse: this.o.ports.inUse,
      portsFree: this.o.ports.available,
      ...this.counters,
      ticksSkipped: this.ticker.stats().skippedTicks,
    };
  }

  onEvent(listener: (event: MediaEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    for (const id of [...this.recordings.keys()]) await this.stopRecording(id);
    await this.listening.closeAll();
    for (const id of [...this.endpoints.keys()]) await this.destroy(id);
    this.ticker.stop();
  }

  private readonly context = {
    now: () => this.o.clock.monotonic(),
    emit: (event: MediaEvent) => this.emit(event),
    counters: this.counters,
  };

  private emit(event: MediaEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.o.logger.error('media event listener failed', { error, type: event.type });
      }
    }
  }

  private endpoint(id: number): MediaEndpoint {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw new MediaEngineError('no_endpoint', `no media endpoint ${id}`);
    return endpoint;
  }

  /** Stops whatever feeds the endpoint; a bridge partner is left with nothing to send either. */
  private detach(endpoint: MediaEndpoint): void {
    const partner = endpoint.partner;
    if (partner !== null) {
      partner.partner = null;
      partner.feeder = 'none';
      endpoint.partner = null;
    }
    this.playbacks.delete(endpoint.id);
    const conference = endpoint.conference;
    if (conference !== null) {
      conference.remove(endpoint);
      endpoint.conference = null;
      this.unconsume(endpoint);
      if (conference.size < 2) {
        for (const member of conference.members) {
          member.feeder = 'none';
          member.conference = null;
          this.unconsume(member);
        }
        this.conferences.delete(conference);
      }
    }
    endpoint.feeder = 'none';
    this.updateTicker();
  }

  private consume(endpoint: MediaEndpoint): void {
    endpoint.startConsuming();
    this.consuming.add(endpoint);
  }

  private unconsume(endpoint: MediaEndpoint): void {
    if (endpoint.stopConsuming()) this.consuming.delete(endpoint);
  }

  /** The media clock runs only while something is generated or consumed, so an idle box does no work. */
  private updateTicker(): void {
    const busy =
      this.playbacks.size > 0 || this.conferences.size > 0 || this.recordings.size > 0 || this.dtmfSenders.size > 0 || this.listening.busy;
    if (busy) this.ticker.start();
    else this.ticker.stop();
  }

  private tick(): void {
    const now = this.o.clock.monotonic();
    for (const endpoint of this.consuming) endpoint.pullFrame();
    for (const [id, playback] of this.playbacks) {
      if (playback.tick(now)) continue;
      this.playbacks.delete(id);
      playback.endpoint.feeder = 'none';
      this.emit({ type: 'playback-finished', endpoint: id, playback: playback.id });
    }
    for (const conference of this.conferences) conference.tick(now);
    for (const [id, tap] of this.recordings) {
      try {
        tap.tick();
      } catch (error) {
        this.recordings.delete(id);
        this.emit({ type: 'recording-failed', recording: id, reason: String(error) });
      }
    }
    this.listening.tick();
    for (const endpoint of this.dtmfSenders) {
      endpoint.sendQueuedDtmf(now);
      if (!endpoint.hasQueuedDtmf) this.dtmfSenders.delete(endpoint);
    }
    this.updateTicker();
  }
}
