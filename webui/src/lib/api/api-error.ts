/** One field problem in a 422 answer. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * An answer with status ≥ 400, or no answer at all (status 0, code `network`).
 * `code` is the server's `error.code`, or `http` when the body was not the
 * documented error shape (a proxy's 502 page, for example).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  /** From a Retry-After header (seconds), when the server sent one. */
  readonly retryAfterS: number | null;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: readonly ErrorDetail[];
    retryAfterS?: number | null;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.retryAfterS = options.retryAfterS ?? null;
  }
}

/** Reads the documented error body; anything else becomes code `http`. */
export function errorFromBody(status: number, body: unknown, retryAfter: string | null): ApiError {
  const retryAfterS = parseRetryAfter(retryAfter);
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    return new ApiError({
      status,
      code: error.code,
      message: typeof error.message === 'string' ? error.message : '',
      details: Array.isArray(error.details) ? error.details.filter(isDetail) : [],
      retryAfterS,
    });
  }
  return new ApiError({ status, code: 'http', message: '', retryAfterS });
}

/** `number`, `/number`, `body.number` and `/codecs/1` all name a form field (`number`, `codecs`). */
export function fieldOfPath(path: string): string {
  const parts = path.split(/[./[\]]/).filter((part) => part !== '');
  if (parts[0] === 'body' && parts.length > 1) parts.shift();
  return parts[0] ?? '';
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

function isDetail(value: unknown): value is ErrorDetail {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
