/**
 * What the call layer offers the ACD and asks of it, as narrow interfaces:
 * the ACD decides who gets a call and when; the call layer rings phones,
 * bridges, plays hold music and mixes a supervisor in. Neither side sees
 * the other's internals, so queues are tested with scripted callers and the
 * call layer runs without an ACD (a box, or a test, with no queues).
 */
import type { Destination } from '../destination.ts';
import type { CallerPort } from './caller-port.ts';
import type { RingOutcome } from './ring-outcome.ts';

export interface AgentRingRequest {
  /** The extensions to ring: one, or several at once (ring-all); the first to answer takes the call. */
  extensions: readonly string[];
  timeoutMs: number;
  /** Put before the caller's name on the agent's display (which queue the call is from). */
  callerIdPrefix: string;
  /** An Alert-Info header for the agent's phone (a distinctive ring), or null. */
  alertInfo: string | null;
  /** Extensions whose phones are asked to answer at once (headset agents). */
  autoAnswer: readonly string[];
}

export type AgentRingResult =
  | { outcome: 'answered'; extension: string }
  | { outcome: 'failed'; byExtension: Record<string, RingOutcome> }
  | { outcome: 'caller-gone' };

/** One caller waiting in a queue: the IVR's view of a caller plus hold music and ringing agents. */
export interface QueueCaller extends CallerPort {
  /** Music on hold (a WAV path, or null for the box's), looped until something else is played or an agent answers. */
  hold(music: string | null): Promise<void>;
  /** Rings agents; on answer the caller and the agent are bridged (and recorded) and the call is the queue's. */
  ringAgents(request: AgentRingRequest): Promise<AgentRingResult>;
  /** Names the queue in the call's record. */
  setQueue(queue: string): void;
  /** Resolves when the call has ended (after an agent answered: when either side hung up). */
  ended(): Promise<void>;
}

/** Where a queue lets go of a caller: `null` when the queue dealt with the call (answered, abandoned, a callback taken). */
export type QueueExit = { kind: 'destination'; destination: Destination } | { kind: 'done' } | { kind: 'no-queue' };

export interface QueueDesk {
  /** The (answered) caller joins queue `number`; resolves when the queue is done with it. */
  enter(number: string, caller: QueueCaller): Promise<QueueExit>;
}

export type AgentCode = 'login' | 'logout' | 'pause' | 'available';

/** Agents working from their phone's keypad (签入/签出/示忙/示闲 by feature code). */
export interface AgentCodes {
  /** `extension` dialled an agent code (login carries the work number); the desk talks to the caller and says whether it worked. */
  run(code: AgentCode, extension: string, argument: string, port: CallerPort): Promise<boolean>;
}

export interface OriginateRequest {
  /** Rung first; the customer is dialled once the agent answers. */
  agentExtension: string;
  /** The customer: an extension, or a number out through the outbound routes. */
  number: string;
  /** Put before the number on the agent's display (e.g. "回呼 "). */
  displayPrefix: string;
  autoAnswer: boolean;
  timeoutMs: number;
  /** The queue named in the call's record. */
  queue: string | null;
}

export type OriginateResult = { outcome: 'connected' | 'agent-failed' | 'customer-failed'; callId: string | null };

/** Calls the box places itself (callbacks, later the dialer). */
export interface Originator {
  originate(request: OriginateRequest): Promise<OriginateResult>;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** What supervisors do to live calls, by the box's call id. */
export interface SupervisorControl {
  /** Rings the supervisor's extension; on answer they hear the call in `mode`. Resolves false when the call or phone cannot be reached. */
  monitor(callId: string, supervisorExtension: string, mode: MonitorMode): Promise<boolean>;
  /** Switches a supervisor already in the call to another mode. */
  setMode(callId: string, mode: MonitorMode): Promise<boolean>;
  /** The supervisor takes the call over: the agent's leg is released, caller and supervisor talk on. */
  takeOver(callId: string): Promise<boolean>;
  /** Ends the call (强拆). */
  hangup(callId: string): boolean;
  /** Whether the call is live. */
  exists(callId: string): boolean;
}
