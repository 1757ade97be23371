/**
 * The queues as the ACD runs them: each queue's configuration (re-read when
 * it changes), its waiting list, its members resolved to agent keys (an
 * agent member only while its time condition is open), the round-robin
 * memory, and the wallboard's counters (kept since the box started; the
 * reports count by day from the queue log).
 */
import type { Queue } from '../queues-repository.ts';
import { type QueueMember, type QueueState, type StrategyName, WaitingList } from '../core/index.ts';
import { extensionKey } from './agent-book.ts';

export interface QueueCounters {
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered within the queue's service level. */
  answeredInSl: number;
  waitAnsweredMs: number;
  longestWaitMs: number;
}

export interface RuntimeQueue extends QueueState {
  config: Queue;
  counters: QueueCounters;
}

export interface QueueBookDeps {
  /** Every configured queue, fresh from the store. */
  load: () => Queue[];
  /** Whether a member's time condition is open now. */
  isOpen: (timeCondition: string) => boolean;
}

const emptyCounters = (): QueueCounters => ({ offered: 0, answered: 0, abandoned: 0, answeredInSl: 0, waitAnsweredMs: 0, longestWaitMs: 0 });

export class QueueBook {
  private readonly queues = new Map<string, RuntimeQueue>();

  constructor(private readonly d: QueueBookDeps) {
    this.reload();
  }

  /** Re-reads the configuration; waiting calls, memory and counters of queues that stay are kept. */
  reload(): void {
    const seen = new Set<string>();
    for (const config of this.d.load()) {
      seen.add(config.number);
      const existing = this.queues.get(config.number);
      if (existing) {
        existing.config = config;
        existing.strategy = config.strategy as StrategyName;
      } else {
        this.queues.set(config.number, {
          number: config.number,
          strategy: config.strategy as StrategyName,
          waiting: new WaitingList(),
          members: [],
          lastPosition: null,
          config,
          counters: emptyCounters(),
        });
      }
    }
    for (const number of [...this.queues.keys()]) if (!seen.has(number) && this.queues.get(number)?.waiting.size === 0) this.queues.delete(number);
  }

  get(number: string): RuntimeQueue | undefined {
    return this.queues.get(number);
  }

  all(): IterableIterator<RuntimeQueue> {
    return this.queues.values();
  }

  /** The queue's members now, as agent keys in ring order: extension members first, then agents by their position. */
  members(queue: RuntimeQueue): QueueMember[] {
    const members: QueueMember[] = queue.config.agents.map((number, position) => ({ agent: extensionKey(number), penalty: 0, skill: 5, position }));
    const offset = members.length;
    for (const [i, m] of (queue.config.members ?? []).entries()) {
      if (m.time_condition && !this.d.isOpen(m.time_condition)) continue;
      members.push({ agent: m.agent, penalty: m.penalty ?? 0, skill: m.skill ?? 5, position: offset + i });
    }
    return members;
  }

  /** The queues an agent key is a member of (ignoring time conditions). */
  queuesOf(key: string): RuntimeQueue[] {
    return [...this.queues.values()].filter(
      (q) => q.config.agents.some((n) => extensionKey(n) === key) || (q.config.members ?? []).some((m) => m.agent === key),
    );
  }
}
