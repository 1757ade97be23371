/**
 * Big-endian ("network order", RFC 791 Appendix B) integers read from and
 * written to octet buffers without a DataView, which would be one more
 * object per packet. Reads of 32 bits are unsigned.
 */

export function readU16(buf: Uint8Array, at: number): number {
  return ((buf[at] as number) << 8) | (buf[at + 1] as number);
}

export function readU32(buf: Uint8Array, at: number): number {
  return (((buf[at] as number) << 24) | ((buf[at + 1] as number) << 16) | ((buf[at + 2] as number) << 8) | (buf[at + 3] as number)) >>> 0;
}

/** Keeps the low 16 bits of `value`, as the wire field would. */
export function writeU16(buf: Uint8Array, at: number, value: number): void {
  buf[at] = value >>> 8;
  buf[at + 1] = value;
}

/** Keeps the low 32 bits of `value`; negative values wrap as two's complement. */
export function writeU32(buf: Uint8Array, at: number, value: number): void {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
}
