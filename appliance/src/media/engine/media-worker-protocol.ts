/** Messages between the main thread and the media Worker. */
import type { LogLevel } from '../../system/index.ts';
import type { MediaEvent } from './media-types.ts';

export interface WorkerSetup {
  address: string;
  advertise: string;
  ports: { min: number; max: number };
  soundsDir?: string;
  logLevel: LogLevel;
}

export type ToWorker = { kind: 'setup'; setup: WorkerSetup } | { kind: 'call'; id: number; method: string; args: unknown[] };

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
] as const;
