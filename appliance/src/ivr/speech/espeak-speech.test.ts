import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavHeader, parseWavFormat, readWavFile, type WavFormat } from '../../media/audio/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/logger.ts';
import { EspeakSpeech, normalizeText } from './espeak-speech.ts';
import type { SpeechLanguage } from './speech.ts';
import { SpeechInputError } from './speech-errors.ts';
import type { TtsEngine, TtsRenderRequest } from './tts-engine.ts';

const wav = { parseWavFormat, buildWavHeader };
const scratch = mkdtempSync(join(tmpdir(), 'espeak-speech-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

class RecordingEngine implements TtsEngine {
  renders: TtsRenderRequest[] = [];
  async version(): Promise<string> {
    return 'fake 1';
  }
  async render(request: TtsRenderRequest): Promise<Int16Array> {
    this.renders.push(request);
    // 100 ms of silence, 100 ms of sound, 100 ms of silence.
    return new Int16Array(2400).fill(3000, 800, 1600);
  }
}

function withFake(): { speech: EspeakSpeech; engine: RecordingEngine; dataDir: string } {
  const engine = new RecordingEngine();
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  return { speech: new EspeakSpeech({ dataDir, logger: silentLogger, wav, clock: new FakeClock(), engine }), engine, dataDir };
}

function formatOf(path: string): WavFormat {
  const format = parseWavFormat(readFileSync(path));
  if (format instanceof Error) throw format;
  return format;
}

describe('with a fake engine', () => {
  test('say() composes a number from fragments, each rendered once', async () => {
    const { speech, engine, dataDir } = withFake();
    const files = await speech.say('number', '1111', 'zh');
    expect(files).toHaveLength(7);
    expect(new Set(files).size).toBe(4);
    expect(engine.renders.map((r) => r.text).sort()).toEqual(['一', '千', '百', '十'].sort());
    expect(files.every((f) => f.startsWith(join(dataDir, 'tts')))).toBe(true);
    await speech.say('number', '1001', 'zh');
    expect(engine.renders.map((r) => r.text)).toContain('零');
    expect(engine.renders.filter((r) => r.text === '一')).toHaveLength(1);
  });

  test('fragments are rendered in the language voice, trimmed; whole texts are not trimmed', async () => {
    const { speech, engine } = withFake();
    const [fragment] = await speech.say('digits', '7', 'en');
    const whole = await speech.text('Hello', 'en');
    await speech.say('digits', '7', 'zh');
    expect(readWavFile(fragment as string).length).toBe(800 + 2 * 240);
    expect(readWavFile(whole).length).toBe(2400);
    expect(engine.renders).toEqual([
      { text: 'seven', voice: 'en-us', rate: 150 },
      { text: 'Hello', voice: 'en-us', rate: 150 },
      { text: '七', voice: 'cmn-latn-pinyin', rate: 175 },
    ]);
  });

  test('texts that differ only in spacing share one file', async () => {
    const { speech, engine } = withFake();
    const a = await speech.text('欢迎致电  客服中心\n', 'zh');
    const b = await speech.text(' 欢迎致电 客服中心', 'zh');
    expect(b).toBe(a);
    expect(engine.renders).toHaveLength(1);
  });

  test.each<[string, () => Promise<unknown>]>([
    ['an invalid amount', () => withFake().speech.say('amount', '12.345', 'zh')],
    ['an impossible date', () => withFake().speech.say('date', '2026-02-30', 'en')],
    ['empty text', () => withFake().speech.text(' \n\t', 'zh')],
    ['text over the limit', () => withFake().speech.text('好'.repeat(1001), 'zh')],
    ['an unknown language', () => withFake().speech.text('hi', 'fr' as SpeechLanguage)],
    ['an inherited property as language', () => withFake().speech.say('number', '1', 'toString' as SpeechLanguage)],
  ])('%s is a SpeechInputError and renders nothing', async (_what, call) => {
    await expect(call()).rejects.toBeInstanceOf(SpeechInputError);
  });

  test('normalizeText drops control characters and collapses whitespace', () => {
    expect(normalizeText('\u0007 a\u0000b \t\r\n c  ')).toBe('ab c');
  });

  test('sweep keeps the cache folder within the limit', async () => {
    const { speech } = withFake();
    const files = await speech.say('number', '123', 'en');
    const result = await speech.sweep(0);
    expect(result.removedFiles).toBe(new Set(files).size);
    expect(files.some((f) => existsSync(f))).toBe(false);
  });
});

describe('with espeak-ng', () => {
  const dataDir = mkdtempSync(join(scratch, 'real-'));
  const speech = new EspeakSpeech({ dataDir, logger: silentLogger, wav });

  test.each<[SpeechLanguage, string]>([
    ['zh', '您好，欢迎致电客服中心。'],
    ['en', 'Thank you for calling.'],
  ])('text() in %s gives an 8 kHz mono 16-bit WAV with speech in it', async (language, text) => {
    const path = await speech.text(text, language);
    const format = formatOf(path);
    expect([format.encoding, format.sampleRate, format.channels, format.truncated]).toEqual(['pcm16', 8000, 1, false]);
    const samples = readWavFile(path);
    expect(samples.length / 8000).toBeGreaterThan(0.5);
    expect(samples.length / 8000).toBeLessThan(5);
    let energy = 0;
    for (const s of samples) energy += s * s;
    expect(Math.sqrt(energy / samples.length)).toBeGreaterThan(500);
  });

  test.each<[SpeechLanguage, string]>([
    ['zh', '1205'],
    ['en', '1205'],
  ])('say(number) in %s returns existing, playable 8 kHz files in reading order', async (language, value) => {
    const files = await speech.say('number', value, language);
    expect(files.length).toBe(language === 'zh' ? 6 : 5);
    let total = 0;
    for (const file of files) {
      expect(existsSync(file)).toBe(true);
      const format = formatOf(file);
      expect([format.sampleRate, format.channels, format.encoding]).toEqual([8000, 1, 'pcm16']);
      const samples = readWavFile(file);
      expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(3000);
      total += samples.length;
    }
    // Trimmed fragments: the number reads in well under a second per word, not ~0.7 s of mostly silence each.
    expect(total / 8000 / files.length).toBeLessThan(0.6);
    expect(total / 8000).toBeGreaterThan(0.2 * files.length);
  });
});
