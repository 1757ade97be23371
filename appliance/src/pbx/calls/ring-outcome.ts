/**
 * What ringing a set of phones came to, from the final responses of the
 * forks (RFC 3261 §16.7 picks the best response the same way: a 6xx ends
 * the search, busy beats no-answer, anything else is a failure).
 */
import type { Disposition } from '../../reports/index.ts';

export type RingOutcome = 'busy' | 'no_answer' | 'unavailable' | 'failed';

export function outcomeOf(statuses: readonly number[]): RingOutcome {
  if (statuses.some((s) => s === 486 || s === 600 || s === 603)) return 'busy';
  if (statuses.some((s) => s === 408 || s === 480 || s === 487)) return 'no_answer';
  if (statuses.length === 0) return 'unavailable';
  return 'failed';
}

/** The status the caller is answered with for each outcome. */
export const OUTCOME_STATUS: Record<RingOutcome, number> = { busy: 486, no_answer: 480, unavailable: 480, failed: 502 };

export const OUTCOME_DISPOSITION: Record<RingOutcome, Disposition> = {
  busy: 'busy',
  no_answer: 'no_answer',
  unavailable: 'no_answer',
  failed: 'failed',
};
