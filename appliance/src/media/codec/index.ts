/** Audio codecs: G.711 µ-law and A-law, decoded and encoded into caller-owned buffers. */
export {
  ALAW_SILENCE,
  ALAW_TO_LINEAR,
  decodeAlaw,
  decodeUlaw,
  encodeAlaw,
  encodeAlawSample,
  encodeUlaw,
  encodeUlawSample,
  type G711Codec,
  type G711Decode,
  type G711Encode,
  g711Codec,
  LINEAR_TO_ALAW,
  LINEAR_TO_ULAW,
  ULAW_SILENCE,
  ULAW_TO_LINEAR,
} from './g711.ts';
