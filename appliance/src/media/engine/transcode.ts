/**
 * G.711 A-law ↔ µ-law by table (G.711 Appendix: both are companded forms of
 * the same 13/14-bit signal), so two legs that settled on different laws
 * can still be bridged byte for byte.
 */
import { ALAW_TO_LINEAR, encodeAlawSample, encodeUlawSample, ULAW_TO_LINEAR } from '../codec/index.ts';
import type { AudioCodec } from './media-types.ts';

function build(decode: Int16Array, encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = encode(decode[i] as number);
  return table;
}

const ALAW_TO_ULAW = build(ALAW_TO_LINEAR, encodeUlawSample);
const ULAW_TO_ALAW = build(ULAW_TO_LINEAR, encodeAlawSample);
const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);

export function transcodeTable(from: AudioCodec, to: AudioCodec): Uint8Array {
  if (from === to) return IDENTITY;
  return from === 'PCMA' ? ALAW_TO_ULAW : ULAW_TO_ALAW;
}
