/** SDP (RFC 4566) and the offer/answer model (RFC 3264) for the SIP stack. */
export { type Codec, DEFAULT_CODECS, G722, isAuxiliary, isCodec, type MediaFormat, mediaFormats, OPUS, PCMA, PCMU, TELEPHONE_EVENT } from './codecs.ts';
export { type NegotiatedAudio, negotiatedMedia, type OfferAnswerRole } from './negotiated-media.ts';
export { AUDIO_PROTOCOL, type AnswerResult, createAnswer, createOffer, incrementVersion, type LocalMediaOptions, nextVersion } from './offer-answer.ts';
export { MAX_SDP_CHARS, parseSdp, type SdpParseResult } from './parse-sdp.ts';
export { SdpNegotiationError, type SdpNegotiationReason } from './sdp-negotiation-error.ts';
export { SdpParseError } from './sdp-parse-error.ts';
export { serializeSdp } from './serialize-sdp.ts';
export {
  type Attribute,
  type Connection,
  type Direction,
  effectiveConnection,
  effectiveDirection,
  type Fmtp,
  isNullAddress,
  type MediaDescription,
  type Origin,
  type Rtpmap,
  type SdpLine,
  type SessionDescription,
  type Timing,
} from './session-description.ts';
