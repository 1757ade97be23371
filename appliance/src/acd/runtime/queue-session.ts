/**
 * One caller's time in a queue, from joining to leaving: hold music,
 * announcements of position and expected wait, the keys that let a caller
 * leave a message or ask for a callback, the longest wait, and the offers
 * the dispatcher makes (agents rung; on no answer the caller goes back to
 * its place in line). Settles with where the call goes next.
 */
import type { Destination } from '../../pbx/index.ts';
import type { AgentRingResult, QueueCaller, QueueExit } from '../../pbx/index.ts';
import type { Timer } from '../../system/index.ts';
import type { WaitingCall } from '../core/index.ts';
import type { RuntimeQueue } from './queue-book.ts';

export type LeaveReason = 'abandoned' | 'timeout' | 'overflow' | 'message' | 'callback' | 'moved' | 'empty';

/** What a session needs from the service around it. */
export interface SessionHost {
  now(): number;
  after(ms: number, task: () => void): Timer;
  kick(): void;
  /** Rings the agents (reserving them) and reports what became of it. */
  offer(session: QueueSession, agents: readonly string[]): Promise<AgentRingResult>;
  left(session: QueueSession, reason: LeaveReason): void;
  answered(session: QueueSession, agent: string, extension: string): void;
  completed(session: QueueSession): void;
  announce(session: QueueSession): Promise<void>;
  callbackRequested(session: QueueSession): Promise<void>;
  /** Whether the queue has anyone logged in (join-empty and leave-when-empty rules). */
  staffed(queue: RuntimeQueue): boolean;
}

export class QueueSession {
  ringing = false;
  /** The agent key that answered, and when. */
  answeredBy: string | null = null;
  answeredAt: number | null = null;
  private settled = false;
  private resolve: (exit: QueueExit) => void = () => {};
  private readonly timers: Timer[] = [];
  private stopDigits: (() => void) | null = null;
  readonly done: Promise<QueueExit>;

  constructor(
    readonly queue: RuntimeQueue,
    readonly caller: QueueCaller,
    readonly waiting: WaitingCall,
    private readonly host: SessionHost,
  ) {
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  get id(): string {
    return this.waiting.id;
  }

  /** Answered by an agent, or gone from the queue: nothing more to play or listen for. */
  get over(): boolean {
    return this.settled || this.answeredBy !== null;
  }

  get waitedMs(): number {
    return this.host.now() - this.waiting.enteredAt;
  }

  position(): number {
    return this.queue.waiting.positionOf(this.id);
  }

  start(): void {
    const c = this.queue.config;
    this.caller.onHangup(() => this.leave('abandoned'));
    void this.caller.hold(c.music_on_hold ?? null);
    if (c.max_wait > 0) this.timers.push(this.host.after(c.max_wait * 1000 - this.waitedMs, () => this.leave('timeout')));
    if (c.announce_interval > 0) this.scheduleAnnouncement(c.announce_interval * 1000);
    if (c.message_key || c.callback_key) this.listenForKeys();
    this.host.kick();
  }

  /** The dispatcher assigned agents: ring them; on failure the caller goes back to its place in line. */
  async ring(agents: readonly string[]): Promise<void> {
    if (this.settled) return;
    this.ringing = true;
    this.queue.waiting.remove(this.id);
    const result = await this.host.offer(this, agents);
    this.ringing = false;
    if (this.settled) return;
    if (result.outcome === 'answered') {
      this.cleanup();
      await this.caller.ended();
      this.host.completed(this);
      this.finish({ kind: 'done' });
      return;
    }
    if (result.outcome === 'caller-gone') return this.leave('abandoned');
    for (const agent of agents) this.waiting.excluded.add(agent);
    // Back to its place in line (hold music went on while the agents rang).
    this.queue.waiting.add(this.waiting);
    if (this.queue.config.leave_when_empty && !this.host.staffed(this.queue)) return this.leave('empty');
    this.host.kick();
  }

  /** Called by the host when the agent answered, so the log and counters are written at the moment it happens. */
  markAnswered(agent: string, extension: string): void {
    this.answeredBy = agent;
    this.answeredAt = this.host.now();
    this.host.answered(this, agent, extension);
  }

  /** Leaves the queue without an agent; the exit says where the call goes (the overflow destination, or on along the route). */
  leave(reason: LeaveReason, destination?: Destination): void {
    if (this.over) return;
    if (this.ringing && reason !== 'abandoned') return;
    this.host.left(this, reason);
    this.queue.waiting.remove(this.id);
    this.cleanup();
    if (reason === 'abandoned' || reason === 'callback') {
      this.finish({ kind: 'done' });
      return;
    }
    const next = destination ?? (reason === 'message' ? null : this.queue.config.overflow);
    this.finish(next ? { kind: 'destination', destination: next } : { kind: 'no-queue' });
  }

  private finish(exit: QueueExit): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.resolve(exit);
  }

  private cleanup(): void {
    for (const timer of this.timers.splice(0)) timer.cancel();
    this.stopDigits?.();
    this.stopDigits = null;
  }

  private scheduleAnnouncement(ms: number): void {
    this.timers.push(
      this.host.after(ms, () => {
        if (this.over) return;
        const next = () => this.scheduleAnnouncement(ms);
        if (this.ringing) return next();
        void this.host.announce(this).finally(() => {
          if (this.over) return;
          if (this.ringing) return next();
          void this.caller.hold(this.queue.config.music_on_hold ?? null);
          next();
        });
      }),
    );
  }

  private listenForKeys(): void {
    let stopped = false;
    this.stopDigits = () => {
      stopped = true;
    };
    const c = this.queue.config;
    const loop = async (): Promise<void> => {
      while (!stopped && !this.over) {
        const key = await this.caller.collect({ max: 1, firstDigitMs: 3_600_000, interDigitMs: 1000 });
        if (stopped || this.over || key === '') return;
        if (this.ringing) continue;
        if (key === c.message_key && c.message_mailbox) return this.leave('message', { voicemail: c.message_mailbox });
        if (key === c.callback_key) {
          await this.host.callbackRequested(this);
          return this.leave('callback');
        }
      }
    };
    void loop();
  }
}
