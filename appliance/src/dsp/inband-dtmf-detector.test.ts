import { afterAll, afterEach, describe, expect, test } from 'bun:test';
import type { Pointer } from 'bun:ffi';
import { ValidationError } from '../errors.ts';
import { g711Codec } from '../media/codec/index.ts';
import { DspError } from './dsp-error.ts';
import { generateDtmf } from './dtmf-tone-generator.ts';
import { InbandDtmfDetector, type InbandDtmfOptions } from './inband-dtmf-detector.ts';
import { openSpandsp, type SpandspHandle, type SpandspSymbols } from './spandsp-library.ts';
import { concat, feed, sine, speechLike, whiteNoise } from './test-signals.ts';

const spandsp = openSpandsp();
afterAll(() => spandsp.close());

const made: InbandDtmfDetector[] = [];
afterEach(() => {
  for (const d of made.splice(0)) d.close();
});

function detector(options?: InbandDtmfOptions, handle: SpandspHandle = spandsp): InbandDtmfDetector {
  const d = new InbandDtmfDetector(handle, options);
  made.push(d);
  return d;
}

/** What a fresh detector hears in `signal` fed as 20 ms frames. */
const heard = (signal: Int16Array, options?: InbandDtmfOptions) => {
  const d = detector(options);
  return feed((s) => d.push(s), signal);
};

const SEQUENCE = '4008001234#';
const sequence = () => generateDtmf(spandsp, SEQUENCE, { toneMs: 60, gapMs: 60 });

describe('InbandDtmfDetector', () => {
  test.each('0123456789*#ABCD'.split(''))('detects key %s once from its tone', (key) => {
    expect(heard(generateDtmf(spandsp, key, { toneMs: 100, gapMs: 100 }))).toBe(key);
  });

  test('detects "4008001234#" at 60 ms tones / 60 ms gaps, each key exactly once, repeated keys included', () => {
    expect(heard(sequence())).toBe(SEQUENCE);
  });

  test.each([1, 37, 80, 101, 102, 103, 160, 161, 999, 5000, 20_000])('finds the same keys whatever the push size (%i samples)', (size) => {
    const d = detector();
    expect(feed((s) => d.push(s), sequence(), size)).toBe(SEQUENCE);
  });

  test('finds keys whose tones straddle 20 ms frame boundaries', () => {
    // 70 ms of silence first puts every tone edge mid-frame.
    expect(heard(concat(new Int16Array(560), sequence(), new Int16Array(560)))).toBe(SEQUENCE);
  });

  test('returns each key from the frame that confirms it, not later', () => {
    const d = detector();
    const frames: string[] = [];
    const signal = generateDtmf(spandsp, '59', { toneMs: 100, gapMs: 100 });
    for (let at = 0; at < signal.length; at += 160) frames.push(d.push(signal.subarray(at, at + 160)));
    // Two agreeing 102-sample blocks confirm a key: the second frame of each 100 ms tone.
    expect(frames.map((keys, i) => (keys ? `${i}:${keys}` : '')).filter(Boolean)).toEqual(['1:5', '11:9']);
  });

  test.each([
    ['silence', new Int16Array(16_000)],
    ['white noise at -10 dBm0', whiteNoise(2000, -10)],
    ['a 1 kHz tone at -10 dBm0', sine(1000, 2000, -10)],
    ['a single DTMF row frequency (697 Hz) at -10 dBm0', sine(697, 2000, -10)],
    ['speech-like sound at -15 dBm0', speechLike(4000, -15)],
    ['speech-like sound at -5 dBm0', speechLike(4000, -5, 11)],
  ])('hears no key in %s', (_name, signal) => {
    expect(heard(signal)).toBe('');
  });

  test.each([
    [-10, '147'],
    [-30, '147'],
    [-40, '147'],
    [-55, ''],
    [-65, ''],
  ])('tones at %i dBm0 per frequency: heard "%s" (default threshold -42 dBm0)', (levelDbm0, expected) => {
    expect(heard(generateDtmf(spandsp, '147', { toneMs: 80, gapMs: 80, levelDbm0 }))).toBe(expected);
  });

  test('a raised threshold rejects tones below it and keeps those above', () => {
    const at = (levelDbm0: number) => generateDtmf(spandsp, '8', { toneMs: 80, gapMs: 80, levelDbm0 });
    expect(heard(at(-30), { thresholdDbm0: -20 })).toBe('');
    expect(heard(at(-15), { thresholdDbm0: -20 })).toBe('8');
  });

  test('a tone under speech-level noise is still heard', () => {
    const tones = generateDtmf(spandsp, '2580', { toneMs: 80, gapMs: 80, levelDbm0: -10 });
    const noise = whiteNoise((tones.length / 8) | 0, -30, 3);
    expect(heard(Int16Array.from(tones, (v, i) => v + (noise[i] as number)))).toBe('2580');
  });

  test.each(['PCMU', 'PCMA'] as const)('keys survive a G.711 %s round trip, as they arrive over RTP', (name) => {
    const codec = g711Codec(name);
    for (const levelDbm0 of [-10, -30]) {
      const tones = generateDtmf(spandsp, '0123456789*#ABCD', { toneMs: 60, gapMs: 60, levelDbm0 });
      const wire = new Uint8Array(tones.length);
      codec.encode(tones, wire);
      const decoded = new Int16Array(tones.length);
      codec.decode(wire, decoded);
      expect(heard(decoded)).toBe('0123456789*#ABCD');
    }
  });

  /** Keys heard in `signal` fed as 20 ms frames, with the frames in `lost` reported missing instead. */
  const withLoss = (signal: Int16Array, lost: (frame: number) => boolean, asSilence = false) => {
    const d = detector();
    let keys = '';
    for (let f = 0; f * 160 < signal.length; f++) {
      if (!lost(f)) keys += d.push(signal.subarray(f * 160, (f + 1) * 160));
      else keys += asSilence ? d.push(new Int16Array(160)) : d.missing(160);
    }
    return keys;
  };

  test.each([2, 3, 5, 8])('a frame lost inside a key (frame %i of a 240 ms tone) does not split it in two', (frame) => {
    const tone = generateDtmf(spandsp, '5', { toneMs: 240, gapMs: 100 });
    expect(withLoss(tone, (f) => f === frame)).toBe('5');
    // What missing() is for: the same frame fed as silence splits the key.
    expect(withLoss(tone, (f) => f === frame, true)).toBe('55');
  });

  test.each([
    [1, '5'],
    [3, '5'],
    [4, '55'],
    [8, '55'],
  ])('%i frames lost in a row inside a key: heard "%s" (up to 60 ms is bridged, more is silence)', (count, expected) => {
    const tone = generateDtmf(spandsp, '5', { toneMs: 400, gapMs: 100 });
    expect(withLoss(tone, (f) => f >= 5 && f < 5 + count)).toBe(expected);
  });

  test('the same key pressed again after a long stretch with no packets is heard again', () => {
    const press = generateDtmf(spandsp, '7', { toneMs: 100, gapMs: 0 });
    const signal = concat(press, new Int16Array(160 * 20), press);
    expect(withLoss(signal, (f) => f >= 5 && f < 25)).toBe('77');
  });

  test('missing() refuses a sample count that is not a whole number', () => {
    expect(() => detector().missing(-1)).toThrow(RangeError);
    expect(() => detector().missing(1.5)).toThrow(RangeError);
  });

  test('a key held across a reset() is reported again; without reset it is not', () => {
    const held = generateDtmf(spandsp, '5', { toneMs: 200, gapMs: 0 });
    const [first, rest] = [held.subarray(0, 800), held.subarray(800)];
    const plain = detector();
    expect([plain.push(first), plain.push(rest)]).toEqual(['5', '']);
    const reset = detector();
    expect(reset.push(first)).toBe('5');
    reset.reset();
    expect(reset.push(rest)).toBe('5');
  });

  test('reset() keeps the options it was made with', () => {
    const d = detector({ thresholdDbm0: -20 });
    d.reset();
    expect(feed((s) => d.push(s), generateDtmf(spandsp, '8', { toneMs: 80, gapMs: 80, levelDbm0: -30 }))).toBe('');
  });

  test('close() frees the C state once; a second close() does nothing; use afterwards throws', () => {
    let freed = 0;
    const counting: SpandspHandle = {
      symbols: {
        ...spandsp.symbols,
        dtmf_rx_free: ((state: Pointer) => {
          freed++;
          return spandsp.symbols.dtmf_rx_free(state);
        }) as SpandspSymbols['dtmf_rx_free'],
      },
    };
    const d = new InbandDtmfDetector(counting);
    d.close();
    d.close();
    expect(freed).toBe(1);
    expect(() => d.push(new Int16Array(160))).toThrow(DspError);
    expect(() => d.push(new Int16Array(160))).toThrow('after close()');
    expect(() => d.reset()).toThrow(DspError);
    expect(() => d.missing(160)).toThrow(DspError);
  });

  test('an empty push finds nothing and is not an error', () => {
    expect(detector().push(new Int16Array(0))).toBe('');
  });

  test('refuses bad options, naming every bad field', () => {
    const bad = () => new InbandDtmfDetector(spandsp, { twistDb: 1.5, reverseTwistDb: -1, thresholdDbm0: -120 });
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['twistDb', 'reverseTwistDb', 'thresholdDbm0']);
    }
  });
});
