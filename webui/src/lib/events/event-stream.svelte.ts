import type { Schedule } from '../browser-timers';
import { type AnyBusEvent, parseBusEvent } from './describe-event';
import type { EventFeed } from './live-refresh';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface EventStreamOptions {
  url: string;
  connect: (url: string) => WebSocket;
  schedule: Schedule;
}

const KEEP = 50;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** `ws://host/api/events` for the page's own origin. */
export function eventsUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/events`;
}

/**
 * The live event feed: the newest events first, and the connection status.
 * One per app (a single WebSocket), opened while someone allowed to see
 * events is signed in; pages `subscribe()` to hear events as they arrive.
 * Reconnects with back-off; `close()` stops everything.
 */
export class EventStream implements EventFeed {
  events = $state<AnyBusEvent[]>([]);
  status = $state<StreamStatus>('closed');
  readonly #options: EventStreamOptions;
  readonly #listeners = new Set<(event: AnyBusEvent) => void>();
  #socket: WebSocket | null = null;
  #cancelRetry: (() => void) | null = null;
  #failures = 0;

  constructor(options: EventStreamOptions) {
    this.#options = options;
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  subscribe(listener: (event: AnyBusEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  open(): void {
    if (this.#socket) return;
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    this.status = this.#failures === 0 ? 'connecting' : 'reconnecting';
    const socket = this.#options.connect(this.#options.url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#failures = 0;
      this.status = 'open';
    };
    socket.onmessage = (message: MessageEvent) => {
      const event = typeof message.data === 'string' ? parseBusEvent(message.data) : null;
      if (!event) return;
      this.events = [event, ...this.events].slice(0, KEEP);
      for (const listener of this.#listeners) listener(event);
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.status = 'reconnecting';
      const delay = RETRY_MS[Math.min(this.#failures, RETRY_MS.length - 1)] ?? 30_000;
      this.#failures += 1;
      this.#cancelRetry = this.#options.schedule(() => this.open(), delay);
    };
  }

  /** Stops the stream and forgets the events shown, so the next user signed in starts afresh. */
  close(): void {
    this.#cancelRetry?.();
    this.#cancelRetry = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
    this.#failures = 0;
    this.events = [];
    this.status = 'closed';
  }
}
