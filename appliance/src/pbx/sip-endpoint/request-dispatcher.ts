/**
 * The transaction user of the box: routes each new request by method.
 * REGISTER goes to the registrar; OPTIONS is answered by the box itself
 * (keep-alive and monitoring probes); what the box does not do yet is
 * refused cleanly. Scanners are dropped before anything is answered.
 */
import {
  type AtOnceAnswer,
  type InboundRequest,
  type InboundResponse,
  type RandomBytes,
  randomHex,
  type ServerTransaction,
  type TransactionUser,
} from '../../sip/index.ts';
import type { Logger } from '../../system/index.ts';
import type { CallService } from '../calls/index.ts';
import type { Registrar } from '../registrar/index.ts';
import type { SipGuard } from '../sip-guard/index.ts';

export const ALLOWED_METHODS = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, REFER, NOTIFY, INFO, UPDATE, SUBSCRIBE';

export interface DispatcherDeps {
  registrar: Registrar;
  guard: SipGuard;
  logger: Logger;
  userAgent: string;
  random: RandomBytes;
}

/** Methods that belong to calls: new INVITEs and everything inside a call's dialogs. */
const CALL_METHODS = new Set(['INVITE', 'CANCEL', 'BYE', 'REFER', 'NOTIFY', 'INFO', 'UPDATE']);

export class RequestDispatcher implements TransactionUser {
  /** Set once the call service exists (it needs the transaction layer this dispatcher serves). */
  calls: CallService | null = null;
  /** Subscriptions (message waiting); without a handler SUBSCRIBE is refused with 489. */
  subscribe: ((tx: ServerTransaction) => void) | null = null;

  constructor(private readonly deps: DispatcherDeps) {}

  /**
   * Scanners are dropped before any transaction exists. REGISTER is answered
   * at once: a challenge statelessly, anything else remembered for
   * retransmissions, so the hottest request needs no transaction objects.
   */
  answerAtOnce(inbound: InboundRequest): AtOnceAnswer | 'drop' | null {
    if (!this.deps.guard.inspect(inbound.message, inbound.source)) return 'drop';
    if (inbound.message.method !== 'REGISTER') return null;
    // Only the first challenge (no credentials at all) is stateless; an answer to credentials is
    // remembered, or a retransmitted guess would be judged (and counted) twice.
    const response = this.deps.registrar.answer(inbound);
    return { response, remember: response.status !== 401 || inbound.message.has('authorization') };
  }

  onRequest(tx: ServerTransaction): void {
    const method = tx.request.method;
    if (this.calls !== null && (CALL_METHODS.has(method) || (method === 'OPTIONS' && tx.request.toTag() !== null))) {
      this.calls.onRequest(tx);
      return;
    }
    const toTag = randomHex(this.deps.random, 6);
    // REGISTER never gets here: answerAtOnce answers it without a transaction.
    switch (tx.request.method) {
      case 'OPTIONS':
        tx.reply(200, {
          toTag,
          headers: [
            ['Allow', ALLOWED_METHODS],
            ['Accept', 'application/sdp'],
            ['Supported', 'path, outbound'],
            ['Server', this.deps.userAgent],
          ],
        });
        return;
      case 'CANCEL':
        // A CANCEL whose INVITE is unknown (§9.2); live INVITEs come with calls.
        tx.reply(481, { toTag });
        return;
      case 'INVITE':
        // A box started without calls (registrar-only) turns callers away cleanly.
        tx.reply(480, { toTag, reason: 'Temporarily Unavailable' });
        return;
      case 'BYE':
        tx.reply(481, { toTag });
        return;
      case 'SUBSCRIBE':
        if (this.subscribe !== null) this.subscribe(tx);
        else tx.reply(489, { toTag, reason: 'Bad Event' });
        return;
      default:
        tx.reply(405, { toTag, headers: [['Allow', ALLOWED_METHODS]] });
    }
  }

  onAck(ack: InboundRequest): void {
    this.calls?.onAck(ack);
  }

  onStrayResponse(response: InboundResponse): void {
    if (this.calls?.onStrayResponse(response)) return;
    this.deps.logger.debug('stray SIP response ignored', { status: response.message.status, source: response.source.address });
  }
}
