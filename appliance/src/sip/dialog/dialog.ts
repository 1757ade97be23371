/**
 * A dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE sets up,
 * from one side. It numbers the requests it sends (local CSeq), checks the
 * order of those it receives (remote CSeq), and builds in-dialog requests
 * with the remote target as Request-URI and the route set as Route.
 *
 * Requests go to `target`, the address the dialog's messages come from,
 * not to the Contact's host: phones behind NAT are reachable only there
 * (the same reasoning as `rport`, RFC 3581).
 */
import { SipRequest } from '../message/index.ts';
import type { SendTarget } from '../transport/index.ts';
import { contactValue, finishRequest, type LocalIdentity, viaValue } from './local-identity.ts';

export interface DialogState {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** From/To value for our side, without the tag. */
  localUri: string;
  remoteUri: string;
  /** The remote's Contact URI: the Request-URI of what we send. */
  remoteTarget: string;
  /** Route values in the order we put them (§12.1.1 UAS: as received; §12.1.2 UAC: reversed). */
  routeSet: string[];
  localSeq: number;
  remoteSeq: number | null;
  target: SendTarget;
  /** The user part of our Contact. */
  contactUser: string | null;
}

export interface InDialogOptions {
  branch: string;
  body?: Uint8Array;
  contentType?: string;
  headers?: [string, string][];
}

export type RemoteCSeqCheck = 'ok' | 'out-of-order';

export class Dialog {
  constructor(
    private readonly state: DialogState,
    private readonly local: LocalIdentity,
  ) {}

  get id(): string {
    return dialogId(this.state.callId, this.state.localTag, this.state.remoteTag);
  }

  get callId(): string {
    return this.state.callId;
  }

  get localTag(): string {
    return this.state.localTag;
  }

  get remoteTag(): string {
    return this.state.remoteTag;
  }

  get target(): SendTarget {
    return this.state.target;
  }

  get remoteUri(): string {
    return this.state.remoteUri;
  }

  /** A target refresh (§12.2.2: re-INVITE or UPDATE with a Contact) moves the remote target. */
  refreshTarget(remoteTarget: string | null, target?: SendTarget): void {
    if (remoteTarget !== null) this.state.remoteTarget = remoteTarget;
    if (target) this.state.target = target;
  }

  /** §12.2.2: a CSeq lower than one already seen is refused with 500. */
  checkRemoteCSeq(request: SipRequest): RemoteCSeqCheck {
    const seq = request.cseq()?.seq ?? 0;
    if (this.state.remoteSeq !== null && seq < this.state.remoteSeq) return 'out-of-order';
    if (this.state.remoteSeq === null || seq > this.state.remoteSeq) this.state.remoteSeq = seq;
    return 'ok';
  }

  /** A new in-dialog request (§12.2.1.1), CSeq one above the last. */
  createRequest(method: string, options: InDialogOptions): SipRequest {
    this.state.localSeq++;
    return this.build(method, this.state.localSeq, options);
  }

  /** The ACK for a 2xx: same CSeq number as the INVITE it acknowledges (§13.2.2.4). */
  createAck(inviteSeq: number, options: InDialogOptions): SipRequest {
    return this.build('ACK', inviteSeq, options);
  }

  private build(method: string, seq: number, options: InDialogOptions): SipRequest {
    const s = this.state;
    const request = new SipRequest(method, s.remoteTarget);
    request.append('Via', viaValue(this.local, s.target.endpoint.protocol, options.branch));
    request.append('Max-Forwards', '70');
    for (const route of s.routeSet) request.append('Route', route);
    request.append('From', `${s.localUri};tag=${s.localTag}`);
    request.append('To', `${s.remoteUri};tag=${s.remoteTag}`);
    request.append('Call-ID', s.callId);
    request.append('CSeq', `${seq} ${method}`);
    if (method === 'INVITE' || method === 'UPDATE' || method === 'REFER' || method === 'NOTIFY' || method === 'SUBSCRIBE') {
      request.append('Contact', contactValue(this.local, s.contactUser, s.target.endpoint.protocol));
    }
    return finishRequest(request, this.local, options);
  }
}

/** The key dialogs are found by: Call-ID and both tags, local first (§12). */
export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}
