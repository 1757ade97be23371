/** Messages between the main thread and the media Worker. */
import type { LogLevel } from '../../system/index.ts';
import type { MediaControl, MediaEvent } from './media-types.ts';

export interface WorkerSetup {
  address: string;
  advertise: string;
  ports: { min: number; max: number };
  soundsDir?: string;
  logLevel: LogLevel;
}

export type WorkerMethod = (typeof WORKER_METHODS)[number];

/** One MediaControl call, carrying exactly that method's parameters (e.g. conference's endpoints and hearing lists). */
export type WorkerCall = { [M in WorkerMethod]: { kind: 'call'; id: number; method: M; args: Parameters<MediaControl[M]> } }[WorkerMethod];

export type ToWorker = { kind: 'setup'; setup: WorkerSetup } | WorkerCall;

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; code: string; message: string }
  | { kind: 'event'; event: MediaEvent }
  | { kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> };

/** The MediaControl methods the Worker serves (everything but event subscription). */
export const WORKER_METHODS = [
  'createEndpoint',
  'configure',
  'bridge',
  'unbridge',
  'play',
  'stopPlayback',
  'conference',
  'sendDtmf',
  'startRecording',
  'stopRecording',
  'moveRecording',
  'startCapture',
  'stopCapture',
  'detectInbandDtmf',
  'stats',
  'destroy',
  'engineStats',
  'close',
] as const satisfies readonly Exclude<keyof MediaControl, 'onEvent'>[];
