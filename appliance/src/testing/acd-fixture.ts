/**
 * Fakes for the ACD runtime's tests: an in-memory store, scripted callers
 * whose agent ringing the test answers or lets fail, and a service built
 * over a fake clock. No sockets, no real time.
 */
import { EventBus } from '../events/index.ts';
import type { AgentRingRequest, AgentRingResult, CollectRequest, PlayOutcome, QueueCaller, RecordOutcome } from '../pbx/index.ts';
import { FakeClock } from '../system/fake-clock.ts';
import { silentLogger } from '../system/index.ts';
import { QUEUE_OPTION_DEFAULTS, type Queue } from '../acd/queues-repository.ts';
import type { AcdStore, QueueLogEntry, SavedSession } from '../acd/runtime/acd-ports.ts';
import { AcdService } from '../acd/runtime/acd-service.ts';
import { trackAgentCalls } from '../acd/runtime/call-tracker.ts';

export function queueConfig(o: Partial<Queue> & { number: string }): Queue {
  return {
    id: 1,
    name: `Q${o.number}`,
    strategy: 'round_robin',
    agents: [],
    ring_timeout: 15,
    max_wait: 0,
    wrap_up: 0,
    ...QUEUE_OPTION_DEFAULTS,
    announce_interval: 0,
    created_at: '',
    updated_at: '',
    ...o,
  } as Queue;
}

export class MemoryStore implements AcdStore {
  queueList: Queue[] = [];
  agentList: { workNumber: string; name: string; user: string | null; autoAnswer: boolean; enabled: boolean; pin?: string }[] = [];
  saved = new Map<string, SavedSession>();
  states: { agent: string; state: string; reason: string | null; at: number }[] = [];
  log: QueueLogEntry[] = [];
  callbacks: { queue: string; number: string; state: string; attempts: number }[] = [];
  lastAgent = new Map<string, string>();
  owners = new Map<string, string>();

  queues = () => this.queueList;
  agents = () => this.agentList;
  sessions = () => [...this.saved.values()];
  saveSession = (work: string, session: SavedSession | null) => {
    if (session === null) this.saved.delete(work);
    else this.saved.set(work, session);
  };
  logState = (e: { agent: string; state: string; reason: string | null; at: number }) => {
    this.states.push({ agent: e.agent, state: e.state, reason: e.reason, at: e.at });
  };
  logQueue = (e: QueueLogEntry) => {
    this.log.push(e);
  };
  verifyPin = (work: string, pin: string) => this.agentList.some((a) => a.workNumber === work && a.pin === pin);
  lastAgentFor = (caller: string) => this.lastAgent.get(caller) ?? null;
  ownerOf = (caller: string) => this.owners.get(caller) ?? null;
  requestCallback = (c: { queue: string; number: string }) => {
    this.callbacks.push({ queue: c.queue, number: c.number, state: 'waiting', attempts: 0 });
    return this.callbacks.length;
  };
  waitingCallbacks = () => [];
  updateCallback = (id: number, changes: { state?: string; attempts?: number }) => {
    Object.assign(this.callbacks[id - 1] ?? {}, changes);
  };

  events(event: QueueLogEntry['event']): QueueLogEntry[] {
    return this.log.filter((e) => e.event === event);
  }
}

/** A caller whose agent rings the test resolves: `rings` holds each ring request until answered or failed. */
export class ScriptedCaller implements QueueCaller {
  readonly rings: { request: AgentRingRequest; resolve: (r: AgentRingResult) => void }[] = [];
  readonly played: string[][] = [];
  holds = 0;
  queue: string | null = null;
  hungUp = false;
  private hangupListeners: (() => void)[] = [];
  private endResolve: () => void = () => {};
  private readonly endPromise = new Promise<void>((resolve) => {
    this.endResolve = resolve;
  });
  private digitResolve: ((d: string) => void) | null = null;

  constructor(
    readonly callId: string,
    readonly caller: string,
    readonly called = '4008000000',
  ) {}

  async play(files: readonly string[]): Promise<PlayOutcome> {
    this.played.push([...files]);
    return this.hungUp ? 'hung-up' : 'finished';
  }
  async beep(): Promise<PlayOutcome> {
    return 'finished';
  }
  collect(_r: CollectRequest): Promise<string> {
    if (this.hungUp) return Promise.resolve('');
    return new Promise((resolve) => {
      this.digitResolve = resolve;
    });
  }
  async record(): Promise<RecordOutcome> {
    return { durationMs: 0, endedBy: 'hung-up' };
  }
  onHangup(listener: () => void): () => void {
    this.hangupListeners.push(listener);
    return () => {
      this.hangupListeners = this.hangupListeners.filter((l) => l !== listener);
    };
  }
  async hold(): Promise<void> {
    this.holds += 1;
  }
  ringAgents(request: AgentRingRequest): Promise<AgentRingResult> {
    return new Promise((resolve) => this.rings.push({ request, resolve }));
  }
  setQueue(queue: string): void {
    this.queue = queue;
  }
  ended(): Promise<void> {
    return this.endPromise;
  }

  /** The newest ring: answered by its (first) extension. */
  answer(extension?: string): void {
    const ring = this.rings.at(-1);
    if (!ring) throw new Error(`no ring for ${this.callId}`);
    ring.resolve({ outcome: 'answered', extension: extension ?? (ring.request.extensions[0] as string) });
  }
  /** The newest ring: every extension failed with `outcome`. */
  fail(outcome: 'no_answer' | 'busy' = 'no_answer'): void {
    const ring = this.rings.at(-1);
    if (!ring) throw new Error(`no ring for ${this.callId}`);
    ring.resolve({ outcome: 'failed', byExtension: Object.fromEntries(ring.request.extensions.map((e) => [e, outcome])) });
  }
  press(digit: string): void {
    this.digitResolve?.(digit);
    this.digitResolve = null;
  }
  hangup(): void {
    this.hungUp = true;
    for (const l of this.hangupListeners.splice(0)) l();
    this.digitResolve?.('');
    this.endResolve();
  }
  /** The extensions of every ring so far, in order. */
  get rung(): string[][] {
    return this.rings.map((r) => [...r.request.extensions]);
  }
}

/** Lets queued microtasks and promise chains run (the dispatcher coalesces into one microtask). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function acdFixture(store: MemoryStore, registered: Set<string> = new Set(['1001', '1002', '1003', '1004'])) {
  const clock = new FakeClock();
  const bus = new EventBus(clock, silentLogger);
  let random = 0;
  const service = new AcdService({
    store,
    settings: () => ({ pauseReasons: [{ code: 'break', zh: '休息', en: 'Break' }, { code: 'no_answer', zh: '未接', en: 'No answer' }], autoPauseReason: 'no_answer' }),
    speech: { say: async (text) => [`tts:${text}`] },
    bus,
    clock,
    scheduler: clock,
    random: () => {
      random = (random + 0.37) % 1;
      return random;
    },
    logger: silentLogger,
    reachable: (ext) => registered.has(ext),
    isOpen: () => true,
  });
  trackAgentCalls(bus, service.agents);
  return { clock, bus, service, registered };
}
