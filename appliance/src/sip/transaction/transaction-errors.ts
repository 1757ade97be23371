/**
 * Errors of the transaction layer. `InvalidTransition` and
 * `TransactionUsageError` are programmer bugs (a table without that row, a
 * request without a branch); `TransactionTimeoutError` is what a transaction
 * user is told when Timer B, F or H ends a transaction without an answer.
 */
import { AppError } from '../../errors.ts';
import type { TimerName } from './timer-values.ts';

/** A state machine was given an input its table neither handles nor lists as ignored. */
export class InvalidTransition extends AppError {
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly input: string,
  ) {
    super('invalid_transition', `${machine} transaction: no transition from ${state} on ${input}`);
  }
}

/** The transaction ended because a timer fired before the peer answered (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1). */
export class TransactionTimeoutError extends AppError {
  constructor(
    readonly timer: TimerName,
    readonly transactionId: string,
  ) {
    super('transaction_timeout', `transaction ${transactionId} timed out (Timer ${timer})`);
  }
}

/** The transaction layer was called in a way it cannot honour (no branch, ACK through a client transaction, a duplicate). */
export class TransactionUsageError extends AppError {
  constructor(message: string) {
    super('transaction_usage', message);
  }
}
