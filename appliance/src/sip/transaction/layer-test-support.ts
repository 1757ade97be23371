/**
 * Test helper: a transaction layer on a fake clock and a FakeTransport, with a
 * TU and a client listener that record what they are told.
 */
import type { SipResponse } from '../message/index.ts';
import type { TransportError } from '../transport/index.ts';
import { type Clock, type Scheduler, silentLogger } from '../../system/index.ts';
import { FakeTransport } from './fake-transport.ts';
import type { TransactionTimeoutError } from './transaction-errors.ts';
import type { InboundRequest, InboundResponse } from './transaction-input.ts';
import { TransactionLayer } from './transaction-layer.ts';
import type { ClientTransactionListener, ServerTransaction, TransactionUser } from './transaction-user.ts';

export class RecordingUser implements TransactionUser {
  readonly requests: ServerTransaction[] = [];
  readonly acks: InboundRequest[] = [];
  readonly strays: InboundResponse[] = [];
  /** Called for each new request, e.g. to answer it. */
  answer: (transaction: ServerTransaction) => void = () => {};

  onRequest(transaction: ServerTransaction): void {
    this.requests.push(transaction);
    this.answer(transaction);
  }

  onAck(ack: InboundRequest): void {
    this.acks.push(ack);
  }

  onStrayResponse(response: InboundResponse): void {
    this.strays.push(response);
  }
}

export class RecordingListener implements ClientTransactionListener {
  /** `180`, `200`, `timeout B`, `transport error`, `terminated`, with the time. */
  readonly log: string[] = [];
  readonly finals: SipResponse[] = [];

  constructor(private readonly elapsed: () => number) {}

  private note(what: string): void {
    this.log.push(`${what}@${this.elapsed()}`);
  }

  onProvisional(response: SipResponse): void {
    this.note(String(response.status));
  }

  onFinal(response: SipResponse): void {
    this.finals.push(response);
    this.note(String(response.status));
  }

  onTimeout(error: TransactionTimeoutError): void {
    this.note(`timeout ${error.timer}`);
  }

  onTransportError(_error: TransportError): void {
    this.note('transport error');
  }

  onTerminated(): void {
    this.note('terminated');
  }
}

/**
 * A layer on the given fake clock (tests pass `new FakeClock()`; this helper
 * names no clock class so it stays inside the import rules).
 */
export function setup<C extends Clock & Scheduler>(clock: C) {
  const origin = clock.now();
  const elapsed = () => clock.now() - origin;
  const transport = new FakeTransport(clock);
  const user = new RecordingUser();
  const layer = new TransactionLayer({ transport, scheduler: clock, logger: silentLogger, user });
  return { clock, elapsed, transport, user, layer, listener: () => new RecordingListener(elapsed) };
}
