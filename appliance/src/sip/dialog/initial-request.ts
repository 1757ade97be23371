/** An out-of-dialog request the box originates (§8.1.1): INVITE to a phone, OPTIONS ping, REGISTER to a carrier. */
import { SipRequest } from '../message/index.ts';
import type { TransportProtocol } from '../transport/index.ts';
import { contactValue, finishRequest, type LocalIdentity, viaValue } from './local-identity.ts';

export interface InitialRequestOptions {
  method: string;
  requestUri: string;
  /** From value without tag, e.g. `"Alice" <sip:1001@box>`. */
  from: string;
  fromTag: string;
  to: string;
  callId: string;
  cseq: number;
  branch: string;
  protocol: TransportProtocol;
  local: LocalIdentity;
  contactUser: string | null;
  maxForwards?: number;
  headers?: [string, string][];
  body?: Uint8Array;
  contentType?: string;
}

export function createInitialRequest(o: InitialRequestOptions): SipRequest {
  const request = new SipRequest(o.method, o.requestUri);
  request.append('Via', viaValue(o.local, o.protocol, o.branch));
  request.append('Max-Forwards', String(o.maxForwards ?? 70));
  request.append('From', `${o.from};tag=${o.fromTag}`);
  request.append('To', o.to);
  request.append('Call-ID', o.callId);
  request.append('CSeq', `${o.cseq} ${o.method}`);
  request.append('Contact', contactValue(o.local, o.contactUser, o.protocol));
  return finishRequest(request, o.local, o);
}
