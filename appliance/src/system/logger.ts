/**
 * Structured logging: JSON lines for machines (journald, files), a readable
 * line for a person at a terminal. Loggers are passed in; child loggers carry
 * context fields such as `callId` or `user`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';
export type LogFields = Record<string, unknown>;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  write: (line: string) => void;
  now?: () => number;
}

export function createLogger(options: LoggerOptions, context: LogFields = {}): Logger {
  return new StructuredLogger(options, LEVEL_RANK[options.level], context);
}

/**
 * A class rather than closures: child loggers are made per transaction and
 * per call, so each must cost one small object, not five functions.
 */
class StructuredLogger implements Logger {
  constructor(
    private readonly options: LoggerOptions,
    private readonly min: number,
    private readonly context: LogFields,
  ) {}

  debug(msg: string, fields?: LogFields): void {
    this.emit('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.emit('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.emit('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.emit('error', msg, fields);
  }

  child(fields: LogFields): Logger {
    return new StructuredLogger(this.options, this.min, { ...this.context, ...fields });
  }

  private emit(level: LogLevel, msg: string, fields?: LogFields): void {
    if (LEVEL_RANK[level] < this.min) return;
    const now = this.options.now ?? Date.now;
    const record = { time: new Date(now()).toISOString(), level, msg, ...this.context, ...fields };
    this.options.write(this.options.format === 'json' ? JSON.stringify(record, errorReplacer) : pretty(record));
  }
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function pretty(record: LogFields & { time: string; level: LogLevel; msg: string }): string {
  const { time, level, msg, ...rest } = record;
  const extra = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v, errorReplacer)}`)
    .join(' ');
  return `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${msg}${extra ? `  ${extra}` : ''}`;
}
