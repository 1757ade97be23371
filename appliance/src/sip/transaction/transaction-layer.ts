/**
 * The transaction layer (RFC 3261 §17): owns the live transactions, one Map
 * per kind, routes what the transport receives to them, and gives the TU
 * `sendRequest` for client transactions and a `ServerTransaction` handle
 * for each new request. Retransmissions are absorbed here; responses and
 * ACKs that match nothing go to the TU core. Terminated transactions are
 * removed at once, so memory is bounded by the timers.
 *
 * All time comes from the injected Scheduler, all I/O from the injected
 * SipTransport.
 */
import { isRequest, type SipMessage, type SipRequest, type SipResponse, serializeMessage, viaBranch } from '../message/index.ts';
import type { InboundMessage, SendTarget, SipTransport, TransportError } from '../transport/index.ts';
import type { Logger, Scheduler } from '../../system/index.ts';
import { ClientTransactionShell } from './client-transaction.ts';
import { CompletedResponses } from './completed-responses.ts';
import { responseTarget } from './response-target.ts';
import { ServerTransactionShell } from './server-transaction.ts';
import { TransactionUsageError } from './transaction-errors.ts';
import type { InboundRequest, InboundResponse } from './transaction-input.ts';
import { clientKey, hasMagicCookie, isRfc2543, serverKey } from './transaction-key.ts';
import type { AtOnceAnswer, ClientTransaction, ClientTransactionListener, TransactionUser } from './transaction-user.ts';
import { DEFAULT_TIMER_CONFIG, type TimerConfig, transactionTimers } from './timer-values.ts';

export interface TransactionLayerOptions {
  transport: SipTransport;
  scheduler: Scheduler;
  logger: Logger;
  user: TransactionUser;
  /** T1, T2, T4 and the 100 Trying delay; RFC defaults when absent. */
  timers?: Partial<TimerConfig>;
}

export interface TransactionCounts {
  inviteClient: number;
  nonInviteClient: number;
  inviteServer: number;
  nonInviteServer: number;
  total: number;
}

export class TransactionLayer {
  private readonly inviteClients = new Map<string, ClientTransactionShell>();
  private readonly nonInviteClients = new Map<string, ClientTransactionShell>();
  private readonly inviteServers = new Map<string, ServerTransactionShell>();
  private readonly nonInviteServers = new Map<string, ServerTransactionShell>();
  /** RFC 2543 INVITE transactions filed under the To tag of their response, for the ACK (§17.2.3). */
  private readonly ackAliases = new Map<string, ServerTransactionShell>();
  /** Finished non-INVITE server transactions over UDP, kept as their final response's bytes until Timer J. */
  private readonly completed: CompletedResponses;
  private readonly config: TimerConfig;

  constructor(private readonly options: TransactionLayerOptions) {
    this.config = { ...DEFAULT_TIMER_CONFIG, ...options.timers };
    this.completed = new CompletedResponses(options.scheduler);
  }

  /** Everything the transport receives comes in here. */
  receive(inbound: InboundMessage): void {
    if (isRequest(inbound.message)) this.receiveRequest(inbound as InboundRequest);
    else this.receiveResponse(inbound as InboundResponse);
  }

  /**
   * Starts a client transaction: sends `request` to `target` as it is (its
   * top Via must carry a `z9hG4bK` branch, see `newBranch`) and retransmits
   * it as §17.1 says. Throws `TransactionUsageError` for an ACK (sent with
   * `sendStateless`), a missing branch or a branch already in use.
   */
  sendRequest(request: SipRequest, target: SendTarget, listener: ClientTransactionListener): ClientTransaction {
    const id = this.checkClientRequest(request);
    const map = request.method === 'INVITE' ? this.inviteClients : this.nonInviteClients;
    if (map.has(id)) throw new TransactionUsageError(`a ${request.method} client transaction with branch ${id} is already live`);
    const transaction = new ClientTransactionShell({
      id,
      request,
      target,
      listener,
      transport: this.options.transport,
      scheduler: this.options.scheduler,
      logger: this.options.logger.child({ transaction: id }),
      timers: transactionTimers(this.config, this.options.transport.isReliable(target.endpoint.protocol)),
      onTerminated: () => map.delete(id),
    });
    map.set(id, transaction);
    transaction.begin();
    return transaction;
  }

  /** Sends outside any transaction: the ACK for a 2xx (§13.2.2.4), a 2xx retransmitted after Timer L, a stateless reply. */
  sendStateless(message: SipMessage, target: SendTarget, onError?: (error: TransportError) => void): void {
    this.options.transport.send(message, target, onError);
  }

  /** Shutdown: every transaction stops where it is and its timers are cancelled. */
  close(): void {
    for (const map of [this.inviteClients, this.nonInviteClients]) {
      for (const tx of map.values()) tx.dispose();
      map.clear();
    }
    for (const map of [this.inviteServers, this.nonInviteServers]) {
      for (const tx of map.values()) tx.retire();
      map.clear();
    }
    this.ackAliases.clear();
    this.completed.clear();
  }

  /** Live transactions per kind, for tests and metrics. */
  counts(): TransactionCounts {
    const inviteClient = this.inviteClients.size;
    const nonInviteClient = this.nonInviteClients.size;
    const inviteServer = this.inviteServers.size;
    const nonInviteServer = this.nonInviteServers.size + this.completed.size;
    return { inviteClient, nonInviteClient, inviteServer, nonInviteServer, total: inviteClient + nonInviteClient + inviteServer + nonInviteServer };
  }

  private checkClientRequest(request: SipRequest): string {
    if (request.method === 'ACK') throw new TransactionUsageError('ACK has no client transaction; send it with sendStateless');
    const via = request.topVia();
    if (!hasMagicCookie(via ? viaBranch(via) : null)) throw new TransactionUsageError('the top Via needs a z9hG4bK branch (see newBranch)');
    if (request.cseq()?.method !== request.method) throw new TransactionUsageError('CSeq method must equal the request method');
    return clientKey(request) as string;
  }

  /** §17.1.3 / §18.1.2: to the matching client transaction, else to the TU core. */
  private receiveResponse(inbound: InboundResponse): void {
    const response: SipResponse = inbound.message;
    const key = clientKey(response);
    const map = response.cseq()?.method === 'INVITE' ? this.inviteClients : this.nonInviteClients;
    const transaction = key === null ? undefined : map.get(key);
    if (transaction) transaction.receive(response);
    else this.toUser('onStrayResponse', () => this.options.user.onStrayResponse(inbound));
  }

  /** §17.2.3: ACK to its INVITE transaction or the TU; retransmissions absorbed; anything new gets a server transaction. */
  private receiveRequest(inbound: InboundRequest): void {
    const request = inbound.message;
    const key = serverKey(request);
    if (key === null) {
      this.options.logger.warn('request without the headers to match it dropped', { method: request.method });
      return;
    }
    if (request.method === 'ACK') {
      const invite = this.inviteServers.get(key) ?? this.ackAliases.get(key);
      if (invite) invite.receiveAck(inbound);
      else this.toUser('onAck', () => this.options.user.onAck(inbound));
      return;
    }
    const map = request.method === 'INVITE' ? this.inviteServers : this.nonInviteServers;
    const existing = map.get(key);
    if (existing) {
      existing.receiveRetransmission();
      return;
    }
    const done = request.method === 'INVITE' ? undefined : this.completed.get(key);
    if (done) {
      this.options.transport.sendBytes(done.bytes, done.target);
      return;
    }
    if (request.method !== 'CANCEL' && this.options.user.answerAtOnce && this.answerAtOnce(key, inbound)) return;
    this.createServerTransaction(key, inbound, map);
  }

  private createServerTransaction(id: string, inbound: InboundRequest, map: Map<string, ServerTransactionShell>): void {
    const request = inbound.message;
    const targetKey = request.method === 'CANCEL' ? serverKey(request, { method: 'INVITE' }) : null;
    const aliases: string[] = [];
    const transaction = new ServerTransactionShell({
      id,
      inbound,
      cancelTarget: targetKey === null ? null : (this.inviteServers.get(targetKey) ?? null),
      transport: this.options.transport,
      scheduler: this.options.scheduler,
      logger: this.options.logger.child({ transaction: id }),
      timers: transactionTimers(this.config, this.options.transport.isReliable(inbound.source.protocol)),
      onAck: (ack) => this.toUser('onAck', () => this.options.user.onAck(ack)),
      onSent: (response) => {
        const alias = request.method === 'INVITE' && isRfc2543(request) ? serverKey(request, { toTag: response.toTag() }) : null;
        if (alias !== null && alias !== id && !aliases.includes(alias)) {
          aliases.push(alias);
          this.ackAliases.set(alias, transaction);
        }
      },
      onTerminated: () => {
        map.delete(id);
        for (const alias of aliases) this.ackAliases.delete(alias);
      },
      onFinal: (bytes, target) => {
        const timerJ = transactionTimers(this.config, this.options.transport.isReliable(target.endpoint.protocol)).J ?? 0;
        if (timerJ === 0 || map.get(id) !== transaction) return;
        // Keep only what a retransmission needs; the retired runner ignores the Timer J start that follows.
        map.delete(id);
        this.completed.add(id, bytes, target, timerJ);
        transaction.retire();
      },
    });
    map.set(id, transaction);
    transaction.begin();
    this.toUser('onRequest', () => this.options.user.onRequest(transaction));
  }

  /** True when the TU answered (or dropped) the request without a transaction. */
  private answerAtOnce(key: string, inbound: InboundRequest): boolean {
    let answer: AtOnceAnswer | 'drop' | null = null;
    this.toUser('answerAtOnce', () => {
      answer = this.options.user.answerAtOnce?.(inbound) ?? null;
    });
    if (answer === null) return false;
    if (answer === 'drop') return true;
    const { response, remember } = answer as AtOnceAnswer;
    const target = responseTarget(inbound);
    const bytes = serializeMessage(response);
    this.options.transport.sendBytes(bytes, target);
    const timerJ = transactionTimers(this.config, this.options.transport.isReliable(target.endpoint.protocol)).J ?? 0;
    if (remember && response.status >= 200 && inbound.message.method !== 'INVITE' && timerJ > 0) this.completed.add(key, bytes, target, timerJ);
    return true;
  }

  private toUser(callback: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.options.logger.error('transaction user callback failed', { callback, error });
    }
  }
}
