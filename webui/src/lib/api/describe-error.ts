import type { Message, MessageKey } from '../../i18n/catalogue';
import { ApiError } from './api-error';

/** Server codes that have their own sentence in the catalogue. */
const CODE_MESSAGES: Readonly<Record<string, MessageKey>> = {
  unauthorized: 'errors.unauthorized',
  forbidden: 'errors.forbidden',
  not_found: 'errors.not_found',
  conflict: 'errors.conflict',
  validation: 'errors.validation',
  rate_limited: 'errors.rate_limited',
  invalid_credentials: 'errors.invalid_credentials',
  setup_not_allowed: 'errors.setup_not_allowed',
  invalid_setup_token: 'errors.invalid_setup_token',
  network: 'errors.network',
};

/**
 * A readable sentence for any failure: a catalogue text for known codes, the
 * server's own message for other codes, never a stack trace or raw JSON.
 */
export function describeError(error: unknown): Message {
  if (!(error instanceof ApiError)) return { key: 'errors.unexpected' };
  if (error.code === 'rate_limited' && error.retryAfterS !== null) {
    const seconds = error.retryAfterS;
    return seconds > 90
      ? { key: 'errors.rateLimitedForMinutes', params: { minutes: Math.ceil(seconds / 60) } }
      : { key: 'errors.rateLimitedFor', params: { seconds } };
  }
  if (error.code === 'rate_limited' && error.message !== '') {
    return { key: 'errors.rateLimitedSaid', params: { message: error.message } };
  }
  const key = CODE_MESSAGES[error.code];
  if (key) return { key };
  if (error.message !== '' && error.code !== 'http') return { key: 'errors.serverSaid', params: { message: error.message } };
  return { key: 'errors.http', params: { status: error.status } };
}
