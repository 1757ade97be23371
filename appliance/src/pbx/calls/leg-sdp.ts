/**
 * Where SDP becomes media: offers and answers for one leg built from its
 * engine endpoint, and the negotiated result turned into a StreamConfig.
 * The box anchors all media, so each leg negotiates with the box alone;
 * the caller's codec order is carried to the callee, and the callee's
 * choice back to the caller, so a bridge relays without transcoding.
 */
import type { AudioCodec, EndpointInfo, StreamConfig } from '../../media/index.ts';
import {
  type Codec,
  createAnswer,
  createOffer,
  type Direction,
  isAuxiliary,
  mediaFormats,
  type NegotiatedAudio,
  negotiatedMedia,
  PCMA,
  PCMU,
  parseSdp,
  type SessionDescription,
  serializeSdp,
} from '../../sip/index.ts';

const SUPPORTED: Record<string, Codec> = { pcmu: PCMU, pcma: PCMA };

export type SdpResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The local side of a leg's offer/answer: o= session id and version (RFC 3264 §5, §8). */
export class LegSdp {
  private version = 0n;
  /** The last description the box sent on this leg. */
  local: SessionDescription | null = null;

  constructor(
    private readonly sessionId: string,
    readonly endpoint: EndpointInfo,
  ) {}

  /** A fresh offer; `codecs` in order of preference (the caller's, when relaying a call). */
  offer(codecs: readonly Codec[], direction: Direction = 'sendrecv'): SessionDescription {
    this.local = createOffer({ ...this.base(true), codecs, direction });
    return this.local;
  }

  /** Our answer to `offer`, keeping `codecs` first when given (the codec the other leg settled on). */
  answer(offer: SessionDescription, codecs: readonly Codec[] = [PCMU, PCMA]): SdpResult<SessionDescription> {
    const result = createAnswer(offer, { ...this.base(true), codecs });
    if (!result.ok) return { ok: false, reason: result.error.message };
    this.local = result.value;
    return { ok: true, value: result.value };
  }

  /** The same description again (a session refresh re-INVITE changes nothing: same version, §8). */
  current(): SessionDescription | null {
    return this.local;
  }

  /** Whether the box's last description carries telephone-event: without it, keys can only come as tones. */
  hasTelephoneEvent(): boolean {
    const audio = this.local?.media.find((m) => m.media === 'audio');
    return audio !== undefined && mediaFormats(audio).some((f) => f.name.toLowerCase() === 'telephone-event');
  }

  private base(bump: boolean) {
    if (bump) this.version++;
    return {
      address: this.endpoint.address,
      port: this.endpoint.port,
      sessionId: this.sessionId,
      version: this.version.toString(),
      telephoneEventPayloadType: 101,
      ptime: 20,
    };
  }
}

export function parseBody(body: Uint8Array): SdpResult<SessionDescription> {
  const parsed = parseSdp(new TextDecoder().decode(body));
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: parsed.error.message };
}

export function encodeSdp(sd: SessionDescription): Uint8Array {
  return new TextEncoder().encode(serializeSdp(sd));
}

/** Codecs of an offer the engine can relay, in the offer's order. */
export function offeredCodecs(offer: SessionDescription): Codec[] {
  const audio = offer.media.find((m) => m.media === 'audio' && m.port !== 0);
  if (!audio) return [];
  const out: Codec[] = [];
  for (const f of mediaFormats(audio)) {
    const codec = isAuxiliary(f) ? undefined : SUPPORTED[f.name.toLowerCase()];
    if (codec && f.clockRate === 8000 && !out.includes(codec)) out.push(codec);
  }
  return out;
}

export function codecOf(negotiated: NegotiatedAudio): Codec {
  return SUPPORTED[negotiated.codec.name.toLowerCase()] ?? PCMU;
}

export function streamConfig(negotiated: NegotiatedAudio): StreamConfig {
  return {
    remote: negotiated.remotePort === 0 ? null : { address: negotiated.remoteAddress, port: negotiated.remotePort },
    codec: codecOf(negotiated).name.toUpperCase() as AudioCodec,
    payloadType: negotiated.payloadType,
    telephoneEvent: negotiated.telephoneEventPayloadType,
    direction: negotiated.direction,
  };
}

export { negotiatedMedia };
