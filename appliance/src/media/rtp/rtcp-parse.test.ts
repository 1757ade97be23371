import { describe, expect, test } from 'bun:test';
import { parseRtcp } from './rtcp-parse.ts';
import { RtcpParseError } from './rtcp-parse-error.ts';

const hex = (text: string) => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));

function packets(bytes: Uint8Array) {
  const result = parseRtcp(bytes, bytes.length);
  if (!result.ok) throw result.error;
  return result.packets;
}

function failure(bytes: Uint8Array): string {
  const result = parseRtcp(bytes, bytes.length);
  if (result.ok) throw new Error('parsed');
  expect(result.error).toBeInstanceOf(RtcpParseError);
  return result.error.message;
}

describe('parseRtcp', () => {
  test('SR with a report block and SDES with CNAME and another item', () => {
    const bytes = hex(`81c8000c 11111111 e8a1b2c3 80000000 00001f40 00000064 00003e80
                       22222222 80fffffe 0002ffff 00000020 b2c38000 00028000
                       81ca0004 11111111 01026162 0203787a 79000000`);
    expect(packets(bytes)).toEqual([
      {
        type: 'sr',
        ssrc: 0x11111111,
        sender: { ntpSeconds: 0xe8a1b2c3, ntpFraction: 0x80000000, rtpTimestamp: 8000, packetCount: 100, octetCount: 16000 },
        reports: [{ ssrc: 0x22222222, fractionLost: 128, cumulativeLost: -2, highestSeq: 0x2ffff, jitter: 32, lsr: 0xb2c38000, dlsr: 0x28000 }],
      },
      { type: 'sdes', chunks: [{ ssrc: 0x11111111, cname: 'ab' }] },
    ]);
  });

  test('RR, SDES with two chunks, BYE with reason', () => {
    const bytes = hex(`80c90001 11111111
                       82ca0006 11111111 01026162 00000000 22222222 01036364 65000000
                       82cb0003 11111111 22222222 03627965`);
    expect(packets(bytes)).toEqual([
      { type: 'rr', ssrc: 0x11111111, reports: [] },
      {
        type: 'sdes',
        chunks: [
          { ssrc: 0x11111111, cname: 'ab' },
          { ssrc: 0x22222222, cname: 'cde' },
        ],
      },
      { type: 'bye', ssrcs: [0x11111111, 0x22222222], reason: 'bye' },
    ]);
  });

  test('APP keeps subtype, name and a copy of its data', () => {
    const bytes = hex('85cc0003 11111111 51525354 01020304');
    const [app] = packets(bytes);
    expect(app).toEqual({ type: 'app', ssrc: 0x11111111, subtype: 5, name: 'QRST', data: Uint8Array.of(1, 2, 3, 4) });
    bytes.fill(0);
    expect(app?.type === 'app' && [...app.data]).toEqual([1, 2, 3, 4]);
  });

  test('feedback and other types come through as other, for RFC 5506 reduced-size RTCP too', () => {
    expect(packets(hex('81cd0002 11111111 22222222'))).toEqual([
      { type: 'other', packetType: 205, count: 1, body: hex('11111111 22222222') },
    ]);
  });

  test('padding on the last packet is left out', () => {
    expect(packets(hex('80c90001 11111111 a1cb0002 11111111 00000004'))).toEqual([
      { type: 'rr', ssrc: 0x11111111, reports: [] },
      { type: 'bye', ssrcs: [0x11111111], reason: null },
    ]);
  });

  test('reads only the first `length` octets', () => {
    const buf = new Uint8Array(1500);
    buf.set(hex('80c90001 11111111'));
    buf.set(hex('ffffffff'), 8);
    expect(parseRtcp(buf, 8)).toEqual({ ok: true, packets: [{ type: 'rr', ssrc: 0x11111111, reports: [] }] });
  });

  test.each([
    ['fewer than four octets', '80c900', 'length 3'],
    ['version 1', '40c90001 11111111', 'version 1'],
    ['a length past the datagram', '80c90002 11111111', 'runs past the datagram'],
    ['a truncated second header', '80c90001 11111111 80c9', 'truncated header'],
    ['padding before the last packet', 'a0c90001 11111111 80c90001 11111111', 'padding before the last packet'],
    ['padding count zero', 'a0cb0001 11111100', 'padding 0'],
    ['padding past the header', 'a0cb0001 11111108', 'padding 8'],
    ['an SR shorter than its count', '81c80006 11111111 00000000 00000000 00000000 00000000 00000000', 'SR shorter'],
    ['an RR shorter than its count', '81c90001 11111111', 'RR shorter'],
    ['SDES items without an end', '81ca0002 11111111 01026162', 'without an end'],
    ['an SDES item past the end', '81ca0002 11111111 01096162', 'item past the end'],
    ['an SDES chunk missing', '82ca0003 11111111 01026162 00000000', 'chunk past the end'],
    ['BYE sources past the end', '82cb0001 11111111', 'sources past the end'],
    ['a BYE reason past the end', '81cb0002 11111111 09627965', 'reason past the end'],
    ['an APP without a name', '80cc0001 11111111', 'APP shorter'],
  ])('refuses %s', (_, bytes, reason) => {
    expect(failure(hex(bytes))).toContain(reason);
  });

  test('the error names the offset of the offending packet', () => {
    const result = parseRtcp(hex('80c90001 11111111 40c90001 11111111'), 16);
    expect(!result.ok && result.error.offset).toBe(8);
  });

  test('random octets never throw', () => {
    let seed = 99;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    const buf = new Uint8Array(96);
    for (let round = 0; round < 20000; round++) {
      const length = next() % 97;
      for (let i = 0; i < length; i++) buf[i] = next();
      // Keep version 2 and small lengths so that the checks past the first word are reached.
      buf[0] = ((buf[0] as number) & 0x3f) | 0x80;
      buf[1] = 200 + (next() % 6);
      buf[2] = 0;
      buf[3] = (buf[3] as number) % 24;
      expect(() => parseRtcp(buf, length)).not.toThrow();
    }
  });
});
