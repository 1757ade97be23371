/**
 * The shell of a client transaction (INVITE or not): runs the pure machine,
 * sends the request and the ACK for a non-2xx through the transport, and
 * reports to the TU's listener. Created by the transaction layer.
 */
import type { SipRequest, SipResponse } from '../message/index.ts';
import type { SendTarget, SipTransport, TransportError } from '../transport/index.ts';
import type { Logger, Scheduler } from '../../system/index.ts';
import { createNon2xxAck } from './ack-and-cancel.ts';
import { type InviteClientInput, type InviteClientState, inviteClientStart, inviteClientStep } from './invite-client-transaction.ts';
import { type NonInviteClientInput, type NonInviteClientState, nonInviteClientStart, nonInviteClientStep } from './non-invite-client-transaction.ts';
import type { Effect } from './transaction-effect.ts';
import { TransactionTimeoutError, TransactionUsageError } from './transaction-errors.ts';
import { responseReceived } from './transaction-input.ts';
import { TransactionRunner } from './transaction-runner.ts';
import type { ClientTransaction, ClientTransactionListener, ClientTransactionState } from './transaction-user.ts';
import type { TransactionTimers } from './timer-values.ts';

export interface ClientTransactionDeps {
  id: string;
  request: SipRequest;
  target: SendTarget;
  listener: ClientTransactionListener;
  transport: SipTransport;
  scheduler: Scheduler;
  logger: Logger;
  timers: TransactionTimers;
  /** Called once, when the transaction reaches Terminated (the layer forgets it). */
  onTerminated: () => void;
}

type Runner = TransactionRunner<InviteClientState, InviteClientInput> | TransactionRunner<NonInviteClientState, NonInviteClientInput>;

export class ClientTransactionShell implements ClientTransaction {
  readonly id: string;
  readonly request: SipRequest;
  readonly target: SendTarget;
  private readonly runner: Runner;
  private ack: SipRequest | null = null;

  constructor(private readonly deps: ClientTransactionDeps) {
    this.id = deps.id;
    this.request = deps.request;
    this.target = deps.target;
    const common = {
      scheduler: deps.scheduler,
      logger: deps.logger,
      perform: (effect: Effect) => this.perform(effect),
      onTerminated: () => this.terminated(),
    };
    const { timers } = deps;
    this.runner =
      deps.request.method === 'INVITE'
        ? new TransactionRunner<InviteClientState, InviteClientInput>({ ...common, start: inviteClientStart(timers), step: (s, i) => inviteClientStep(s, i, timers) })
        : new TransactionRunner<NonInviteClientState, NonInviteClientInput>({ ...common, start: nonInviteClientStart(timers), step: (s, i) => nonInviteClientStep(s, i, timers) });
  }

  get state(): ClientTransactionState {
    return this.runner.state;
  }

  /** Sends the request and starts the timers. */
  begin(): void {
    this.runner.begin();
  }

  /** A response matched to this transaction (§17.1.3). */
  receive(response: SipResponse): void {
    this.runner.feedQuietly(responseReceived(response));
  }

  /** Shutdown: stops where it is, timers cancelled, nothing more reported. */
  dispose(): void {
    this.runner.dispose();
  }

  abandon(): void {
    if (this.request.method !== 'INVITE') throw new TransactionUsageError('only an INVITE client transaction can be abandoned; others end by Timer F');
    (this.runner as TransactionRunner<InviteClientState, InviteClientInput>).feed({ kind: 'abandon' });
  }

  private perform(effect: Effect): void {
    const { listener } = this.deps;
    switch (effect.kind) {
      case 'sendRequest':
        this.send(this.request);
        break;
      case 'sendAck':
        this.ack ??= createNon2xxAck(this.request, effect.response);
        this.send(this.ack);
        break;
      case 'passResponse':
        if (effect.response.status < 200) listener.onProvisional?.(effect.response);
        else listener.onFinal(effect.response);
        break;
      case 'timeout':
        listener.onTimeout(new TransactionTimeoutError(effect.timer, this.id));
        break;
      case 'transportError':
        listener.onTransportError(effect.error);
        break;
      default:
        throw new TransactionUsageError(`client transaction cannot perform ${effect.kind}`);
    }
  }

  private send(message: SipRequest): void {
    this.deps.transport.send(message, this.target, (error: TransportError) => this.runner.feedQuietly({ kind: 'transportError', error }));
  }

  private terminated(): void {
    this.deps.onTerminated();
    this.deps.listener.onTerminated?.();
  }
}
