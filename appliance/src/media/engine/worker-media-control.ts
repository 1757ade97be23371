/**
 * The main thread's side of the media Worker: MediaControl calls become
 * messages, replies resolve them, and the Worker's events and log lines are
 * passed on. If the Worker dies, every pending call fails and the error is
 * logged; calls then fail at once rather than hang.
 */
import type { Logger } from '../../system/index.ts';
import { MediaEngineError } from './media-engine-error.ts';
import type { FromWorker, ToWorker, WorkerCall, WorkerMethod, WorkerSetup } from './media-worker-protocol.ts';
import type { CaptureRequest, MediaControl, MediaEvent, PlaySource, RecordingRequest, StreamConfig } from './media-types.ts';

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

  createEndpoint = () => this.call('createEndpoint');
  configure = (endpoint: number, config: StreamConfig) => this.call('configure', endpoint, config);
  bridge = (a: number, b: number) => this.call('bridge', a, b);
  unbridge = (endpoint: number) => this.call('unbridge', endpoint);
  play = (endpoint: number, source: PlaySource) => this.call('play', endpoint, source);
  stopPlayback = (endpoint: number) => this.call('stopPlayback', endpoint);
  conference = (endpoints: number[], hears?: number[][]) => this.call('conference', endpoints, hears);
  sendDtmf = (endpoint: number, digits: string) => this.call('sendDtmf', endpoint, digits);
  startRecording = (request: RecordingRequest) => this.call('startRecording', request);
  stopRecording = (recording: number) => this.call('stopRecording', recording);
  moveRecording = (recording: number, from: number, to: number) => this.call('moveRecording', recording, from, to);
  startCapture = (request: CaptureRequest) => this.call('startCapture', request);
  stopCapture = (capture: number) => this.call('stopCapture', capture);
  detectInbandDtmf = (endpoint: number, on: boolean) => this.call('detectInbandDtmf', endpoint, on);
  stats = (endpoint: number) => this.call('stats', endpoint);
  destroy = (endpoint: number) => this.call('destroy', endpoint);
  engineStats = () => this.call('engineStats');

  onEvent(listener: (event: MediaEvent) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.dead !== null) return;
    await this.call('close').catch(() => {});
    this.dead = new Error('media engine closed');
    this.worker.terminate();
    this.fail(this.dead);
  }

  /** Sends one call with the method's own parameters; it resolves with what the engine's method resolved with. */
  private call<M extends WorkerMethod>(method: M, ...args: Parameters<MediaControl[M]>): Promise<Awaited<ReturnType<MediaControl[M]>>> {
    if (this.dead !== null) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ kind: 'call', id, method, args } as WorkerCall satisfies ToWorker);
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
