/** The media of a leg the box called, from the answer in its 183 or 2xx. */
import type { MediaControl } from '../../media/index.ts';
import { type Codec, negotiatedMedia, type SipResponse } from '../../sip/index.ts';
import type { Leg } from './leg.ts';
import { codecOf, parseBody, streamConfig } from './leg-sdp.ts';

function negotiated(leg: Leg, response: SipResponse) {
  const offer = leg.sdp.current();
  const answer = parseBody(response.body);
  return offer && answer.ok ? negotiatedMedia(offer, answer.value, 'offerer') : null;
}

/** The codec the phone chose, or null when its answer is unusable. */
export function answeredCodec(leg: Leg, response: SipResponse): Codec | null {
  const n = negotiated(leg, response);
  return n ? codecOf(n) : null;
}

/** Configures the leg's endpoint from the phone's answer; false when the answer is unusable. */
export async function configureFromAnswer(media: MediaControl, leg: Leg, response: SipResponse): Promise<boolean> {
  const n = negotiated(leg, response);
  if (n === null) return false;
  await media.configure(leg.endpoint.id, streamConfig(n));
  return true;
}
