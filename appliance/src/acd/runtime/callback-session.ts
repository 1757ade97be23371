/**
 * A caller who asked to be called back (回呼) keeps their place in line:
 * the request waits in the queue's waiting list with the time the caller
 * first joined, and when it reaches an agent the box rings the agent first
 * and then dials the caller. A caller who cannot be reached is tried again
 * later, a few times; an agent who does not answer is treated as for any
 * queue call.
 */
import type { OriginateResult } from '../../pbx/index.ts';
import type { Timer } from '../../system/index.ts';
import type { WaitingCall } from '../core/index.ts';
import type { RuntimeQueue } from './queue-book.ts';

export const CALLBACK_ATTEMPTS = 3;
const RETRY_MS = 5 * 60_000;

export interface CallbackHost {
  after(ms: number, task: () => void): Timer;
  kick(): void;
  /** Rings the agent (reserved), then dials the number; the agent's state follows the result. */
  dialBack(session: CallbackSession, agent: string): Promise<OriginateResult>;
  finished(session: CallbackSession, state: 'done' | 'failed'): void;
  attempted(session: CallbackSession): void;
}

export class CallbackSession {
  ringing = false;

  constructor(
    readonly callbackId: number,
    readonly queue: RuntimeQueue,
    readonly number: string,
    readonly waiting: WaitingCall,
    public attempts: number,
    private readonly host: CallbackHost,
  ) {}

  get id(): string {
    return this.waiting.id;
  }

  /** The dispatcher chose agents: the first one makes the call (a callback is one call, never ring-all). */
  async ring(agents: readonly string[]): Promise<void> {
    const agent = agents[0];
    if (agent === undefined || this.ringing) return;
    this.ringing = true;
    this.queue.waiting.remove(this.id);
    const result = await this.host.dialBack(this, agent);
    this.ringing = false;
    if (result.outcome === 'connected') return this.host.finished(this, 'done');
    if (result.outcome === 'agent-failed') {
      this.waiting.excluded.add(agent);
      this.queue.waiting.add(this.waiting);
      return this.host.kick();
    }
    this.attempts += 1;
    this.host.attempted(this);
    if (this.attempts >= CALLBACK_ATTEMPTS) return this.host.finished(this, 'failed');
    // The caller did not answer: back in line after a while, at the same place.
    this.host.after(RETRY_MS, () => {
      this.queue.waiting.add(this.waiting);
      this.host.kick();
    });
  }
}
