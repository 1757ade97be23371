import { describe, expect, test } from 'bun:test';
import { parseSdp } from './parse-sdp.ts';
import { serializeSdp } from './serialize-sdp.ts';
import type { SessionDescription } from './session-description.ts';
import { EVERY_LINE, GRANDSTREAM, PHONE_OFFERS, YEALINK } from './testdata/phone-offers.ts';

function parsed(text: string): SessionDescription {
  const r = parseSdp(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('round trip', () => {
  test.each(PHONE_OFFERS)('%s: parse → serialize → parse gives the same description', (_name, text) => {
    const first = parsed(text);
    expect(parsed(serializeSdp(first))).toEqual(first);
  });

  test.each(PHONE_OFFERS)('%s: serializing is a fixed point after one pass', (_name, text) => {
    const once = serializeSdp(parsed(text));
    expect(serializeSdp(parsed(once))).toBe(once);
  });

  test('a description already in RFC order is reproduced byte for byte', () => {
    expect(serializeSdp(parsed(EVERY_LINE))).toBe(EVERY_LINE);
  });
});

describe('output form', () => {
  test('every line ends in CRLF, even from a bare-LF input', () => {
    const out = serializeSdp(parsed(YEALINK.replaceAll('\r\n', '\n')));
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replaceAll('\r\n', '').includes('\n')).toBe(false);
  });

  test('rtpmap and fmtp follow m= order, then ptime, other attributes, direction', () => {
    const lines = serializeSdp(parsed(GRANDSTREAM)).trimEnd().split('\r\n');
    expect(lines.slice(lines.indexOf('m=audio 5004 RTP/AVP 9 0 8 18 101'))).toEqual([
      'm=audio 5004 RTP/AVP 9 0 8 18 101',
      'a=rtpmap:9 G722/8000',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:18 G729/8000',
      'a=fmtp:18 annexb=no',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=ptime:20',
      'a=sendrecv',
    ]);
  });

  test('lines received out of RFC order are written in RFC order', () => {
    const text = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'b=AS:80', 'c=IN IP4 192.0.2.1', 'a=x', 'k=clear:k', 't=0 0', 'u=http://x'].join('\r\n');
    expect(serializeSdp(parsed(text)).trimEnd().split('\r\n')).toEqual(['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'u=http://x', 'c=IN IP4 192.0.2.1', 'b=AS:80', 't=0 0', 'k=clear:k', 'a=x']);
  });
});
