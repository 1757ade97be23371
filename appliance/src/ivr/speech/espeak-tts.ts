/**
 * espeak-ng (the Debian package) as the speech engine: one process per text,
 * the text on its standard input (never on a command line or through a
 * shell, so no text can become an option), WAV on its standard output,
 * resampled from the engine's 22050 Hz to 8 kHz.
 *
 * Mandarin uses the `cmn-latn-pinyin` voice. espeak-ng's dictionary turns
 * characters into toned pinyin (一 → yi1); the plain `cmn` voice then reads
 * that Latin text with English rules ("yi one"), the pinyin variant reads it
 * as Mandarin.
 */
import type { Logger, Scheduler } from '../../system/index.ts';
import { createResampler, type Resampler } from './resample.ts';
import { SpeechInputError, TtsEngineError } from './speech-errors.ts';
import { TTS_SAMPLE_RATE, type TtsEngine, type TtsRenderRequest } from './tts-engine.ts';
import { decodeMonoPcm16, type WavPort } from './wav-port.ts';

/** About two minutes of speech; a prompt longer than that belongs in a recorded file. */
export const MAX_TEXT_CHARS = 1000;
/** Bumped when the audio processing after the engine changes, so cached files are rendered again. */
const PROCESSING_VERSION = 'r1';
const DEFAULT_TIMEOUT_MS = 15_000;
/** The box has few cores and calls come first; extra renders wait their turn. */
const DEFAULT_MAX_CONCURRENT = 2;
const STDERR_EXCERPT = 200;

export const ESPEAK_VOICES = { zh: 'cmn-latn-pinyin', en: 'en-us' } as const;

export interface EspeakTtsOptions {
  wav: WavPort;
  scheduler: Scheduler;
  logger: Logger;
  /** The executable; tests point it elsewhere. */
  command?: string;
  timeoutMs?: number;
  maxConcurrent?: number;
}

export class EspeakTts implements TtsEngine {
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly maxConcurrent: number;
  private readonly resamplers = new Map<number, Resampler>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private versionPromise: Promise<string> | null = null;

  constructor(private readonly options: EspeakTtsOptions) {
    this.command = options.command ?? 'espeak-ng';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  }

  /** "espeak-ng 1.51/r1"; asked once, asked again after a failure (the package may be installed meanwhile). */
  version(): Promise<string> {
    this.versionPromise ??= this.run(['--version'], '').then(({ stdout }) => {
      const text = new TextDecoder().decode(stdout);
      const m = /text-to-speech:\s*(\S+)/.exec(text);
      if (!m) throw new TtsEngineError('failed', `cannot read the version from "${text.trim().slice(0, 80)}"`);
      return `espeak-ng ${m[1]}/${PROCESSING_VERSION}`;
    });
    this.versionPromise.catch(() => {
      this.versionPromise = null;
    });
    return this.versionPromise;
  }

  async render(request: TtsRenderRequest): Promise<Int16Array> {
    const { text, voice, rate } = request;
    if (text.trim().length === 0) throw new SpeechInputError('text', text, 'empty');
    if (text.length > MAX_TEXT_CHARS) throw new SpeechInputError('text', text, `longer than ${MAX_TEXT_CHARS} characters`);
    if (!/^[a-z][a-z0-9-]*$/i.test(voice)) throw new SpeechInputError('voice', voice, 'not an espeak-ng voice name');
    const args = ['-v', voice, '-s', String(Math.round(rate)), '-b', '1', '--stdin', '--stdout'];
    const { stdout } = await this.run(args, text);
    if (stdout.length === 0) throw new TtsEngineError('failed', `espeak-ng produced no audio for voice ${voice}`);
    const pcm = decodeMonoPcm16(this.options.wav, stdout);
    return this.resamplerFrom(pcm.sampleRate).run(pcm.samples);
  }

  private resamplerFrom(rate: number): Resampler {
    let r = this.resamplers.get(rate);
    if (!r) {
      r = createResampler(rate, TTS_SAMPLE_RATE);
      this.resamplers.set(rate, r);
    }
    return r;
  }

  private async run(args: string[], input: string): Promise<{ stdout: Uint8Array }> {
    await this.slot();
    try {
      return await this.spawn(args, input);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    // The finishing render hands its slot over directly, so `running` never dips and lets a newcomer jump the queue.
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.running++;
        resolve();
      });
    });
  }

  private async spawn(args: string[], input: string): Promise<{ stdout: Uint8Array }> {
    let proc: Bun.Subprocess<Blob, 'pipe', 'pipe'>;
    try {
      proc = Bun.spawn([this.command, ...args], { stdin: new Blob([input]), stdout: 'pipe', stderr: 'pipe' });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') {
        throw new TtsEngineError('unavailable', `${this.command} is not installed (Debian package espeak-ng)`, { cause: error });
      }
      throw new TtsEngineError('failed', `cannot start ${this.command}: ${(error as Error).message}`, { cause: error });
    }
    let timedOut = false;
    const timer = this.options.scheduler.after(this.timeoutMs, () => {
      timedOut = true;
      proc.kill('SIGKILL');
    });
    try {
      const [stdout, stderr, code] = await Promise.all([
        new Response(proc.stdout).arrayBuffer(),
        new Response(proc.stderr).text(),
        proc.exited,
      ]);
      if (timedOut) throw new TtsEngineError('timeout', `${this.command} did not finish within ${this.timeoutMs} ms`);
      if (code !== 0) {
        const detail = stderr.trim().slice(0, STDERR_EXCERPT) || `exit code ${code}`;
        this.options.logger.warn('espeak-ng failed', { code, stderr: detail, args });
        throw new TtsEngineError('failed', `${this.command} exited with ${code}: ${detail}`);
      }
      return { stdout: new Uint8Array(stdout) };
    } finally {
      timer.cancel();
    }
  }
}
