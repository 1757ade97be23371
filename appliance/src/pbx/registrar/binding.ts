/** A registration binding (RFC 3261 §10): an address-of-record reachable at a contact until it expires. */
import type { Endpoint } from '../../sip/index.ts';

export interface Binding {
  /** The address-of-record: the extension number. */
  aor: string;
  /** The contact URI as the phone registered it. */
  contact: string;
  callId: string;
  cseq: number;
  q: number | null;
  /** Epoch ms. */
  expiresAt: number;
  registeredAt: number;
  /** Where the REGISTER came from: requests to the phone go here (NAT). */
  source: Endpoint;
  /** The stream connection the REGISTER arrived on, reused to reach the phone; not persisted. */
  connectionId: number | null;
  userAgent: string | null;
}
