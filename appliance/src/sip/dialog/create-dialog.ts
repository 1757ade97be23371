/**
 * Dialogs as the two sides make them (RFC 3261 §12.1): the UAS from the
 * INVITE it answers, the UAC from the request it sent and the response with
 * a To tag that came back.
 */
import type { SipRequest, SipResponse } from '../message/index.ts';
import type { InboundRequest } from '../transaction/index.ts';
import type { SendTarget } from '../transport/index.ts';
import { Dialog } from './dialog.ts';
import type { LocalIdentity } from './local-identity.ts';

/** From/To without its tag parameter, as the dialog keeps it. */
export function withoutTag(value: string): string {
  return value.replace(/;\s*tag\s*=\s*[^;>,\s]*/i, '');
}

/** The URI of a message's Contact: the remote target of its dialog (§12.1), or null without one. */
export function contactUri(message: SipRequest | SipResponse): string | null {
  const contacts = message.contacts();
  if (contacts === null || contacts === '*' || contacts.length === 0) return null;
  const raw = message.get('contact') as string;
  const lt = raw.indexOf('<');
  const gt = raw.indexOf('>', lt);
  return lt >= 0 && gt > lt ? raw.slice(lt + 1, gt) : (raw.split(';')[0] as string).trim();
}

/** §12.1.1: the dialog of the INVITE the box answers with a To tag of its own. */
export function uasDialog(inbound: InboundRequest, localTag: string, local: LocalIdentity, contactUser: string | null): Dialog {
  const request = inbound.message;
  return new Dialog(
    {
      callId: request.callId() as string,
      localTag,
      remoteTag: request.fromTag() ?? '',
      localUri: withoutTag(request.get('to') as string),
      remoteUri: withoutTag(request.get('from') as string),
      remoteTarget: contactUri(request) ?? request.uri,
      routeSet: request.getAll('record-route'),
      localSeq: 0,
      remoteSeq: request.cseq()?.seq ?? null,
      target: { endpoint: inbound.source, connectionId: inbound.connectionId },
      contactUser,
    },
    local,
  );
}

/** §12.1.2: the dialog of an INVITE the box sent, from a response carrying a To tag. */
export function uacDialog(
  request: SipRequest,
  response: SipResponse,
  options: { local: LocalIdentity; target: SendTarget; contactUser: string | null },
): Dialog {
  return new Dialog(
    {
      callId: request.callId() as string,
      localTag: request.fromTag() ?? '',
      remoteTag: response.toTag() ?? '',
      localUri: withoutTag(request.get('from') as string),
      remoteUri: withoutTag(response.get('to') as string),
      remoteTarget: contactUri(response) ?? request.uri,
      routeSet: response.getAll('record-route').reverse(),
      localSeq: request.cseq()?.seq ?? 1,
      remoteSeq: null,
      target: options.target,
      contactUser: options.contactUser,
    },
    options.local,
  );
}
