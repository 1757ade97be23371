/**
 * Turns prompts into WAV files through the speech engine and plays them to
 * a caller. A segment the engine cannot render is left out and logged: a
 * caller who misses a word can still leave a message, one who hears
 * nothing at all cannot.
 */
import type { CallerPort, PlayOutcome } from '../pbx/index.ts';
import type { Logger } from '../system/index.ts';
import type { Prompt, PromptLanguage, SayKind } from './voicemail-prompts.ts';

/** What voicemail needs of text-to-speech; the IVR's `Speech` provides it. */
export interface VoicemailSpeech {
  text(text: string, language: PromptLanguage): Promise<string>;
  say(kind: SayKind, value: string, language: PromptLanguage): Promise<string[]>;
}

export class PromptPlayer {
  constructor(
    private readonly speech: VoicemailSpeech,
    readonly language: PromptLanguage,
    private readonly logger: Logger,
  ) {}

  async files(prompts: readonly Prompt[]): Promise<string[]> {
    const files: string[] = [];
    for (const prompt of prompts) {
      for (const segment of prompt(this.language)) {
        try {
          if (typeof segment === 'string') files.push(await this.speech.text(segment, this.language));
          else files.push(...(await this.speech.say(segment.say, segment.value, this.language)));
        } catch (error) {
          this.logger.warn('voicemail prompt segment not rendered', { segment, error });
        }
      }
    }
    return files;
  }

  /** Plays the prompts in order; interruptible ones leave the key for the next collect. */
  async play(port: CallerPort, prompts: readonly Prompt[], options: { interruptible?: boolean } = {}): Promise<PlayOutcome> {
    if (port.hungUp) return 'hung-up';
    return port.play(await this.files(prompts), options);
  }
}
