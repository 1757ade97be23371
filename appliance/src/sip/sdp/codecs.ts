/**
 * The codecs the box speaks and how to read them off a media section.
 *
 * Static payload types (RFC 3551 §6) need no rtpmap, so a section listing
 * `0 8` without rtpmap lines still offers PCMU and PCMA. Note G722's RTP
 * clock rate is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).
 * Dynamic payload types (96–127) mean something only through an rtpmap.
 */
import type { MediaDescription } from './session-description.ts';

export interface Codec {
  /** Encoding name as in rtpmap; compared case-insensitively. */
  name: string;
  /** RTP clock rate. */
  clockRate: number;
  channels: number;
  /** RFC 3551 static payload type, or null for a dynamic one. */
  staticPayloadType: number | null;
  /** Parameters we put in a=fmtp when we offer it, or null. */
  fmtp: string | null;
}

export const PCMU: Codec = { name: 'PCMU', clockRate: 8000, channels: 1, staticPayloadType: 0, fmtp: null };
export const PCMA: Codec = { name: 'PCMA', clockRate: 8000, channels: 1, staticPayloadType: 8, fmtp: null };
export const G722: Codec = { name: 'G722', clockRate: 8000, channels: 1, staticPayloadType: 9, fmtp: null };
export const OPUS: Codec = { name: 'opus', clockRate: 48000, channels: 2, staticPayloadType: null, fmtp: 'useinbandfec=1' };
/** RFC 4733 DTMF events; the 8000 Hz variant pairs with the narrow-band codecs and G722. */
export const TELEPHONE_EVENT: Codec = { name: 'telephone-event', clockRate: 8000, channels: 1, staticPayloadType: null, fmtp: '0-16' };

/** What the box speaks today, in our order of preference. */
export const DEFAULT_CODECS: readonly Codec[] = [PCMU, PCMA];

/** Audio payload types of RFC 3551 Table 4 that a phone may list without an rtpmap. */
const STATIC_AUDIO: ReadonlyMap<number, { name: string; clockRate: number; channels: number }> = new Map([
  [0, { name: 'PCMU', clockRate: 8000, channels: 1 }],
  [3, { name: 'GSM', clockRate: 8000, channels: 1 }],
  [4, { name: 'G723', clockRate: 8000, channels: 1 }],
  [8, { name: 'PCMA', clockRate: 8000, channels: 1 }],
  [9, { name: 'G722', clockRate: 8000, channels: 1 }],
  [13, { name: 'CN', clockRate: 8000, channels: 1 }],
  [18, { name: 'G729', clockRate: 8000, channels: 1 }],
]);

/** One entry of a media section's format list, resolved to a codec. */
export interface MediaFormat {
  payloadType: number;
  name: string;
  clockRate: number;
  channels: number;
  fmtp: string | null;
}

/**
 * The formats of an RTP media section in m= order, resolved through rtpmap or
 * the static table. Formats that cannot be resolved (a dynamic type without
 * rtpmap, a non-numeric format) are left out.
 */
export function mediaFormats(m: MediaDescription): MediaFormat[] {
  const formats: MediaFormat[] = [];
  for (const text of m.formats) {
    if (!/^\d{1,3}$/.test(text)) continue;
    const payloadType = Number(text);
    const rtpmap = m.rtpmaps.find((r) => r.payloadType === payloadType);
    const known = rtpmap ? { name: rtpmap.encoding, clockRate: rtpmap.clockRate, channels: rtpmap.channels ?? 1 } : STATIC_AUDIO.get(payloadType);
    if (known === undefined) continue;
    const fmtp = m.fmtps.find((f) => f.format === text)?.parameters ?? null;
    formats.push({ payloadType, ...known, fmtp });
  }
  return formats;
}

/** Same encoding name (any case), clock rate and channel count. */
export function isCodec(format: Pick<MediaFormat, 'name' | 'clockRate' | 'channels'>, codec: Codec): boolean {
  return format.name.toLowerCase() === codec.name.toLowerCase() && format.clockRate === codec.clockRate && format.channels === codec.channels;
}

/** telephone-event or comfort noise: formats that travel beside a voice codec, never instead of one. */
export function isAuxiliary(format: Pick<MediaFormat, 'name'>): boolean {
  const name = format.name.toLowerCase();
  return name === 'telephone-event' || name === 'cn';
}
