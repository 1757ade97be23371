/** Speech for tests: a "file" names what it would say, so tests read what the caller heard. */
import type { VoicemailSpeech } from '../prompt-player.ts';
import type { PromptLanguage, SayKind } from '../voicemail-prompts.ts';

export class FakeSpeech implements VoicemailSpeech {
  /** Texts that fail to render, to test a speech engine that is down. */
  readonly failing = new Set<string>();

  async text(text: string, language: PromptLanguage): Promise<string> {
    if (this.failing.has(text)) throw new Error(`cannot render ${text}`);
    return `tts:${language}:${text}`;
  }

  async say(kind: SayKind, value: string, _language: PromptLanguage): Promise<string[]> {
    return [`say:${kind}:${value}`];
  }
}
