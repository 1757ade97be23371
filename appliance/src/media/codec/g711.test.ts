import { describe, expect, test } from 'bun:test';
import {
  ALAW_SILENCE,
  ALAW_TO_LINEAR,
  decodeAlaw,
  decodeUlaw,
  encodeAlaw,
  encodeAlawSample,
  encodeUlaw,
  encodeUlawSample,
  g711Codec,
  LINEAR_TO_ALAW,
  LINEAR_TO_ULAW,
  ULAW_SILENCE,
  ULAW_TO_LINEAR,
} from './g711.ts';

/** Every 16-bit sample, -32768 through 32767. */
const ALL_SAMPLES = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

function roundTrip(encode: (s: Int16Array, d: Uint8Array) => number, decode: (s: Uint8Array, d: Int16Array) => number): Int16Array {
  const codes = new Uint8Array(ALL_SAMPLES.length);
  const back = new Int16Array(ALL_SAMPLES.length);
  encode(ALL_SAMPLES, codes);
  decode(codes, back);
  return back;
}

describe('G.711 decode tables', () => {
  test.each([
    ['0xff', 0],
    ['0x7f', 0],
    ['0x00', -32124],
    ['0x80', 32124],
    ['0xfe', 8],
    ['0x7e', -8],
    ['0xef', 132],
  ])('µ-law %s decodes to %d', (code, linear) => {
    expect(ULAW_TO_LINEAR[Number(code)]).toBe(linear);
  });

  test.each([
    ['0xd5', 8],
    ['0x55', -8],
    ['0xaa', 32256],
    ['0x2a', -32256],
    ['0xd4', 24],
    ['0xc5', 264],
  ])('A-law %s decodes to %d', (code, linear) => {
    expect(ALAW_TO_LINEAR[Number(code)]).toBe(linear);
  });

  test('both laws are odd-symmetric around the sign bit', () => {
    for (let code = 0; code < 128; code++) {
      expect((ULAW_TO_LINEAR[code] as number) + (ULAW_TO_LINEAR[code | 0x80] as number)).toBe(0);
      expect((ALAW_TO_LINEAR[code] as number) + (ALAW_TO_LINEAR[code | 0x80] as number)).toBe(0);
    }
  });
});

describe('G.711 encode', () => {
  test('silence encodes to the silence octet', () => {
    const codes = new Uint8Array(2);
    encodeUlaw(Int16Array.of(0, 0), codes);
    expect([...codes]).toEqual([ULAW_SILENCE, ULAW_SILENCE]);
    encodeAlaw(Int16Array.of(0, 0), codes);
    expect([...codes]).toEqual([ALAW_SILENCE, ALAW_SILENCE]);
  });

  test('full scale saturates to the largest code of each sign', () => {
    const codes = new Uint8Array(2);
    encodeUlaw(Int16Array.of(32767, -32768), codes);
    expect([...codes]).toEqual([0x80, 0x00]);
    encodeAlaw(Int16Array.of(32767, -32768), codes);
    expect([...codes]).toEqual([0xaa, 0x2a]);
  });

  test('every code survives decode then encode (µ-law negative zero becomes positive zero)', () => {
    for (let code = 0; code < 256; code++) {
      const ulaw = LINEAR_TO_ULAW[((ULAW_TO_LINEAR[code] as number) >> 2) & 0x3fff];
      expect(ulaw).toBe(code === 0x7f ? 0xff : code);
      expect(LINEAR_TO_ALAW[((ALAW_TO_LINEAR[code] as number) >> 2) & 0x3fff]).toBe(code);
    }
  });

  test('µ-law round trip stays within half a quantisation step over every 16-bit sample', () => {
    const back = roundTrip(encodeUlaw, decodeUlaw);
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const x = ALL_SAMPLES[i] as number;
      // Beyond ±32124 the code saturates; below, half a step is 4 << segment and segment s starts near 132·(2^s − 1).
      if (Math.abs(x) > 32124) expect(back[i]).toBe(Math.sign(x) * 32124);
      else expect(Math.abs((back[i] as number) - x)).toBeLessThanOrEqual(12 + Math.abs(x) / 32);
    }
  });

  test('A-law round trip stays within half a quantisation step over every 16-bit sample', () => {
    const back = roundTrip(encodeAlaw, decodeAlaw);
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const x = ALL_SAMPLES[i] as number;
      expect(Math.abs((back[i] as number) - x)).toBeLessThanOrEqual(8 + Math.abs(x) / 32);
    }
  });

  test('encoding then decoding is monotonic in the input', () => {
    for (const back of [roundTrip(encodeUlaw, decodeUlaw), roundTrip(encodeAlaw, decodeAlaw)]) {
      for (let i = 1; i < back.length; i++) expect(back[i] as number).toBeGreaterThanOrEqual(back[i - 1] as number);
    }
  });

  test('single-sample encoders agree with the buffer encoders', () => {
    const codes = new Uint8Array(ALL_SAMPLES.length);
    encodeUlaw(ALL_SAMPLES, codes);
    for (let i = 0; i < ALL_SAMPLES.length; i += 7) expect(encodeUlawSample(ALL_SAMPLES[i] as number)).toBe(codes[i] as number);
    encodeAlaw(ALL_SAMPLES, codes);
    for (let i = 0; i < ALL_SAMPLES.length; i += 7) expect(encodeAlawSample(ALL_SAMPLES[i] as number)).toBe(codes[i] as number);
  });

  test('refuses a destination shorter than the source', () => {
    expect(() => encodeUlaw(new Int16Array(160), new Uint8Array(80))).toThrow(RangeError);
  });
});

describe('G.711 decode into a caller buffer', () => {
  test('stride 2 fills one channel of an interleaved stereo buffer and leaves the other', () => {
    const stereo = new Int16Array(8).fill(7);
    expect(decodeUlaw(Uint8Array.of(0x00, 0xff, 0x80, 0xfe), stereo, 1, 2)).toBe(4);
    expect([...stereo]).toEqual([7, -32124, 7, 0, 7, 32124, 7, 8]);
    decodeAlaw(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a), stereo, 0, 2);
    expect([...stereo]).toEqual([8, -32124, -8, 0, 32256, 32124, -32256, 8]);
  });

  test('refuses to write past the end of the destination', () => {
    expect(() => decodeUlaw(new Uint8Array(4), new Int16Array(8), 1, 2)).not.toThrow();
    expect(() => decodeUlaw(new Uint8Array(5), new Int16Array(8), 1, 2)).toThrow(RangeError);
  });

  test('an empty source writes nothing', () => {
    expect(decodeAlaw(new Uint8Array(0), new Int16Array(0))).toBe(0);
  });
});

describe('g711Codec', () => {
  test('payload type 0 is PCMU with silence 0xff', () => {
    const codec = g711Codec(0);
    expect(codec).toMatchObject({ name: 'PCMU', payloadType: 0, silenceByte: 0xff });
    expect(codec.decode).toBe(decodeUlaw);
    expect(codec.encode).toBe(encodeUlaw);
  });

  test('the encoding name selects the same codec as the payload type', () => {
    expect(g711Codec('PCMU')).toBe(g711Codec(0));
    expect(g711Codec('PCMA')).toBe(g711Codec(8));
  });

  test('payload type 8 is PCMA with silence 0xd5', () => {
    const codec = g711Codec(8);
    expect(codec).toMatchObject({ name: 'PCMA', payloadType: 8, silenceByte: 0xd5 });
    const samples = new Int16Array(3);
    codec.decode(Uint8Array.of(codec.silenceByte, 0x55, 0xd5), samples);
    expect([...samples]).toEqual([8, -8, 8]);
  });
});
