import { describe, expect, test } from 'bun:test';
import { readU16, readU32, writeU16, writeU32 } from './network-order.ts';

describe('network order', () => {
  test('reads big-endian, 32 bits unsigned', () => {
    const buf = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0x00, 0x01);
    expect(readU16(buf, 0)).toBe(0xfffe);
    expect(readU32(buf, 0)).toBe(0xfffe8000);
    expect(readU32(buf, 2)).toBe(0x80000001);
  });

  test('writes the low bits of larger or negative values', () => {
    const buf = new Uint8Array(6);
    writeU16(buf, 0, 0x12345);
    writeU32(buf, 2, -2);
    expect([...buf]).toEqual([0x23, 0x45, 0xff, 0xff, 0xff, 0xfe]);
  });

  test('round-trips at an offset', () => {
    const buf = new Uint8Array(7);
    writeU32(buf, 3, 0xdeadbeef);
    expect(readU32(buf, 3)).toBe(0xdeadbeef);
    writeU16(buf, 1, 0xabcd);
    expect(readU16(buf, 1)).toBe(0xabcd);
  });
});
