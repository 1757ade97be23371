/**
 * RFC 3264 offer/answer as pure functions: build our offer, answer a peer's
 * offer, and step the origin version for a re-offer. Nothing here reads a
 * clock or a random source; session ids and versions come from the caller.
 *
 * We serve one audio stream over RTP/AVP. In an answer (§6):
 *  - every offered m= line gets an m= line at the same position;
 *  - the first audio RTP/AVP stream with a codec in common is accepted, all
 *    others are rejected with port 0 (§6, §8.2);
 *  - codecs are those of the offer we also speak, in the offerer's order and
 *    with the offerer's payload types (§6.1); telephone-event is kept, with
 *    the offerer's payload type, for each clock rate of a chosen codec;
 *  - the direction mirrors the offer's (§6.1) and is narrowed by ours; an
 *    offer with c=0.0.0.0 (RFC 2543 hold, §8.4) is treated as not receiving.
 */
import { type Codec, DEFAULT_CODECS, isAuxiliary, isCodec, type MediaFormat, mediaFormats, TELEPHONE_EVENT } from './codecs.ts';
import { SdpNegotiationError } from './sdp-negotiation-error.ts';
import {
  type Direction,
  directionOf,
  effectiveConnection,
  effectiveDirection,
  isNullAddress,
  type MediaDescription,
  receives,
  type SessionDescription,
  sends,
} from './session-description.ts';

export const AUDIO_PROTOCOL = 'RTP/AVP';
const FIRST_DYNAMIC = 96;

export interface LocalMediaOptions {
  /** Our unicast address, for o= and c=; IPv6 when it contains a colon. */
  address: string;
  /** Our RTP port. */
  port: number;
  /** Decimal digits, chosen by the caller once per dialog. */
  sessionId: string;
  /** Decimal digits; default "0". Use nextVersion() for a re-offer. */
  version?: string;
  username?: string;
  /** Our codecs in order of preference; default PCMU, PCMA. */
  codecs?: readonly Codec[];
  /** Payload type we offer telephone-event with (default 101); null to leave DTMF events out. */
  telephoneEventPayloadType?: number | null;
  /** Packetization time we want to receive, ms; default 20. */
  ptime?: number;
  /** What we want the stream to do; default sendrecv. `sendonly` puts the peer on hold. */
  direction?: Direction;
}

export type AnswerResult = { ok: true; value: SessionDescription } | { ok: false; error: SdpNegotiationError };

export function createOffer(local: LocalMediaOptions): SessionDescription {
  const codecs = local.codecs ?? DEFAULT_CODECS;
  const tePt = local.telephoneEventPayloadType === undefined ? 101 : local.telephoneEventPayloadType;
  const used = new Set<number>(codecs.flatMap((c) => (c.staticPayloadType === null ? [] : [c.staticPayloadType])));
  if (tePt !== null) used.add(tePt);
  let next = FIRST_DYNAMIC;
  const allocate = (): number => {
    while (used.has(next)) next++;
    used.add(next);
    return next;
  };
  const formats: MediaFormat[] = codecs.map((c) => ({ ...codecFormat(c), payloadType: c.staticPayloadType ?? allocate() }));
  if (tePt !== null) {
    // One telephone-event per clock rate (RFC 4733 §7.1.1); the configured payload type goes to 8000 Hz.
    const rates = [...new Set(codecs.map((c) => c.clockRate))];
    const primary = rates.includes(8000) ? 8000 : rates[0];
    for (const clockRate of rates) {
      formats.push({ ...codecFormat(TELEPHONE_EVENT), clockRate, payloadType: clockRate === primary ? tePt : allocate() });
    }
  }
  return session(local, [], audioSection(local, formats));
}

export function createAnswer(offer: SessionDescription, local: LocalMediaOptions): AnswerResult {
  let accepted = false;
  let audioOffered = false;
  const media = offer.media.map((m): MediaDescription => {
    if (accepted || !servable(m)) return rejected(m);
    audioOffered = true;
    const formats = chooseFormats(m, local);
    if (formats === null) return rejected(m);
    accepted = true;
    const direction = answerDirection(offer, m, local.direction ?? 'sendrecv');
    return audioSection({ ...local, direction }, formats);
  });
  if (!accepted) return { ok: false, error: new SdpNegotiationError(audioOffered ? 'no_common_codec' : 'no_audio_stream') };
  return { ok: true, value: session(local, offer.times, ...media) };
}

/** The same description with its origin version one higher, as a re-offer needs (RFC 3264 §8). */
export function nextVersion(sd: SessionDescription): SessionDescription {
  return { ...sd, origin: { ...sd.origin, version: incrementVersion(sd.origin.version) } };
}

/** "41" → "42", exact beyond 2^53. */
export function incrementVersion(version: string): string {
  return (BigInt(version) + 1n).toString();
}

function servable(m: MediaDescription): boolean {
  return m.media === 'audio' && m.port !== 0 && m.protocol === AUDIO_PROTOCOL;
}

/** Codecs of the offer we speak, in its order and with its payload types, plus matching telephone-event; null if none. */
function chooseFormats(m: MediaDescription, local: LocalMediaOptions): MediaFormat[] | null {
  const ours = local.codecs ?? DEFAULT_CODECS;
  const offered = mediaFormats(m);
  const chosen: MediaFormat[] = [];
  for (const f of offered) {
    const codec = isAuxiliary(f) ? undefined : ours.find((c) => isCodec(f, c));
    if (codec !== undefined) chosen.push({ ...f, fmtp: codec.fmtp });
  }
  if (chosen.length === 0) return null;
  if (local.telephoneEventPayloadType !== null) {
    const rates = new Set(chosen.map((f) => f.clockRate));
    for (const f of offered) {
      if (f.name.toLowerCase() === 'telephone-event' && rates.delete(f.clockRate)) chosen.push({ ...f, fmtp: TELEPHONE_EVENT.fmtp });
    }
  }
  return chosen;
}

/** RFC 3264 §6.1: sendonly → recvonly, recvonly → sendonly, inactive → inactive, narrowed by what we want. */
function answerDirection(offer: SessionDescription, m: MediaDescription, wanted: Direction): Direction {
  const offered = effectiveDirection(offer, m);
  const offererReceives = receives(offered) && !isNullAddress(effectiveConnection(offer, m));
  return directionOf(sends(wanted) && offererReceives, receives(wanted) && sends(offered));
}

function rejected(m: MediaDescription): MediaDescription {
  return { ...emptySection(m.media, 0, m.protocol), formats: [...m.formats] };
}

function audioSection(local: LocalMediaOptions, formats: MediaFormat[]): MediaDescription {
  const m = emptySection('audio', local.port, AUDIO_PROTOCOL);
  m.formats = formats.map((f) => `${f.payloadType}`);
  m.rtpmaps = formats.map((f) => ({ payloadType: f.payloadType, encoding: f.name, clockRate: f.clockRate, channels: f.channels === 1 ? null : f.channels }));
  m.fmtps = formats.flatMap((f) => (f.fmtp === null ? [] : [{ format: `${f.payloadType}`, parameters: f.fmtp }]));
  m.ptime = local.ptime ?? 20;
  m.direction = local.direction ?? 'sendrecv';
  return m;
}

function emptySection(media: string, port: number, protocol: string): MediaDescription {
  return { media, port, portCount: null, protocol, formats: [], connection: null, rtpmaps: [], fmtps: [], ptime: null, direction: null, attributes: [], lines: [] };
}

function codecFormat(c: Codec): Omit<MediaFormat, 'payloadType'> {
  return { name: c.name, clockRate: c.clockRate, channels: c.channels, fmtp: c.fmtp };
}

function session(local: LocalMediaOptions, times: SessionDescription['times'], ...media: MediaDescription[]): SessionDescription {
  const addrType = local.address.includes(':') ? 'IP6' : 'IP4';
  return {
    version: 0,
    origin: { username: local.username ?? '-', sessionId: local.sessionId, version: local.version ?? '0', netType: 'IN', addrType, address: local.address },
    sessionName: '-',
    connection: { netType: 'IN', addrType, address: local.address },
    times: times.length > 0 ? times.map((t) => ({ ...t, repeats: [...t.repeats] })) : [{ start: '0', stop: '0', repeats: [] }],
    direction: null,
    attributes: [],
    lines: [],
    media,
  };
}
