/**
 * ITU-T G.711 µ-law (PCMU, RTP payload type 0) and A-law (PCMA, type 8).
 *
 * Both laws compress a 16-bit linear sample into 8 bits: a sign, a 3-bit
 * segment (the exponent) and a 4-bit step within the segment. The wire
 * octets are inverted (µ-law) or XORed with 0x55 (A-law) so that silence
 * is not a run of zeros.
 *
 *   µ-law: ~[S|EEE|MMMM]      A-law: [S|EEE|MMMM] ^ 0x55   (S=1 positive)
 *
 * Decoding is one table load per sample. Encoding is also one table load:
 * µ-law works on 14 bits and A-law on 13, so a sample shifted right by two
 * addresses a 16,384-entry table holding the exact answer for both.
 * The tables are computed once from the reference algorithm (the CCITT
 * code published by Sun Microsystems), so they match other
 * implementations bit for bit.
 */

/** µ-law code of digital silence (linear 0). */
export const ULAW_SILENCE = 0xff;
/** A-law code of the smallest positive level; A-law has no exact zero. */
export const ALAW_SILENCE = 0xd5;

const ULAW_BIAS = 0x84;
/** Largest 14-bit magnitude µ-law can represent before adding the bias. */
const ULAW_CLIP = 8159;

function ulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const t = (((u & 0x0f) << 3) + ULAW_BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? ULAW_BIAS - t : t - ULAW_BIAS;
}

function alawToLinear(code: number): number {
  const a = code ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  if (segment === 0) t += 8;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

/** Segment of a magnitude: the first end point it does not exceed (8 = beyond the last). */
function segmentOf(value: number, ends: readonly number[]): number {
  let segment = 0;
  while (segment < ends.length && value > (ends[segment] as number)) segment++;
  return segment;
}

const ULAW_SEGMENT_ENDS = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const ALAW_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

/** `pcm14` is the 16-bit sample shifted right by two. */
function linearToUlaw(pcm14: number): number {
  let magnitude = pcm14;
  let mask = 0xff;
  if (magnitude < 0) {
    magnitude = -magnitude;
    mask = 0x7f;
  }
  magnitude = Math.min(magnitude, ULAW_CLIP) + (ULAW_BIAS >> 2);
  const segment = segmentOf(magnitude, ULAW_SEGMENT_ENDS);
  if (segment >= 8) return 0x7f ^ mask;
  return ((segment << 4) | ((magnitude >> (segment + 1)) & 0x0f)) ^ mask;
}

/** `pcm14` is the 16-bit sample shifted right by two; A-law keeps 13 of those bits. */
function linearToAlaw(pcm14: number): number {
  let magnitude = pcm14 >> 1;
  let mask = 0xd5;
  if (magnitude < 0) {
    // One's complement, so that -1 and 0 fall into the two smallest steps either side of zero.
    magnitude = -magnitude - 1;
    mask = 0x55;
  }
  const segment = segmentOf(magnitude, ALAW_SEGMENT_ENDS);
  if (segment >= 8) return 0x7f ^ mask;
  const step = segment < 2 ? (magnitude >> 1) & 0x0f : (magnitude >> segment) & 0x0f;
  return ((segment << 4) | step) ^ mask;
}

function decodeTable(toLinear: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = toLinear(code);
  return table;
}

/** Indexed by `(sample >> 2) & 0x3fff`, i.e. the 14-bit value in two's complement. */
function encodeTable(toCode: (pcm14: number) => number): Uint8Array {
  const table = new Uint8Array(16384);
  for (let index = 0; index < 16384; index++) table[index] = toCode(index >= 8192 ? index - 16384 : index);
  return table;
}

/** Linear 16-bit value of each µ-law octet. */
export const ULAW_TO_LINEAR: Int16Array = decodeTable(ulawToLinear);
/** Linear 16-bit value of each A-law octet. */
export const ALAW_TO_LINEAR: Int16Array = decodeTable(alawToLinear);
/** µ-law octet of each 16-bit sample, indexed by `(sample >> 2) & 0x3fff`. */
export const LINEAR_TO_ULAW: Uint8Array = encodeTable(linearToUlaw);
/** A-law octet of each 16-bit sample, indexed by `(sample >> 2) & 0x3fff`. */
export const LINEAR_TO_ALAW: Uint8Array = encodeTable(linearToAlaw);

/**
 * Decodes every octet of `src` into `dst`, starting at `dstOffset` and
 * advancing `dstStride` samples each time, so a caller can fill one channel
 * of an interleaved stereo buffer directly. Returns the number of samples.
 */
export type G711Decode = (src: Uint8Array, dst: Int16Array, dstOffset?: number, dstStride?: number) => number;
/** Encodes every sample of `src` into the same number of octets of `dst`; returns that number. */
export type G711Encode = (src: Int16Array, dst: Uint8Array) => number;

function decodeWith(table: Int16Array, src: Uint8Array, dst: Int16Array, dstOffset: number, dstStride: number): number {
  const count = src.length;
  if (count > 0 && dstOffset + (count - 1) * dstStride >= dst.length) {
    throw new RangeError(`G.711 decode: ${count} samples at offset ${dstOffset} stride ${dstStride} overrun ${dst.length}`);
  }
  let j = dstOffset;
  for (let i = 0; i < count; i++) {
    dst[j] = table[src[i] as number] as number;
    j += dstStride;
  }
  return count;
}

function encodeWith(table: Uint8Array, src: Int16Array, dst: Uint8Array): number {
  const count = src.length;
  if (count > dst.length) throw new RangeError(`G.711 encode: ${count} samples into ${dst.length} octets`);
  for (let i = 0; i < count; i++) dst[i] = table[((src[i] as number) >> 2) & 0x3fff] as number;
  return count;
}

/** One sample to µ-law, for building tables (e.g. A-law ↔ µ-law) rather than per-packet work. */
export function encodeUlawSample(sample: number): number {
  return LINEAR_TO_ULAW[(sample >> 2) & 0x3fff] as number;
}

/** One sample to A-law, for building tables rather than per-packet work. */
export function encodeAlawSample(sample: number): number {
  return LINEAR_TO_ALAW[(sample >> 2) & 0x3fff] as number;
}

export const decodeUlaw: G711Decode = (src, dst, dstOffset = 0, dstStride = 1) => decodeWith(ULAW_TO_LINEAR, src, dst, dstOffset, dstStride);
export const decodeAlaw: G711Decode = (src, dst, dstOffset = 0, dstStride = 1) => decodeWith(ALAW_TO_LINEAR, src, dst, dstOffset, dstStride);
export const encodeUlaw: G711Encode = (src, dst) => encodeWith(LINEAR_TO_ULAW, src, dst);
export const encodeAlaw: G711Encode = (src, dst) => encodeWith(LINEAR_TO_ALAW, src, dst);

export interface G711Codec {
  readonly payloadType: 0 | 8;
  readonly name: 'PCMU' | 'PCMA';
  readonly decode: G711Decode;
  readonly encode: G711Encode;
  /** Octet to fill a frame with when there is nothing to send or play. */
  readonly silenceByte: number;
}

const PCMU: G711Codec = { payloadType: 0, name: 'PCMU', decode: decodeUlaw, encode: encodeUlaw, silenceByte: ULAW_SILENCE };
const PCMA: G711Codec = { payloadType: 8, name: 'PCMA', decode: decodeAlaw, encode: encodeAlaw, silenceByte: ALAW_SILENCE };

/** The codec for an RFC 3551 static payload type (0 is PCMU, 8 is PCMA) or its encoding name. */
export function g711Codec(payloadTypeOrName: 0 | 8 | 'PCMU' | 'PCMA'): G711Codec {
  return payloadTypeOrName === 0 || payloadTypeOrName === 'PCMU' ? PCMU : PCMA;
}
