/**
 * One caller's walk through flows: the variables, the flow (and version)
 * being run, the menus passed (for `*` back), and the helpers every node
 * handler shares — rendering templates, turning prompts into files and
 * playing them. A prompt that cannot be rendered or found is logged and
 * skipped, so a missing sound never ends a call.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors.ts';
import type { CallerPort, Destination, PlayOutcome } from '../../pbx/index.ts';
import type { Clock, Logger, Scheduler } from '../../system/index.ts';
import type { Speech } from '../speech/speech.ts';
import type { Flow, FlowLanguage, FlowPrompt } from './flow-schema.ts';
import { renderTemplate } from './template.ts';

/** One version of one IVR, as a call runs it. */
export interface LoadedFlow {
  name: string;
  version: number;
  flow: Flow;
  language: FlowLanguage;
}

/** Where `goto flow` finds the current version of another IVR. */
export interface FlowSource {
  load(name: string): LoadedFlow | null;
}

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface FlowRunnerDeps {
  clock: Clock;
  /** Times HTTP requests out. */
  scheduler: Scheduler;
  speech: Speech;
  logger: Logger;
  /** Where `file` prompts are looked up. */
  soundsDir: string;
  /** Where record nodes write (created on first use). */
  recordingsDir: string;
  flows: FlowSource;
  /** Whether a time condition holds at an instant; undefined when there is no such condition. */
  timeCondition(name: string, at: Date): boolean | undefined;
  /** Default: the global fetch. */
  fetch?: FetchFn;
  /** Default: node:fs existsSync. */
  fileExists?: (path: string) => boolean;
  /** Nodes one call may pass through before the runner gives up (a loop in the flows). Default 500. */
  maxSteps?: number;
}

export type FlowOutcome =
  | { kind: 'destination'; destination: Destination; vars: Record<string, string> }
  | { kind: 'hangup' }
  | { kind: 'caller-gone' };

export type NodeStep = { kind: 'next'; node: string } | { kind: 'flow'; name: string } | { kind: 'end'; outcome: FlowOutcome };

export const next = (node: string): NodeStep => ({ kind: 'next', node });
export const callerGone: NodeStep = { kind: 'end', outcome: { kind: 'caller-gone' } };

/** A prompt that cannot be had: the file is missing, or speech failed. */
export class PromptError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('ivr_prompt', message, { cause });
  }
}

export class FlowSession {
  readonly vars: Record<string, string>;
  /** Menus entered in the current flow, newest last. */
  readonly menus: string[] = [];
  logger: Logger;
  private current: LoadedFlow;

  constructor(
    readonly deps: FlowRunnerDeps,
    readonly port: CallerPort,
    start: LoadedFlow,
  ) {
    this.current = start;
    this.vars = { caller: port.caller, called: port.called, call_id: port.callId };
    this.logger = this.loggerFor(start);
  }

  get flow(): LoadedFlow {
    return this.current;
  }

  /** Continues in another flow (or the same one from its start); the variables carry over. */
  enter(flow: LoadedFlow): void {
    this.current = flow;
    this.menus.length = 0;
    this.logger = this.loggerFor(flow);
  }

  render(template: string): string {
    return renderTemplate(
      template,
      (ref) => this.lookup(ref),
      (ref) => this.logger.warn('template names an unset variable', { ref }),
    );
  }

  lookup(ref: string): string | undefined {
    if (ref.startsWith('now.')) return nowFields(new Date(this.deps.clock.now()))[ref.slice(4)];
    return this.vars[ref];
  }

  language(prompt?: { language?: FlowLanguage }): FlowLanguage {
    return prompt?.language ?? this.current.language;
  }

  /** The files of a prompt; throws PromptError when it cannot be had. */
  async promptFiles(prompt: FlowPrompt): Promise<string[]> {
    if (prompt.file !== undefined) {
      const path = join(this.deps.soundsDir, prompt.file);
      if (prompt.file.split('/').includes('..') || !(this.deps.fileExists ?? existsSync)(path)) {
        throw new PromptError(`no sound file ${prompt.file}`);
      }
      return [path];
    }
    const text = this.render(prompt.tts ?? '').trim();
    if (text === '') return [];
    try {
      return [await this.deps.speech.text(text, this.language(prompt))];
    } catch (error) {
      throw new PromptError(`speech failed for "${text.slice(0, 60)}"`, error);
    }
  }

  /** Plays a prompt; one that cannot be rendered or played is logged and skipped (the flow goes on). */
  async play(prompt: FlowPrompt | undefined, options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    if (this.port.hungUp) return 'hung-up';
    if (prompt === undefined) return 'finished';
    try {
      return await this.playFiles(await this.promptFiles(prompt), options);
    } catch (error) {
      this.logger.warn('prompt skipped', { reason: (error as Error).message, cause: (error as Error).cause });
      return this.port.hungUp ? 'hung-up' : 'finished';
    }
  }

  async playFiles(files: readonly string[], options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    if (files.length === 0) return this.port.hungUp ? 'hung-up' : 'finished';
    try {
      return await this.port.play(files, options);
    } catch (error) {
      this.logger.warn('playback failed; going on without it', { error });
      return this.port.hungUp ? 'hung-up' : 'finished';
    }
  }

  private loggerFor(flow: LoadedFlow): Logger {
    return this.deps.logger.child({ callId: this.port.callId, ivr: flow.name, version: flow.version });
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The `now.*` variables, in the box's local time. */
export function nowFields(at: Date): Record<string, string> {
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
    year: String(at.getFullYear()),
    month: String(at.getMonth() + 1),
    day: String(at.getDate()),
    hour: String(at.getHours()),
    minute: String(at.getMinutes()),
    /** ISO weekday: Monday 1 … Sunday 7. */
    weekday: String(at.getDay() === 0 ? 7 : at.getDay()),
  };
}
