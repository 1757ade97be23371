/**
 * What the ACD runtime needs from the world around it, as narrow ports:
 * the store (configuration, logs, sessions), speech for announcements, and
 * the clock. The composition root adapts the real repositories; tests pass
 * in-memory ones.
 */
import type { Queue } from '../queues-repository.ts';
import type { AgentState } from '../core/index.ts';

export type QueueLogEvent =
  | 'entered'
  | 'ringing'
  | 'ring_failed'
  | 'answered'
  | 'abandoned'
  | 'timeout'
  | 'overflow'
  | 'transferred'
  | 'completed'
  | 'callback_requested'
  | 'callback_dialed'
  | 'message'
  | 'moved';

export interface QueueLogEntry {
  at: number;
  queue: string;
  callId: string;
  event: QueueLogEvent;
  caller: string;
  agent?: string | null;
  position?: number | null;
  waitMs?: number | null;
  talkMs?: number | null;
  detail?: string | null;
}

export interface AgentDefinition {
  workNumber: string;
  name: string;
  /** The web user who works as this agent, if any. */
  user: string | null;
  autoAnswer: boolean;
  enabled: boolean;
}

export interface SavedSession {
  workNumber: string;
  extension: string;
  state: 'available' | 'paused';
  pauseReason: string | null;
}

export interface AcdStore {
  queues(): Queue[];
  agents(): AgentDefinition[];
  sessions(): SavedSession[];
  saveSession(workNumber: string, session: SavedSession | null, at: number): void;
  logState(entry: { agent: string; state: AgentState; reason: string | null; queue: string | null; callId: string | null; at: number }): void;
  logQueue(entry: QueueLogEntry): void;
  verifyPin(workNumber: string, pin: string): boolean;
  /** The agent (work number) who last answered this caller, within the memory window. */
  lastAgentFor(caller: string): string | null;
  /** The agent who owns the customer with this number. */
  ownerOf(caller: string): string | null;
  /** Stores a callback request; returns its id. */
  requestCallback(entry: { queue: string; number: string; callId: string; enteredAt: number; at: number }): number;
  /** Callbacks not yet made (restored into their queues at start). */
  waitingCallbacks(): { id: number; queue: string; number: string; enteredAt: number; attempts: number }[];
  updateCallback(id: number, changes: { state?: 'waiting' | 'dialing' | 'done' | 'failed'; agent?: string; attempts?: number }, at: number): void;
}

export interface AcdSettings {
  pauseReasons: readonly { code: string; zh: string; en: string }[];
  autoPauseReason: string;
}

export interface AcdSpeech {
  /** WAV files speaking the text (Chinese), [] when it cannot be rendered. */
  say(text: string): Promise<string[]>;
}
