/**
 * Typed errors. Every error the application raises on purpose is an AppError
 * with a stable string `code`; the HTTP layer maps codes to statuses in one
 * place (api/error-mapping.ts) and the UI maps codes to readable text.
 */
export interface FieldIssue {
  /** Key path in the input, e.g. `queues[0].agents[1]` or `number`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    summary?: string,
  ) {
    super('validation', summary ?? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'unauthorized', message = 'Login required') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(readonly permission: string) {
    super('forbidden', `Permission ${permission} required`);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many failed attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Configuration given at start (env, flags) is wrong; every problem is listed. */
export class ConfigError extends ValidationError {}

/** A provisioning file was refused; nothing of it was applied. */
export class ProvisioningError extends ValidationError {}
