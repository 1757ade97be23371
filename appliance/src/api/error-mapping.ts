/**
 * The one place where errors become HTTP responses:
 * `{ "error": { "code", "message", "details"? } }`. Unexpected errors are
 * logged with their stack and answered with a plain 500, never the stack.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  AppError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../errors.ts';
import type { Logger } from '../system/index.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: FieldIssue[] };
}

export function errorResponse(status: number, code: string, message: string, details?: FieldIssue[], headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return Response.json(body, { status, headers });
}

const STATUS: [new (...args: never[]) => AppError, number][] = [
  [ValidationError, 422],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [RateLimitedError, 429],
];

export function appErrorResponse(error: AppError): Response {
  const status = STATUS.find(([type]) => error instanceof type)?.[1] ?? 400;
  const details = error instanceof ValidationError ? error.issues : undefined;
  const headers: Record<string, string> = error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  return errorResponse(status, error.code, error.message, details, headers);
}

interface ValidationItem {
  path?: string;
  message?: string;
  summary?: string;
  value?: unknown;
  schema?: TSchema & { anyOf?: TSchema[] };
}

interface ElysiaValidationLike {
  all?: ValidationItem[];
  message: string;
}

/**
 * A readable message for one invalid field. For an optional-or-null field
 * TypeBox only says "should be one of string, null"; the variant the value
 * was meant for says what is wrong with it ("too long").
 */
function describeItem(item: ValidationItem): string {
  const variants = item.schema?.anyOf;
  if (variants && item.value !== null && item.value !== undefined) {
    const meant = variants.find((v) => v.type !== 'null' && v.type === typeof item.value) ?? variants.find((v) => v.type !== 'null');
    const first = meant ? Value.Errors(meant, item.value).First() : undefined;
    if (first) return first.message;
  }
  return item.summary ?? item.message ?? 'invalid';
}

/** Maps Elysia's own errors (validation, parse, not found) and ours; logs the rest. */
export function mapError(code: string | number, error: unknown, logger: Logger): Response {
  if (error instanceof AppError) return appErrorResponse(error);
  switch (code) {
    case 'VALIDATION': {
      const all = (error as ElysiaValidationLike).all ?? [];
      const details = all.map((e) => ({ path: (e.path ?? '').replace(/^\//, '').replace(/\//g, '.'), message: describeItem(e) }));
      return errorResponse(422, 'validation', details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ') || 'Invalid request', details);
    }
    case 'PARSE':
      return errorResponse(400, 'bad_request', 'The request body is not valid JSON');
    case 'NOT_FOUND':
      return errorResponse(404, 'not_found', 'No such API route');
    default:
      logger.error('unhandled API error', { code, error });
      return errorResponse(500, 'internal', 'Internal error; see the service log');
  }
}
