/** The server's JSON shapes for IVRs (语音导航). */
import type { Destination } from './routing-types';

/** A prompt: text spoken by TTS, or a sound file. */
export interface IvrPrompt {
  tts?: string;
  file?: string;
  voice?: string;
}

/** The simple menu form: a greeting, one destination per key, a timeout. */
export interface IvrMenuDefinition {
  greeting: IvrPrompt;
  options: Record<string, Destination>;
  timeout?: number;
  retries?: number;
  on_timeout?: Destination;
  on_invalid?: Destination;
}

/** The flow form: a graph of nodes. The UI edits it as JSON, so its nodes stay loosely typed. */
export interface IvrFlowDefinition {
  flow: { start: string; nodes: Record<string, Record<string, unknown>> };
  language?: 'zh' | 'en';
}

export type IvrDefinition = IvrMenuDefinition | IvrFlowDefinition;

export interface Ivr {
  id: number;
  name: string;
  version: number;
  definition: IvrDefinition;
  created_at: string;
  updated_at: string;
}

/** What POST, PUT and validate take: the name beside the definition's own fields. */
export type IvrBody = { name: string } & Record<string, unknown>;

export interface IvrVersion {
  version: number;
  definition: IvrDefinition;
  created_at: string;
}

/** One problem found in an IVR: a path such as `flow.nodes.welcome` and the reason. */
export interface IvrIssue {
  path: string;
  message: string;
}

export interface IvrCheck {
  valid: boolean;
  issues: IvrIssue[];
}

export function isFlowDefinition(definition: IvrDefinition): definition is IvrFlowDefinition {
  return 'flow' in definition;
}
