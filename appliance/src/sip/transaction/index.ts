/** The SIP transaction layer (RFC 3261 §17, RFC 6026): four pure state machines and the shell that runs them. */
export { createCancel, createNon2xxAck } from './ack-and-cancel.ts';
export { INVITE_CLIENT, type InviteClientInput, type InviteClientState, inviteClientStart, inviteClientStep } from './invite-client-transaction.ts';
export { INVITE_SERVER, type InviteServerInput, type InviteServerState, inviteServerStart, inviteServerStep } from './invite-server-transaction.ts';
export {
  NON_INVITE_CLIENT,
  type NonInviteClientInput,
  type NonInviteClientState,
  nonInviteClientStart,
  nonInviteClientStep,
} from './non-invite-client-transaction.ts';
export {
  NON_INVITE_SERVER,
  type NonInviteServerInput,
  type NonInviteServerState,
  nonInviteServerStart,
  nonInviteServerStep,
} from './non-invite-server-transaction.ts';
export { responseTarget } from './response-target.ts';
export type { Effect } from './transaction-effect.ts';
export { InvalidTransition, TransactionTimeoutError, TransactionUsageError } from './transaction-errors.ts';
export type { InboundRequest, InboundResponse } from './transaction-input.ts';
export { clientKey, newBranch, type RandomSource, serverKey } from './transaction-key.ts';
export { type TransactionCounts, TransactionLayer, type TransactionLayerOptions } from './transaction-layer.ts';
export type {
  AtOnceAnswer,
  ClientTransaction,
  ClientTransactionListener,
  ClientTransactionState,
  ServerTransaction,
  ServerTransactionListener,
  ServerTransactionState,
  TransactionUser,
} from './transaction-user.ts';
export { DEFAULT_TIMER_CONFIG, type TimerConfig, type TimerName, type TransactionTimers, transactionTimers } from './timer-values.ts';
