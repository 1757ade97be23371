import { expect, test } from 'bun:test';
import { parseSipMessage, type SipRequest } from '../../sip/index.ts';
import { carrierCaller } from './carrier-caller.ts';

function invite(from: string): SipRequest {
  const text = [
    'INVITE sip:4008001234@box.example SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKcarrier1',
    `From: ${from};tag=abc`,
    'To: <sip:4008001234@box.example>',
    'Call-ID: c1@192.0.2.1',
    'CSeq: 1 INVITE',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const r = parseSipMessage(Buffer.from(text), { stream: false });
  if (r.kind !== 'message') throw new Error(`not parsed: ${JSON.stringify(r)}`);
  return r.message as SipRequest;
}

test.each([
  ['a sip: user and a quoted name', '"Zhang \\"San\\"" <sip:13800138000@192.0.2.1>', { number: '13800138000', name: 'Zhang "San"' }],
  ['a tel: URI with parameters', '<tel:+8613800138000;phone-context=+86>', { number: '+8613800138000', name: null }],
  ['escapes in the user part', '<sip:%2B8657188880000@192.0.2.1>', { number: '+8657188880000', name: null }],
  ['anonymous', '"Anonymous" <sip:anonymous@anonymous.invalid>', { number: '', name: 'Anonymous' }],
  ['a token display name', 'Caller <sip:057188880000@192.0.2.1>', { number: '057188880000', name: 'Caller' }],
])('%s', (_, from, expected) => {
  expect(carrierCaller(invite(from))).toEqual(expected);
});
