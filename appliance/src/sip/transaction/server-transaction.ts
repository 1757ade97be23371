/**
 * The shell of a server transaction (INVITE or not): runs the pure machine,
 * keeps the most recent response to answer retransmissions with, builds the
 * 100 Trying, and reports to the TU. Created by the transaction layer.
 */
import { createResponse, type ResponseOptions, type SipRequest, type SipResponse, serializeMessage } from '../message/index.ts';
import type { SendTarget, SipTransport, TransportError } from '../transport/index.ts';
import type { Logger, Scheduler } from '../../system/index.ts';
import { type InviteServerInput, type InviteServerState, inviteServerStart, inviteServerStep } from './invite-server-transaction.ts';
import { type NonInviteServerInput, type NonInviteServerState, nonInviteServerStart, nonInviteServerStep } from './non-invite-server-transaction.ts';
import { responseTarget } from './response-target.ts';
import type { Effect } from './transaction-effect.ts';
import { TransactionTimeoutError, TransactionUsageError } from './transaction-errors.ts';
import { type InboundRequest, tuResponse } from './transaction-input.ts';
import { TransactionRunner } from './transaction-runner.ts';
import type { ServerTransaction, ServerTransactionListener, ServerTransactionState } from './transaction-user.ts';
import type { TransactionTimers } from './timer-values.ts';

export interface ServerTransactionDeps {
  id: string;
  inbound: InboundRequest;
  cancelTarget: ServerTransaction | null;
  transport: SipTransport;
  scheduler: Scheduler;
  logger: Logger;
  timers: TransactionTimers;
  /** An ACK for a 2xx, passed up in Accepted. */
  onAck: (ack: InboundRequest) => void;
  /** Every response sent (the layer files RFC 2543 INVITEs under the To tag an ACK will carry). */
  onSent: (response: SipResponse) => void;
  /** Called once, when the transaction reaches Terminated. */
  onTerminated: () => void;
  /**
   * Called when a non-INVITE transaction over UDP sends its final response:
   * the layer may retire it and keep only the bytes until Timer J.
   */
  onFinal?: (bytes: Uint8Array, target: SendTarget) => void;
}

type Runner = TransactionRunner<InviteServerState, InviteServerInput> | TransactionRunner<NonInviteServerState, NonInviteServerInput>;

export class ServerTransactionShell implements ServerTransaction {
  readonly id: string;
  readonly request: SipRequest;
  readonly inbound: InboundRequest;
  readonly cancelTarget: ServerTransaction | null;
  private readonly runner: Runner;
  private readonly target: SendTarget;
  private listener: ServerTransactionListener = {};
  private lastResponse: SipResponse | null = null;

  constructor(private readonly deps: ServerTransactionDeps) {
    this.id = deps.id;
    this.inbound = deps.inbound;
    this.request = deps.inbound.message;
    this.cancelTarget = deps.cancelTarget;
    this.target = responseTarget(deps.inbound);
    const common = {
      scheduler: deps.scheduler,
      logger: deps.logger,
      perform: (effect: Effect) => this.perform(effect),
      onTerminated: () => this.terminated(),
    };
    const { timers } = deps;
    this.runner =
      this.request.method === 'INVITE'
        ? new TransactionRunner<InviteServerState, InviteServerInput>({ ...common, start: inviteServerStart(timers), step: (s, i) => inviteServerStep(s, i, timers) })
        : new TransactionRunner<NonInviteServerState, NonInviteServerInput>({ ...common, start: nonInviteServerStart(), step: (s, i) => nonInviteServerStep(s, i, timers) });
  }

  get state(): ServerTransactionState {
    return this.runner.state;
  }

  /** Starts the 100 Trying timer (INVITE). */
  begin(): void {
    this.runner.begin();
  }

  respond(response: SipResponse): void {
    if (response.status < 100 || response.status > 699) throw new TransactionUsageError(`bad status ${response.status}`);
    this.runner.feed(tuResponse(response));
  }

  reply(status: number, options?: ResponseOptions): SipResponse {
    const response = createResponse(this.request, status, options);
    this.respond(response);
    return response;
  }

  listen(listener: ServerTransactionListener): void {
    this.listener = listener;
  }

  /** The request again (§17.2.3 matched it here). */
  receiveRetransmission(): void {
    this.runner.feedQuietly({ kind: 'request' });
  }

  /** An ACK matched to this INVITE transaction. */
  receiveAck(ack: InboundRequest): void {
    if (this.request.method !== 'INVITE') return;
    (this.runner as TransactionRunner<InviteServerState, InviteServerInput>).feedQuietly({ kind: 'ack', ack });
  }

  private perform(effect: Effect): void {
    switch (effect.kind) {
      case 'sendResponse':
        this.lastResponse = effect.response;
        this.send(effect.response);
        break;
      case 'resendResponse':
        if (this.lastResponse !== null) this.send(this.lastResponse);
        break;
      case 'sendTrying':
        this.lastResponse = this.trying();
        this.send(this.lastResponse);
        break;
      case 'passAck':
        this.deps.onAck(effect.ack);
        break;
      case 'timeout':
        this.listener.onTimeout?.(new TransactionTimeoutError(effect.timer, this.id));
        break;
      case 'transportError':
        this.listener.onTransportError?.(effect.error);
        break;
      default:
        throw new TransactionUsageError(`server transaction cannot perform ${effect.kind}`);
    }
  }

  /** §17.2.1 / §8.2.6: 100 Trying without a To tag, with the request's Timestamp copied. */
  private trying(): SipResponse {
    const timestamp = this.request.get('timestamp');
    return createResponse(this.request, 100, { headers: timestamp === undefined ? [] : [['Timestamp', timestamp]] });
  }

  private send(response: SipResponse): void {
    this.deps.onSent(response);
    const bytes = serializeMessage(response);
    let failed = false;
    this.deps.transport.sendBytes(bytes, this.target, (error: TransportError) => {
      failed = true;
      this.runner.feedQuietly({ kind: 'transportError', error });
    });
    // A send that failed at once is for the machine to handle (§17.2.4), not something to keep for retransmissions.
    if (!failed && response.status >= 200 && this.request.method !== 'INVITE') this.deps.onFinal?.(bytes, this.target);
  }

  /** Ends the transaction early; the layer answers retransmissions from the bytes it kept. */
  retire(): void {
    this.runner.dispose();
    this.listener.onTerminated?.();
  }

  private terminated(): void {
    this.deps.onTerminated();
    this.listener.onTerminated?.();
  }
}
