/** A Logger inside the media Worker that hands its lines to the main thread's logger. */
import type { LogFields, Logger, LogLevel } from '../../system/index.ts';
import type { FromWorker } from './media-worker-protocol.ts';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

class WorkerLogger implements Logger {
  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly min: number,
    private readonly base: LogFields,
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.line('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.line('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.line('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.line('error', message, fields);
  }
  child(fields: LogFields): Logger {
    return new WorkerLogger(this.post, this.min, { ...this.base, ...fields });
  }

  /** Filtered here: a line not wanted should not cost a structured clone across threads. */
  private line(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (RANK[level] < this.min) return;
    const plain: LogFields = { ...this.base };
    for (const [k, v] of Object.entries(fields)) plain[k] = v instanceof Error ? v.message : v;
    this.post({ kind: 'log', level, message, fields: plain });
  }
}

export function workerLogger(post: (message: FromWorker) => void, level: LogLevel): Logger {
  return new WorkerLogger(post, RANK[level], {});
}
