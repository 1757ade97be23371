/**
 * What an offer/answer exchange settled for the audio stream, seen from our
 * side: where to send, which payload type to send and expect, DTMF events,
 * packetization and direction. `pbx` turns this into a media session.
 *
 * The codec is the first voice format of the answer (RFC 3264 §6.1: the
 * answer's list is what both may use; its first entry is the preferred).
 * telephone-event is the answer's entry with the codec's clock rate.
 * ptime is the peer's (it asks for the packetization it wants to receive).
 */
import { isAuxiliary, type MediaFormat, mediaFormats } from './codecs.ts';
import { AUDIO_PROTOCOL } from './offer-answer.ts';
import {
  type Direction,
  directionOf,
  effectiveConnection,
  effectiveDirection,
  isNullAddress,
  receives,
  type SessionDescription,
  sends,
} from './session-description.ts';

export interface NegotiatedAudio {
  /** Index of the m= line in both descriptions. */
  index: number;
  remoteAddress: string;
  remotePort: number;
  payloadType: number;
  codec: MediaFormat;
  telephoneEventPayloadType: number | null;
  /** Milliseconds per packet we send; 20 when the peer gave none. */
  ptime: number;
  /** What we do on the stream, after both sides' directions and a 0.0.0.0 address. */
  direction: Direction;
  /** Either side holds the call: anything but sendrecv (sendonly, recvonly, inactive, c=0.0.0.0). */
  onHold: boolean;
}

export type OfferAnswerRole = 'offerer' | 'answerer';

/** The accepted audio stream, or null when the answer accepted none. */
export function negotiatedMedia(offer: SessionDescription, answer: SessionDescription, we: OfferAnswerRole): NegotiatedAudio | null {
  const local = we === 'offerer' ? offer : answer;
  const remote = we === 'offerer' ? answer : offer;
  for (const [index, am] of answer.media.entries()) {
    const om = offer.media[index];
    if (om === undefined || am.media !== 'audio' || am.port === 0 || om.port === 0 || am.protocol !== AUDIO_PROTOCOL) continue;
    const formats = mediaFormats(am);
    const codec = formats.find((f) => !isAuxiliary(f));
    if (codec === undefined) continue;
    const lm = we === 'offerer' ? om : am;
    const rm = we === 'offerer' ? am : om;
    const remoteConnection = effectiveConnection(remote, rm);
    if (remoteConnection === null) continue;
    const localDirection = effectiveDirection(local, lm);
    const remoteDirection = effectiveDirection(remote, rm);
    const weSend = sends(localDirection) && receives(remoteDirection) && !isNullAddress(remoteConnection);
    const weReceive = receives(localDirection) && sends(remoteDirection) && !isNullAddress(effectiveConnection(local, lm));
    const direction = directionOf(weSend, weReceive);
    const te = formats.find((f) => f.name.toLowerCase() === 'telephone-event' && f.clockRate === codec.clockRate);
    return {
      index,
      remoteAddress: remoteConnection.address.split('/')[0] as string,
      remotePort: rm.port,
      payloadType: codec.payloadType,
      codec,
      telephoneEventPayloadType: te?.payloadType ?? null,
      ptime: rm.ptime ?? 20,
      direction,
      onHold: direction !== 'sendrecv',
    };
  }
  return null;
}
