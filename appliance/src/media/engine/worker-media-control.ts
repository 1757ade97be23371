/**
 * The main thread's side of the media Worker: MediaControl calls become
 * messages, replies resolve them, and the Worker's events and log lines are
 * passed on. If the Worker dies, every pending call fails and the error is
 * logged; calls then fail at once rather than hang.
 */
import type { Logger } from '../../system/index.ts';
import { MediaEngineError } from './media-engine-error.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './media-worker-protocol.ts';
import type {
  EndpointInfo,
  EndpointStats,
  MediaControl,
  MediaEngineStats,
  MediaEvent,
  PlaySource,
  CaptureRequest,
  RecordingRequest,
  RecordingResult,
  StreamConfig,
} from './media-types.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class WorkerMediaControl implements MediaControl {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: ((event: MediaEvent) => void)[] = [];
  private nextId = 1;
  private dead: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly logger: Logger,
  ) {}

  static async start(setup: WorkerSetup, logger: Logger): Promise<WorkerMediaControl> {
    const worker = new Worker(new URL('./media-worker.ts', import.meta.url).href);
    const control = new WorkerMediaControl(worker, logger);
    const ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        if (event.data.kind === 'ready') {
          worker.onmessage = (e: MessageEvent<FromWorker>) => control.receive(e.data);
          resolve();
        }
      };
      worker.onerror = (event) => reject(new Error(`media worker failed to start: ${event.message}`));
    });
    worker.postMessage({ kind: 'setup', setup } satisfies ToWorker);
    await ready;
    worker.onerror = (event) => control.fail(new Error(`media worker crashed: ${event.message}`));
    return control;
  }

  createEndpoint = () => this.call<EndpointInfo>('createEndpoint');
  configure = (endpoint: number, config: StreamConfig) => this.call<void>('configure', endpoint, config);
  bridge = (a: number, b: number) => this.call<void>('bridge', a, b);
  unbridge = (endpoint: number) => this.call<void>('unbridge', endpoint);
  play = (endpoint: number, source: PlaySource) => this.call<number>('play', endpoint, source);
  stopPlayback = (endpoint: number) => this.call<void>('stopPlayback', endpoint);
  conference = (endpoints: number[]) => this.call<void>('conference', endpoints);
  sendDtmf = (endpoint: number, digits: string) => this.call<void>('sendDtmf', endpoint, digits);
  startRecording = (request: RecordingRequest) => this.call<number>('startRecording', request);
  stopRecording = (recording: number) => this.call<RecordingResult | null>('stopRecording', recording);
  moveRecording = (recording: number, from: number, to: number) => this.call<void>('moveRecording', recording, from, to);
  startCapture = (request: CaptureRequest) => this.call<number>('startCapture', request);
  stopCapture = (capture: number) => this.call<RecordingResult | null>('stopCapture', capture);
  detectInbandDtmf = (endpoint: number, on: boolean) => this.call<void>('detectInbandDtmf', endpoint, on);
  stats = (endpoint: number) => this.call<EndpointStats | null>('stats', endpoint);
  destroy = (endpoint: number) => this.call<void>('destroy', endpoint);
  engineStats = () => this.call<MediaEngineStats>('engineStats');

  onEvent(listener: (event: MediaEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.dead !== null) return;
    await this.call<void>('close').catch(() => {});
    this.dead = new Error('media engine closed');
    this.worker.terminate();
    this.fail(this.dead);
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.dead !== null) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ kind: 'call', id, method, args } satisfies ToWorker);
    });
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'result': {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        p?.resolve(message.value);
        return;
      }
      case 'error': {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        p?.reject(new MediaEngineError(message.code.replace(/^media_/, '') as never, message.message));
        return;
      }
      case 'event':
        for (const listener of this.listeners) listener(message.event);
        return;
      case 'log':
        this.logger[message.level](message.message, message.fields);
        return;
      case 'ready':
        return;
    }
  }

  private fail(error: Error): void {
    if (this.dead === null) this.logger.error('media engine stopped unexpectedly', { error });
    this.dead = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
