import { describe, expect, test } from 'bun:test';
import { buildWavHeader, parseWavFormat, type WavFormat, WAV_HEADER_BYTES } from './wav-format.ts';
import { WavFormatError } from './wav-format-error.ts';

interface Chunk {
  id: string;
  body: Uint8Array;
}

function chunk(id: string, body: Uint8Array | number[]): Chunk {
  return { id, body: body instanceof Uint8Array ? body : Uint8Array.from(body) };
}

function fmtBody(tag: number, channels: number, rate: number, bits: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, (rate * channels * bits) / 8, true);
  v.setUint16(12, (channels * bits) / 8, true);
  v.setUint16(14, bits, true);
  return b;
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function extensibleBody(subTag: number, channels: number, rate: number, bits: number, guidTail = GUID_TAIL): Uint8Array {
  const b = new Uint8Array(40);
  b.set(fmtBody(0xfffe, channels, rate, bits));
  const v = new DataView(b.buffer);
  v.setUint16(16, 22, true);
  v.setUint16(18, bits, true);
  v.setUint32(20, channels === 2 ? 3 : 4, true);
  v.setUint16(24, subTag, true);
  b.set(guidTail, 26);
  return b;
}

/** A RIFF file from chunks; `riffSize` and `dataSize` override the true sizes. */
function riff(chunks: Chunk[], sizes: { riffSize?: number; dataSize?: number } = {}): Uint8Array {
  const parts: number[] = [];
  for (const c of chunks) {
    const size = c.id === 'data' && sizes.dataSize !== undefined ? sizes.dataSize : c.body.length;
    parts.push(...ascii(c.id), ...u32(size), ...c.body);
    if (c.body.length & 1) parts.push(0);
  }
  return Uint8Array.from([...ascii('RIFF'), ...u32(sizes.riffSize ?? parts.length + 4), ...ascii('WAVE'), ...parts]);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function ok(result: WavFormat | WavFormatError): WavFormat {
  if (result instanceof WavFormatError) throw result;
  return result;
}

const samples = (n: number) => Uint8Array.from({ length: n }, (_, i) => i & 0xff);

describe('parseWavFormat', () => {
  test('round-trips the header built for recordings', () => {
    const header = buildWavHeader({ channels: 2, sampleRate: 8000, bitsPerSample: 16, dataBytes: 640 });
    expect(header.length).toBe(WAV_HEADER_BYTES);
    const file = new Uint8Array(WAV_HEADER_BYTES + 640);
    file.set(header);
    expect(ok(parseWavFormat(file))).toEqual({
      encoding: 'pcm16',
      channels: 2,
      sampleRate: 8000,
      bitsPerSample: 16,
      blockAlign: 4,
      dataOffset: 44,
      dataBytes: 640,
      truncated: false,
    });
  });

  test.each([
    ['PCM 16-bit', fmtBody(1, 1, 16000, 16), 'pcm16', 16000],
    ['A-law', fmtBody(6, 1, 8000, 8), 'alaw', 8000],
    ['µ-law', fmtBody(7, 2, 8000, 8), 'ulaw', 8000],
    ['EXTENSIBLE wrapping PCM', extensibleBody(1, 2, 8000, 16), 'pcm16', 8000],
    ['EXTENSIBLE wrapping A-law', extensibleBody(6, 1, 8000, 8), 'alaw', 8000],
    ['EXTENSIBLE wrapping µ-law', extensibleBody(7, 1, 8000, 8), 'ulaw', 8000],
  ])('reads %s', (_name, fmt, encoding, rate) => {
    const format = ok(parseWavFormat(riff([chunk('fmt ', fmt), chunk('data', samples(8))])));
    expect(format.encoding).toBe(encoding as WavFormat['encoding']);
    expect(format.sampleRate).toBe(rate);
    expect(format.dataBytes).toBe(8);
  });

  test('walks past unknown chunks, including odd-sized ones padded to even', () => {
    const file = riff([chunk('LIST', samples(7)), chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('fact', [1, 0, 0, 0]), chunk('data', samples(10))]);
    const format = ok(parseWavFormat(file));
    expect(format.dataOffset).toBe(12 + 8 + 8 + 8 + 16 + 8 + 4 + 8);
    expect(format.dataBytes).toBe(10);
  });

  test('ignores bytes after the RIFF form when the RIFF size is sane', () => {
    const file = riff([chunk('fmt ', fmtBody(1, 1, 8000, 16)), chunk('data', samples(10))]);
    const withJunk = new Uint8Array(file.length + 6);
    withJunk.set(file);
    expect(ok(parseWavFormat(withJunk))).toMatchObject({ dataBytes: 10, truncated: false });
  });

  test('an empty recording is not mistaken for a truncated one', () => {
    const file = buildWavHeader({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 0 });
    expect(ok(parseWavFormat(file))).toMatchObject({ dataBytes: 0, truncated: false });
  });

  describe('crash-truncated files: the file length wins', () => {
    const body = [chunk('fmt ', fmtBody(1, 2, 8000, 16)), chunk('data', samples(40))];
    test.each([
      ['sizes of 0', { riffSize: 0, dataSize: 0 }],
      ['sizes of 0xFFFFFFFF', { riffSize: 0xffffffff, dataSize: 0xffffffff }],
      ['sizes past the end of the file', { riffSize: 100_000, dataSize: 99_000 }],
      ['only the data size wrong', { dataSize: 0 }],
      ['only the RIFF size wrong', { riffSize: 0 }],
    ])('%s', (_name, sizes) => {
      const format = ok(parseWavFormat(riff(body, sizes)));
      expect(format.dataBytes).toBe(40);
      expect(format.truncated).toBe(true);
    });

    test('a torn last sample frame is left out', () => {
      const file = riff([chunk('fmt ', fmtBody(1, 2, 8000, 16)), chunk('data', samples(43))], { dataSize: 0 });
      expect(ok(parseWavFormat(file.subarray(0, 44 + 43)))).toMatchObject({ dataBytes: 40, truncated: true });
    });

    test('the head of a file plus its length is enough', () => {
      const head = buildWavHeader({ channels: 2, sampleRate: 8000, bitsPerSample: 16, dataBytes: 0 });
      expect(ok(parseWavFormat(head, 44 + 8002))).toMatchObject({ dataOffset: 44, dataBytes: 8000, truncated: true });
    });
  });

  const fmt = (tag: number, channels = 1, rate = 8000, bits = 16) => chunk('fmt ', fmtBody(tag, channels, rate, bits));
  const data = chunk('data', samples(4));
  test.each([
    ['a short file', new Uint8Array(8), 'too short'],
    ['another RIFF form', Uint8Array.from([...ascii('RIFF'), ...u32(4), ...ascii('AVI ')]), 'not WAVE'],
    ['no RIFF magic', Uint8Array.from([...ascii('RIFX'), ...u32(4), ...ascii('WAVE')]), 'not a RIFF file'],
    ['no fmt chunk', riff([data]), 'data chunk comes before the fmt chunk'],
    ['nothing but fmt', riff([fmt(1)]), 'no data chunk'],
    ['no chunks', riff([]), 'no fmt chunk'],
    ['8-bit PCM', riff([fmt(1, 1, 8000, 8), data]), 'unsupported PCM bit depth 8'],
    ['24-bit PCM', riff([fmt(1, 1, 8000, 24), data]), 'unsupported PCM bit depth 24'],
    ['IEEE float', riff([fmt(3, 1, 8000, 32), data]), 'unsupported format tag 0x0003'],
    ['16-bit A-law', riff([fmt(6, 1, 8000, 16), data]), 'A-law with 16 bits'],
    ['zero channels', riff([fmt(1, 0), data]), 'unsupported channel count 0'],
    ['zero rate', riff([fmt(1, 1, 0), data]), 'sample rate is 0'],
    ['a short fmt chunk', riff([chunk('fmt ', fmtBody(1, 1, 8000, 16).subarray(0, 14)), data]), 'fmt chunk is 14 bytes'],
    ['an unknown EXTENSIBLE GUID', riff([chunk('fmt ', extensibleBody(1, 1, 8000, 16, GUID_TAIL.map((b) => b ^ 1))), data]), 'sub-format GUID'],
    ['a short EXTENSIBLE fmt', riff([chunk('fmt ', extensibleBody(1, 1, 8000, 16).subarray(0, 18)), data]), 'needs 40'],
  ])('refuses %s, saying why', (_name, bytes, reason) => {
    const result = parseWavFormat(bytes);
    expect(result).toBeInstanceOf(WavFormatError);
    expect((result as WavFormatError).message).toContain(reason);
    expect((result as WavFormatError).code).toBe('wav_format');
  });

  test('refuses a chunk that runs past the end before any data', () => {
    const file = riff([chunk('LIST', samples(100)), fmt(1), data]).subarray(0, 60);
    expect((parseWavFormat(file) as WavFormatError).message).toContain('chunk "LIST" runs past the end');
  });

  test('never throws on truncations or random corruption (fuzz)', () => {
    const good = riff([chunk('LIST', samples(9)), chunk('fmt ', extensibleBody(1, 2, 8000, 16)), chunk('data', samples(64))]);
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let cut = 0; cut <= good.length; cut++) {
      const result = parseWavFormat(good.subarray(0, cut));
      expect(result instanceof WavFormatError || result.dataOffset + result.dataBytes <= cut).toBe(true);
    }
    for (let round = 0; round < 2000; round++) {
      const bytes = good.slice();
      for (let k = 0; k < 4; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const result = parseWavFormat(bytes);
      if (!(result instanceof WavFormatError)) {
        expect(result.dataOffset + result.dataBytes).toBeLessThanOrEqual(bytes.length);
        expect(result.dataBytes % result.blockAlign).toBe(0);
      }
    }
  });
});

describe('buildWavHeader', () => {
  test('writes the canonical little-endian layout', () => {
    const h = buildWavHeader({ channels: 2, sampleRate: 8000, bitsPerSample: 16, dataBytes: 32000 });
    const v = new DataView(h.buffer);
    expect(String.fromCharCode(...h.subarray(0, 4), ...h.subarray(8, 16), ...h.subarray(36, 40))).toBe('RIFFWAVEfmt data');
    expect([v.getUint32(4, true), v.getUint32(16, true), v.getUint16(20, true), v.getUint16(22, true)]).toEqual([32036, 16, 1, 2]);
    expect([v.getUint32(24, true), v.getUint32(28, true), v.getUint16(32, true), v.getUint16(34, true)]).toEqual([8000, 32000, 4, 16]);
    expect(v.getUint32(40, true)).toBe(32000);
  });
});
