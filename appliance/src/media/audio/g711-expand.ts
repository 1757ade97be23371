/**
 * G.711 expansion (ITU-T G.711 §3/§4, the classic Sun reference formulas) for
 * reading A-law and µ-law WAV prompts. Private to audio/: prompts are decoded
 * once at load, so this favours brevity over the table lookup the RTP codec uses.
 */

/** A-law byte → linear sample on the 16-bit scale (±32256 at most). */
export function alawToLinear(byte: number): number {
  const a = (byte ^ 0x55) & 0xff;
  const segment = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const ULAW_BIAS = 0x84;

/** µ-law byte → linear sample on the 16-bit scale (±32124 at most). */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = (((u & 0x0f) << 3) + ULAW_BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? ULAW_BIAS - magnitude : magnitude - ULAW_BIAS;
}
