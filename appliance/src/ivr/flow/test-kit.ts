/**
 * What the flow tests share: a speech fake whose "files" spell what they
 * say, a logger that keeps its records, and runner dependencies over a
 * temporary sounds directory. Used by tests only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, createLogger, type Logger, type Scheduler } from '../../system/index.ts';
import type { SayKind, Speech, SpeechLanguage } from '../speech/speech.ts';
import type { Flow, FlowLanguage } from './flow-schema.ts';
import type { FlowRunnerDeps, LoadedFlow } from './flow-session.ts';
import type { SteppedClock } from './scripted-caller.ts';

export class FakeSpeech implements Speech {
  /** Texts that fail to render, to test that a failed prompt is skipped. */
  readonly failing = new Set<string>();

  async text(text: string, language: SpeechLanguage): Promise<string> {
    if (this.failing.has(text)) throw new Error('synthesis failed');
    return `tts:${language}:${text}`;
  }

  async say(kind: SayKind, value: string, language: SpeechLanguage): Promise<string[]> {
    if (kind === 'number' && !/^-?[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(`not a number: ${value}`);
    return [`say:${kind}:${language}:${value}`];
  }
}

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export function recordingLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const logger = createLogger({ level: 'debug', format: 'json', write: (line) => records.push(JSON.parse(line) as LogRecord) });
  return { logger, records };
}

export interface FlowKit {
  deps: FlowRunnerDeps;
  speech: FakeSpeech;
  records: LogRecord[];
  soundsDir: string;
  /** Flows `goto flow` can reach, by name. */
  flows: Map<string, LoadedFlow>;
  /** Time conditions by name (absent: no such condition). */
  conditions: Map<string, (at: Date) => boolean>;
  close(): void;
}

export function flowKit(clock: SteppedClock & Clock & Scheduler, overrides: Partial<FlowRunnerDeps> = {}): FlowKit {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-flow-'));
  const soundsDir = join(dir, 'sounds');
  mkdirSync(join(soundsDir, 'custom'), { recursive: true });
  writeFileSync(join(soundsDir, 'custom', 'welcome.wav'), 'RIFF');
  const speech = new FakeSpeech();
  const { logger, records } = recordingLogger();
  const flows = new Map<string, LoadedFlow>();
  const conditions = new Map<string, (at: Date) => boolean>();
  const deps: FlowRunnerDeps = {
    clock,
    scheduler: clock,
    speech,
    logger,
    soundsDir,
    recordingsDir: join(dir, 'recordings'),
    flows: { load: (name) => flows.get(name) ?? null },
    timeCondition: (name, at) => conditions.get(name)?.(at),
    ...overrides,
  };
  return { deps, speech, records, soundsDir, flows, conditions, close: () => rmSync(dir, { recursive: true, force: true }) };
}

export const loadedFlow = (flow: Flow, name = 'main', version = 1, language: FlowLanguage = 'zh'): LoadedFlow => ({ name, version, flow, language });

export const tts = (text: string, language: FlowLanguage = 'zh') => `tts:${language}:${text}`;
