import { afterAll, describe, expect, test } from 'bun:test';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavHeader, parseWavFormat } from '../../media/audio/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/logger.ts';
import { systemScheduler } from '../../system/clock.ts';
import { ESPEAK_VOICES, EspeakTts, MAX_TEXT_CHARS } from './espeak-tts.ts';
import { SpeechInputError, TtsEngineError } from './speech-errors.ts';

const wav = { parseWavFormat, buildWavHeader };
const scratch = mkdtempSync(join(tmpdir(), 'espeak-tts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An executable standing in for espeak-ng. */
function script(name: string, body: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** RMS of 20 ms frames at 8 kHz. */
function frameLevels(samples: Int16Array): number[] {
  const levels: number[] = [];
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    let sum = 0;
    for (let j = 0; j < 160; j++) sum += (samples[i + j] as number) ** 2;
    levels.push(Math.sqrt(sum / 160));
  }
  return levels;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition never held');
}

describe('espeak-ng itself', () => {
  const tts = new EspeakTts({ wav, scheduler: systemScheduler, logger: silentLogger });

  test('reports its version for the cache key', async () => {
    expect(await tts.version()).toMatch(/^espeak-ng \d+\.\d+[^/]*\/r\d+$/);
  });

  test.each([
    ['zh', ESPEAK_VOICES.zh, '您好，欢迎致电。'],
    ['en', ESPEAK_VOICES.en, 'Welcome, please hold.'],
  ])('a short %s sentence becomes 8 kHz speech of plausible length and loudness', async (_lang, voice, text) => {
    const samples = await tts.render({ text, voice, rate: 160 });
    const seconds = samples.length / 8000;
    expect(seconds).toBeGreaterThan(0.5);
    expect(seconds).toBeLessThan(5);
    const levels = frameLevels(samples);
    const speech = levels.filter((l) => l > 300);
    // Most of the utterance is voiced, and loud: telephone speech sits around −20 to −30 dBFS.
    expect(speech.length).toBeGreaterThan(levels.length / 3);
    const mean = speech.reduce((a, b) => a + b, 0) / speech.length;
    expect(mean).toBeGreaterThan(1000);
  });

  test('Mandarin is read as Mandarin, not as pinyin spelt out in English', async () => {
    // The plain cmn voice says 一 as "yi one", half as long again as 五; the pinyin voice says "yī", shorter.
    const yi = await tts.render({ text: '一', voice: ESPEAK_VOICES.zh, rate: 175 });
    const five = await tts.render({ text: '五', voice: ESPEAK_VOICES.zh, rate: 175 });
    const voiced = (s: Int16Array) => frameLevels(s).filter((l) => l > 300).length;
    expect(voiced(yi)).toBeLessThan(voiced(five) * 1.2);
  });

  test('text that looks like an option is spoken, not obeyed', async () => {
    const samples = await tts.render({ text: '--version', voice: ESPEAK_VOICES.en, rate: 160 });
    expect(frameLevels(samples).some((l) => l > 1000)).toBe(true);
  });

  test('an unknown voice is a failure naming espeak-ng', async () => {
    const error = await tts.render({ text: 'hello', voice: 'xx-nosuch', rate: 160 }).catch((e) => e);
    expect(error).toBeInstanceOf(TtsEngineError);
    expect(error.code).toBe('tts_failed');
    expect(error.message).toContain('voice does not exist');
  });
});

describe('inputs refused before any process runs', () => {
  const tts = new EspeakTts({ wav, scheduler: systemScheduler, logger: silentLogger, command: join(scratch, 'never-run') });

  test.each([
    ['empty text', { text: '  ', voice: 'en-us' }],
    ['text over the limit', { text: 'a'.repeat(MAX_TEXT_CHARS + 1), voice: 'en-us' }],
    ['a voice that could be an option', { text: 'hi', voice: '-w/tmp/x' }],
  ])('%s', async (_what, request) => {
    await expect(tts.render({ ...request, rate: 160 })).rejects.toBeInstanceOf(SpeechInputError);
  });
});

describe('engine failures are typed', () => {
  test('a missing executable is tts_unavailable and names the Debian package', async () => {
    const tts = new EspeakTts({ wav, scheduler: systemScheduler, logger: silentLogger, command: join(scratch, 'absent') });
    const error = await tts.render({ text: 'hi', voice: 'en-us', rate: 160 }).catch((e) => e);
    expect(error).toBeInstanceOf(TtsEngineError);
    expect(error.code).toBe('tts_unavailable');
    expect(error.message).toContain('espeak-ng');
    await expect(tts.version()).rejects.toBeInstanceOf(TtsEngineError);
  });

  test('an exit code other than 0 is tts_failed with the engine message', async () => {
    const command = script('fails', 'echo "Error: something broke" >&2; exit 3');
    const tts = new EspeakTts({ wav, scheduler: systemScheduler, logger: silentLogger, command });
    const error = await tts.render({ text: 'hi', voice: 'en-us', rate: 160 }).catch((e) => e);
    expect(error.code).toBe('tts_failed');
    expect(error.message).toContain('exited with 3: Error: something broke');
  });

  test('output that is not WAV is tts_failed', async () => {
    const command = script('garbage', 'cat >/dev/null; echo "not audio at all"');
    const tts = new EspeakTts({ wav, scheduler: systemScheduler, logger: silentLogger, command });
    const error = await tts.render({ text: 'hi', voice: 'en-us', rate: 160 }).catch((e) => e);
    expect(error.code).toBe('tts_failed');
    expect(error.message).toContain('not a WAV file');
  });

  test('a render that hangs is killed at the time limit as tts_timeout', async () => {
    const clock = new FakeClock();
    const log = join(scratch, 'hang.log');
    const command = script('hang', `echo started >> ${log}; exec sleep 60`);
    const tts = new EspeakTts({ wav, scheduler: clock, logger: silentLogger, command, timeoutMs: 1000 });
    const pending = tts.render({ text: 'hi', voice: 'en-us', rate: 160 }).catch((e) => e);
    await waitFor(() => existsSync(log));
    clock.advance(999);
    clock.advance(1);
    const error = await pending;
    expect(error).toBeInstanceOf(TtsEngineError);
    expect(error.code).toBe('tts_timeout');
  });

  test('with one process allowed, a second render starts only when the first ends', async () => {
    const clock = new FakeClock();
    const log = join(scratch, 'queue.log');
    const command = script('queue', `echo started >> ${log}; exec sleep 60`);
    const tts = new EspeakTts({ wav, scheduler: clock, logger: silentLogger, command, timeoutMs: 1000, maxConcurrent: 1 });
    const starts = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
    let secondDone = false;
    const first = tts.render({ text: 'one', voice: 'en-us', rate: 160 }).catch((e) => e);
    const second = tts
      .render({ text: 'two', voice: 'en-us', rate: 160 })
      .catch((e) => e)
      .finally(() => {
        secondDone = true;
      });
    await waitFor(() => starts() === 1);
    // Only the first has a time limit running: the second has not been started.
    clock.advance(1000);
    expect((await first).code).toBe('tts_timeout');
    expect(secondDone).toBe(false);
    await waitFor(() => starts() === 2);
    clock.advance(1000);
    expect((await second).code).toBe('tts_timeout');
  });
});
