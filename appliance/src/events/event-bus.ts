/**
 * The typed event bus every domain publishes to. Delivery is synchronous and
 * in order; a failing subscriber is logged and does not stop the others or
 * the publisher.
 */
import type { Clock } from '../system/index.ts';
import type { Logger } from '../system/index.ts';
import type { BusEvent, EventMap, EventName } from './event-map.ts';

export type Subscriber = (event: BusEvent) => void;

export class EventBus {
  private seq = 0;
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  publish<N extends EventName>(name: N, data: EventMap[N]): BusEvent<N> {
    const event: BusEvent<N> = { seq: ++this.seq, name, at: new Date(this.clock.now()).toISOString(), data };
    for (const subscriber of this.subscribers) {
      try {
        subscriber(event as BusEvent);
      } catch (error) {
        this.logger.error('event subscriber failed', { event: name, error });
      }
    }
    return event;
  }

  /** Returns the function that unsubscribes. */
  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
