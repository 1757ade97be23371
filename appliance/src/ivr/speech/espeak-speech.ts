/**
 * Speech for IVR flows and voicemail: whole texts rendered once and cached,
 * and values read out by composing cached fragments, so "一" is rendered
 * once and serves every number that contains it.
 */
import { join } from 'node:path';
import { type Clock, type Logger, type Scheduler, systemClock, systemScheduler } from '../../system/index.ts';
import { ESPEAK_VOICES, EspeakTts, MAX_TEXT_CHARS } from './espeak-tts.ts';
import { sayEn } from './say-en.ts';
import { sayZh } from './say-zh.ts';
import type { SayKind, Speech, SpeechLanguage } from './speech.ts';
import { SpeechInputError } from './speech-errors.ts';
import { type SweepResult, TtsCache } from './tts-cache.ts';
import type { TtsEngine } from './tts-engine.ts';
import type { WavPort } from './wav-port.ts';

/**
 * Words a minute (a Mandarin syllable counts as a word). English is slower
 * than espeak-ng's 175: telephone audio loses detail and callers hear a
 * prompt once. Mandarin at 175 is about four syllables a second, a calm
 * announcer's pace; slower sounds drawn out.
 */
const DEFAULT_RATES: Record<SpeechLanguage, number> = { zh: 175, en: 150 };

const SAY: Record<SpeechLanguage, (kind: SayKind, value: string) => string[]> = { zh: sayZh, en: sayEn };

export interface EspeakSpeechOptions {
  /** The appliance's data directory; rendered files live in its `tts/` folder. */
  dataDir: string;
  logger: Logger;
  /** Media's WAV helpers (parseWavFormat, buildWavHeader), passed in by the composition root. */
  wav: WavPort;
  clock?: Clock;
  /** Runs the engine's time limit. */
  scheduler?: Scheduler;
  /** The synthesiser; espeak-ng unless a test passes another. */
  engine?: TtsEngine;
  voices?: Record<SpeechLanguage, string>;
  /** Words per minute for each language. */
  rates?: Record<SpeechLanguage, number>;
}

export class EspeakSpeech implements Speech {
  private readonly cache: TtsCache;
  private readonly voices: Record<SpeechLanguage, string>;
  private readonly rates: Record<SpeechLanguage, number>;

  constructor(options: EspeakSpeechOptions) {
    const logger = options.logger;
    const engine =
      options.engine ?? new EspeakTts({ wav: options.wav, scheduler: options.scheduler ?? systemScheduler, logger });
    this.cache = new TtsCache({
      dir: join(options.dataDir, 'tts'),
      engine,
      wav: options.wav,
      clock: options.clock ?? systemClock,
      logger,
    });
    this.voices = options.voices ?? ESPEAK_VOICES;
    this.rates = options.rates ?? DEFAULT_RATES;
  }

  /** Where the rendered files are kept. */
  get cacheDir(): string {
    return this.cache.dir;
  }

  async text(text: string, language: SpeechLanguage): Promise<string> {
    const voice = this.voiceFor(language);
    const spoken = normalizeText(text);
    if (spoken.length === 0) throw new SpeechInputError('text', text, 'nothing to speak');
    if (spoken.length > MAX_TEXT_CHARS) throw new SpeechInputError('text', text, `longer than ${MAX_TEXT_CHARS} characters`);
    return this.cache.file({ text: spoken, voice, rate: this.rates[language], trim: false });
  }

  async say(kind: SayKind, value: string, language: SpeechLanguage): Promise<string[]> {
    const voice = this.voiceFor(language);
    const fragments = SAY[language](kind, value);
    // All at once: the cache renders each distinct fragment once and the engine queues the processes.
    return Promise.all(fragments.map((text) => this.cache.file({ text, voice, rate: this.rates[language], trim: true })));
  }

  /** Keeps the cache within `maxBytes` (and, when given, drops files unused for `maxAgeMs`). */
  sweep(maxBytes: number, maxAgeMs?: number): Promise<SweepResult> {
    return this.cache.sweep(maxBytes, maxAgeMs);
  }

  private voiceFor(language: SpeechLanguage): string {
    if (!Object.hasOwn(this.voices, language)) throw new SpeechInputError('language', String(language), 'expected zh or en');
    return this.voices[language];
  }
}

/**
 * The text as it will be spoken and keyed: control characters dropped and
 * whitespace collapsed, so "欢迎致电 " and "欢迎致电" share one file.
 */
export function normalizeText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}
