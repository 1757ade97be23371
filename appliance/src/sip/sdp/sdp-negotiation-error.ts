import { AppError } from '../../errors.ts';

/**
 * An offer we cannot answer (RFC 3264 §6). The B2BUA answers the INVITE or
 * re-INVITE that carried it with 488 Not Acceptable Here.
 *  - no_common_codec: an audio stream was offered, none of its codecs is ours;
 *  - no_audio_stream: nothing we could serve was offered (video only, SRTP, all ports 0).
 */
export type SdpNegotiationReason = 'no_common_codec' | 'no_audio_stream';

export class SdpNegotiationError extends AppError {
  readonly status = 488;

  constructor(readonly reason: SdpNegotiationReason) {
    super('sdp_negotiation', reason === 'no_common_codec' ? 'no common codec' : 'no audio stream we can serve');
  }
}
