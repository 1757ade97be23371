/**
 * Requests a well-behaved phone does not send, for tests of how the box
 * meets them (RFC 3261): an INVITE with chosen Max-Forwards or top Via, a
 * request in a dialog that does not exist, and in-dialog requests with a
 * chosen body or CSeq. Built on ScriptedUa's client transactions, so
 * retransmission and the ACK of a failed INVITE are taken care of.
 */
import { randomHex, type SipResponse, systemRandomBytes } from '../../appliance/src/sip/index.ts';
import type { ScriptedUa, UaDialog } from './scripted-ua.ts';
import { phoneSdp } from './scripted-media.ts';

const HOST = '127.0.0.1';
const fresh = () => randomHex(systemRandomBytes, 8);

/** A new INVITE to `number` with an SDP offer and no credentials; `maxForwards` and `viaSentBy` replace the usual ones. */
export function inviteWith(ua: ScriptedUa, o: { number: string; maxForwards?: string; viaSentBy?: string }): Promise<SipResponse> {
  const uri = `sip:${o.number}@${HOST}:${ua.boxPort}`;
  return ua.sendRequest({
    method: 'INVITE',
    uri,
    headers: [
      ['From', `<sip:${ua.extension}@${HOST}>;tag=${fresh()}`],
      ['To', `<sip:${o.number}@${HOST}>`],
      ['Call-ID', `${fresh()}@${HOST}`],
      ['CSeq', '1 INVITE'],
      ['Contact', `<sip:${ua.extension}@${HOST}:${ua.sipPort}>`],
      ['Content-Type', 'application/sdp'],
    ],
    body: phoneSdp({ host: HOST, port: ua.rtpPort, payloadType: 8, version: 1, direction: 'sendrecv' }),
    ...(o.maxForwards === undefined ? {} : { maxForwards: o.maxForwards }),
    ...(o.viaSentBy === undefined ? {} : { viaSentBy: o.viaSentBy }),
  });
}

/** `method` (BYE by default) with a made-up Call-ID and tags: in no dialog the box knows (§12.2.2: 481). */
export function requestInNoDialog(ua: ScriptedUa, method = 'BYE'): Promise<SipResponse> {
  return ua.sendRequest({
    method,
    uri: `sip:${HOST}:${ua.boxPort}`,
    headers: [
      ['From', `<sip:${ua.extension}@${HOST}>;tag=${fresh()}`],
      ['To', `<sip:1002@${HOST}>;tag=${fresh()}`],
      ['Call-ID', `${fresh()}@${HOST}`],
      ['CSeq', `7 ${method}`],
    ],
  });
}

/** INFO in `dialog` carrying a key press (application/dtmf-relay or application/dtmf). */
export function info(ua: ScriptedUa, dialog: UaDialog, contentType: string, body: string): Promise<SipResponse> {
  return ua.sendInDialog(dialog, 'INFO', [['Content-Type', contentType]], body);
}

/** `method` in `dialog` with the CSeq number `cseq` (lower than one sent already: out of order, §12.2.2: 500). */
export function withCSeq(ua: ScriptedUa, dialog: UaDialog, method: string, cseq: number): Promise<SipResponse> {
  return ua.sendInDialog(dialog, method, [], '', { cseq });
}
