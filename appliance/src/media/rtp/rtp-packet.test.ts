import { describe, expect, test } from 'bun:test';
import {
  createRtpHeader,
  isRtcpPacket,
  RTP_HEADER_SIZE,
  readRtpHeader,
  setPayloadType,
  setSequence,
  setSsrc,
  setTimestamp,
  writeRtpHeader,
} from './rtp-packet.ts';

const hex = (text: string) => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));

/** PCMU, marker set, seq 0xabcd, ts 0xdeadbeef, ssrc 0x80000001, payload 01 02 03. */
const SIMPLE = hex('80 80 abcd deadbeef 80000001 010203');

function read(buf: Uint8Array, length = buf.length) {
  const out = createRtpHeader();
  return readRtpHeader(buf, length, out) ? out : null;
}

describe('readRtpHeader', () => {
  test('reads the fixed header with unsigned timestamp and SSRC', () => {
    expect(read(SIMPLE)).toEqual({
      marker: true,
      payloadType: 0,
      sequence: 0xabcd,
      timestamp: 0xdeadbeef,
      ssrc: 0x80000001,
      payloadOffset: 12,
      payloadLength: 3,
    });
  });

  test('skips the CSRC list', () => {
    const packet = hex('82 08 0001 00000010 00000020 11111111 22222222 aabb');
    expect(read(packet)).toMatchObject({ marker: false, payloadType: 8, payloadOffset: 20, payloadLength: 2 });
  });

  test('skips a header extension by its length in words', () => {
    const packet = hex('90 00 0001 00000000 00000001 bede 0002 11223344 55667788 ff');
    expect(read(packet)).toMatchObject({ payloadOffset: 24, payloadLength: 1 });
  });

  test('leaves padding out of the payload', () => {
    const packet = hex('a0 00 0001 00000000 00000001 aabbcc 000003');
    expect(read(packet)).toMatchObject({ payloadOffset: 12, payloadLength: 3 });
  });

  test('honours the length argument rather than the buffer size', () => {
    const buffer = new Uint8Array(1500);
    buffer.set(SIMPLE);
    expect(read(buffer, SIMPLE.length)).toMatchObject({ payloadLength: 3 });
  });

  test.each([
    ['shorter than the fixed header', hex('80 00 0001 00000000 000000')],
    ['version 1', hex('40 00 0001 00000000 00000001')],
    ['version 0 (e.g. STUN)', hex('00 01 0000 2112a442 00000000')],
    ['CSRC list past the end', hex('81 00 0001 00000000 00000001')],
    ['extension header past the end', hex('90 00 0001 00000000 00000001 bede')],
    ['extension words past the end', hex('90 00 0001 00000000 00000001 bede 0002 11223344')],
    ['padding count zero', hex('a0 00 0001 00000000 00000001 aabb00')],
    ['padding larger than the payload', hex('a0 00 0001 00000000 00000001 aa05')],
  ])('refuses a packet with %s', (_, packet) => {
    expect(read(packet)).toBeNull();
  });

  test('refuses a length larger than the buffer', () => {
    expect(readRtpHeader(SIMPLE, SIMPLE.length + 1, createRtpHeader())).toBe(false);
  });

  test('random octets never throw and never yield a payload outside the packet', () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    const out = createRtpHeader();
    const buf = new Uint8Array(64);
    for (let round = 0; round < 20000; round++) {
      const length = next() % 65;
      for (let i = 0; i < length; i++) buf[i] = next();
      buf[0] = ((buf[0] as number) & 0x3f) | 0x80;
      if (readRtpHeader(buf, length, out)) {
        expect(out.payloadOffset + out.payloadLength).toBeLessThanOrEqual(length);
        expect(out.payloadLength).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('writeRtpHeader', () => {
  test('writes what readRtpHeader reads back', () => {
    const buf = new Uint8Array(RTP_HEADER_SIZE + 160);
    const fields = { marker: true, payloadType: 101, sequence: 65535, timestamp: 0xffffffff, ssrc: 0xcafebabe };
    expect(writeRtpHeader(buf, 0, fields)).toBe(12);
    expect(read(buf)).toEqual({ ...fields, payloadOffset: 12, payloadLength: 160 });
  });

  test('writes the exact octets of the fixture', () => {
    const buf = new Uint8Array(15);
    writeRtpHeader(buf, 0, { marker: true, payloadType: 0, sequence: 0xabcd, timestamp: 0xdeadbeef, ssrc: 0x80000001 });
    buf.set([1, 2, 3], 12);
    expect(buf).toEqual(SIMPLE);
  });

  test('writes at an offset and refuses one that does not fit', () => {
    const buf = new Uint8Array(20);
    expect(writeRtpHeader(buf, 4, { marker: false, payloadType: 8, sequence: 1, timestamp: 2, ssrc: 3 })).toBe(16);
    expect(buf[4]).toBe(0x80);
    expect(() => writeRtpHeader(buf, 9, { marker: false, payloadType: 8, sequence: 1, timestamp: 2, ssrc: 3 })).toThrow(RangeError);
  });
});

describe('in-place rewriters', () => {
  test('change one field and leave the others', () => {
    const buf = SIMPLE.slice();
    setSequence(buf, 7);
    setTimestamp(buf, 0x01020304);
    setSsrc(buf, 0xfffffffe);
    setPayloadType(buf, 8, false);
    expect(read(buf)).toMatchObject({ marker: false, payloadType: 8, sequence: 7, timestamp: 0x01020304, ssrc: 0xfffffffe, payloadLength: 3 });
    expect([...buf.subarray(12)]).toEqual([1, 2, 3]);
  });

  test('values beyond the field width wrap as on the wire', () => {
    const buf = SIMPLE.slice();
    setSequence(buf, 65536 + 5);
    setTimestamp(buf, 2 ** 32 + 9);
    expect(read(buf)).toMatchObject({ sequence: 5, timestamp: 9 });
  });
});

describe('isRtcpPacket (RFC 5761 §4)', () => {
  test.each([
    ['SR (200)', hex('80 c8 0006 00000001'), true],
    ['RR (201)', hex('81 c9 0007 00000001'), true],
    ['RTPFB (205)', hex('81 cd 0002 00000001'), true],
    ['lowest RTCP type (192)', hex('80 c0 0001 00000001'), true],
    ['highest RTCP type (223)', hex('80 df 0001 00000001'), true],
    ['RTP PCMU with marker (128)', hex('80 80 0001 00000001'), false],
    ['RTP type 127 with marker (255)', hex('80 ff 0001 00000001'), false],
    ['RTP type 96 (0x60)', hex('80 60 0001 00000001'), false],
    ['STUN (version 0)', hex('00 01 0000 2112a442'), false],
    ['too short', hex('80 c8 00'), false],
  ])('%s → %p', (_, packet, expected) => {
    expect(isRtcpPacket(packet, packet.length)).toBe(expected);
  });
});
