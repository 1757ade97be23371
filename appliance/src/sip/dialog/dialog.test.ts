import { describe, expect, test } from 'bun:test';
import { parseSipMessage, type SipRequest, SipResponse } from '../message/index.ts';
import type { InboundRequest } from '../transaction/index.ts';
import { uacDialog, uasDialog, withoutTag } from './create-dialog.ts';
import { dialogId } from './dialog.ts';
import { createInitialRequest } from './initial-request.ts';

const local = { host: '192.0.2.10', port: 5060, userAgent: 'test' };

function parse(text: string): SipRequest {
  const result = parseSipMessage(new TextEncoder().encode(text.replace(/\n/g, '\r\n')), { stream: false });
  if (result.kind !== 'message') throw new Error(`test message does not parse: ${result.kind}`);
  return result.message as SipRequest;
}

const INVITE = `INVITE sip:1002@192.0.2.10 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.50:5062;branch=z9hG4bKabc;rport
Max-Forwards: 70
From: "Alice" <sip:1001@192.0.2.10>;tag=alice1
To: <sip:1002@192.0.2.10>
Call-ID: call-1@192.0.2.50
CSeq: 10 INVITE
Contact: <sip:1001@192.0.2.50:5062;transport=udp>
Record-Route: <sip:p1.example;lr>, <sip:p2.example;lr>
Content-Length: 0

`;

function inbound(request: SipRequest): InboundRequest {
  return { message: request, source: { protocol: 'udp', address: '198.51.100.7', port: 40000 }, connectionId: null };
}

describe('UAS dialog (RFC 3261 §12.1.1)', () => {
  const dialog = uasDialog(inbound(parse(INVITE)), 'box1', local, '1002');

  test('is keyed by Call-ID, our tag, their tag', () => {
    expect(dialog.id).toBe(dialogId('call-1@192.0.2.50', 'box1', 'alice1'));
  });

  test('a BYE goes to the Contact with the route set as received, From and To swapped, next CSeq of ours', () => {
    const bye = dialog.createRequest('BYE', { branch: 'z9hG4bKbye1' });
    expect(bye.uri).toBe('sip:1001@192.0.2.50:5062;transport=udp');
    expect(bye.getAll('route')).toEqual(['<sip:p1.example;lr>, <sip:p2.example;lr>']);
    expect(bye.get('from')).toBe('<sip:1002@192.0.2.10>;tag=box1');
    expect(bye.get('to')).toBe('"Alice" <sip:1001@192.0.2.10>;tag=alice1');
    expect(bye.cseq()).toEqual({ seq: 1, method: 'BYE' });
    expect(bye.get('via')).toBe('SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKbye1;rport');
  });

  test('requests are sent where the INVITE came from (NAT), not to the Contact host', () => {
    expect(dialog.target.endpoint).toEqual({ protocol: 'udp', address: '198.51.100.7', port: 40000 });
  });

  test('a remote CSeq lower than one seen is out of order (§12.2.2)', () => {
    const bye = (seq: number) => parse(INVITE.replace('INVITE sip:', 'BYE sip:').replace('CSeq: 10 INVITE', `CSeq: ${seq} BYE`));
    const lower = bye(9);
    const higher = bye(11);
    expect(dialog.checkRemoteCSeq(higher)).toBe('ok');
    expect(dialog.checkRemoteCSeq(lower)).toBe('out-of-order');
  });
});

describe('UAC dialog (RFC 3261 §12.1.2)', () => {
  const request = createInitialRequest({
    method: 'INVITE',
    requestUri: 'sip:1002@198.51.100.9:5070',
    from: '"Alice" <sip:1001@192.0.2.10>',
    fromTag: 'box2',
    to: '<sip:1002@192.0.2.10>',
    callId: 'out-1',
    cseq: 1,
    branch: 'z9hG4bKinv',
    protocol: 'udp',
    local,
    contactUser: '1001',
    body: new TextEncoder().encode('v=0\r\n'),
  });
  const ok = new SipResponse(200, 'OK');
  ok.append('To', '<sip:1002@192.0.2.10>;tag=bob9');
  ok.append('Contact', '<sip:1002@198.51.100.9:5070>');
  ok.append('Record-Route', '<sip:a;lr>');
  ok.append('Record-Route', '<sip:b;lr>');
  const target = { endpoint: { protocol: 'udp' as const, address: '198.51.100.9', port: 5070 } };
  const dialog = uacDialog(request, ok, { local, target, contactUser: '1001' });

  test('the initial request carries what §8.1.1 requires', () => {
    expect(request.get('max-forwards')).toBe('70');
    expect(request.get('content-length')).toBe('5');
    expect(request.get('content-type')).toBe('application/sdp');
    expect(request.get('contact')).toBe('<sip:1001@192.0.2.10:5060>');
  });

  test('the ACK for the 2xx has the INVITE CSeq number and reversed Record-Route as Route', () => {
    const ack = dialog.createAck(1, { branch: 'z9hG4bKack' });
    expect(ack.cseq()).toEqual({ seq: 1, method: 'ACK' });
    expect(ack.getAll('route')).toEqual(['<sip:b;lr>', '<sip:a;lr>']);
    expect(ack.uri).toBe('sip:1002@198.51.100.9:5070');
    expect(ack.get('to')).toBe('<sip:1002@192.0.2.10>;tag=bob9');
  });

  test('later requests count up from the INVITE CSeq', () => {
    expect(dialog.createRequest('BYE', { branch: 'z9hG4bKb' }).cseq()?.seq).toBe(2);
    expect(dialog.createRequest('INVITE', { branch: 'z9hG4bKr' }).cseq()?.seq).toBe(3);
  });
});

test('withoutTag drops only the tag parameter', () => {
  expect(withoutTag('"A" <sip:1@x>;tag=abc;foo=1')).toBe('"A" <sip:1@x>;foo=1');
});
