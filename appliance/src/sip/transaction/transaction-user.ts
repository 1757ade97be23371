/**
 * What the transaction user (TU) sees of the transaction layer: handles for
 * client and server transactions, listeners for what happens to them, and
 * the core callbacks for messages that belong to no transaction. The
 * registrar, the B2BUA, trunk registration and OPTIONS pings all use these.
 */
import type { ResponseOptions, SipRequest, SipResponse } from '../message/index.ts';
import type { SendTarget, TransportError } from '../transport/index.ts';
import type { InviteClientState } from './invite-client-transaction.ts';
import type { InviteServerState } from './invite-server-transaction.ts';
import type { NonInviteClientState } from './non-invite-client-transaction.ts';
import type { NonInviteServerState } from './non-invite-server-transaction.ts';
import type { TransactionTimeoutError } from './transaction-errors.ts';
import type { InboundRequest, InboundResponse } from './transaction-input.ts';

export type ClientTransactionState = InviteClientState | NonInviteClientState;
export type ServerTransactionState = InviteServerState | NonInviteServerState;

/** What a client transaction reports to the TU that started it. */
export interface ClientTransactionListener {
  /** Each 1xx. */
  onProvisional?(response: SipResponse): void;
  /**
   * Each final response. For an INVITE that is one 300-699 (already ACKed by
   * the transaction), or every 2xx that arrives while the transaction is
   * Accepted (forks and retransmissions; the TU ACKs each, §13.2.2.4).
   */
  onFinal(response: SipResponse): void;
  /** Timer B or F fired without a final response; treat as 408 (§8.1.3.1). */
  onTimeout(error: TransactionTimeoutError): void;
  /** The request (or the ACK for a non-2xx) could not be sent (§17.1.4); try the next server, if any. */
  onTransportError(error: TransportError): void;
  /** The transaction is gone; nothing more will be reported. */
  onTerminated?(): void;
}

export interface ClientTransaction {
  /** The key it is matched under (branch and method). */
  readonly id: string;
  readonly request: SipRequest;
  readonly target: SendTarget;
  readonly state: ClientTransactionState;
  /**
   * INVITE only: give up on a transaction still waiting for its final
   * response, when the CANCEL for it got no final response (§9.1). It ends
   * without further reports except `onTerminated`.
   */
  abandon(): void;
}

/** What a server transaction reports to the TU that answers it. */
export interface ServerTransactionListener {
  /** INVITE: Timer H fired, the ACK for the 300-699 never came (§17.2.1). */
  onTimeout?(error: TransactionTimeoutError): void;
  /** A response could not be sent (§17.2.4, RFC 6026). */
  onTransportError?(error: TransportError): void;
  onTerminated?(): void;
}

export interface ServerTransaction {
  readonly id: string;
  readonly request: SipRequest;
  /** Where the request came from, and on which connection. */
  readonly inbound: InboundRequest;
  readonly state: ServerTransactionState;
  /** For a CANCEL: the live INVITE server transaction it targets (§9.2), else null; answer 481 when null. */
  readonly cancelTarget: ServerTransaction | null;
  /**
   * Sends a response built by the TU (e.g. with `createResponse`). An INVITE
   * accepts 1xx, then one final response; after a 2xx, further 2xx are the
   * TU's retransmissions (RFC 6026 §7.1). A non-INVITE transaction discards
   * responses after its final one (§17.2.2). Anything else throws
   * `InvalidTransition`. Once the transaction has terminated (Timer L, a
   * transport error) responses are dropped: send late 2xx with
   * `TransactionLayer.sendStateless`.
   */
  respond(response: SipResponse): void;
  /** `createResponse(request, status, options)`, then `respond`; returns what was sent. */
  reply(status: number, options?: ResponseOptions): SipResponse;
  /** Sets (replaces) the listener for timeouts, transport errors and termination. */
  listen(listener: ServerTransactionListener): void;
}

export interface AtOnceAnswer {
  response: SipResponse;
  remember: boolean;
}

/** The TU core: requests that start transactions, and what matches no transaction. */
export interface TransactionUser {
  /** A new request (any method but ACK) and the server transaction to answer it through. */
  onRequest(transaction: ServerTransaction): void;
  /** An ACK for a 2xx (passed up in Accepted, RFC 6026 §7.1) or one no transaction claims (§17.2.3). */
  onAck(ack: InboundRequest): void;
  /** A response no client transaction claims: 2xx after Timer M, or a stray (§18.1.2). */
  onStrayResponse(response: InboundResponse): void;
  /**
   * Offered each new request (but CANCEL) before a transaction is made for
   * it. A TU that can give the final answer at once returns it, and no
   * transaction machinery is built: with `remember` the layer keeps the
   * response until Timer J to answer retransmissions, exactly as a completed
   * non-INVITE server transaction would (§17.2.2); without it the answer is
   * stateless (§8.2.7), right for a digest challenge that a retransmission
   * may simply get afresh. 'drop' answers nothing (a scanner); null makes
   * the transaction as usual.
   */
  answerAtOnce?(request: InboundRequest): AtOnceAnswer | 'drop' | null;
}
