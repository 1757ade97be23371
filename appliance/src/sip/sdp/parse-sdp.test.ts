import { describe, expect, test } from 'bun:test';
import { AppError } from '../../errors.ts';
import { MAX_SDP_CHARS, parseSdp } from './parse-sdp.ts';
import { SdpParseError } from './sdp-parse-error.ts';
import { serializeSdp } from './serialize-sdp.ts';
import type { SessionDescription } from './session-description.ts';
import { BARESIP, EVERY_LINE, LINPHONE, PHONE_OFFERS, STATIC_ONLY, YEALINK } from './testdata/phone-offers.ts';

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const HEAD = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];

function parsed(text: string): SessionDescription {
  const r = parseSdp(text);
  if (!r.ok) throw new Error(`unexpected parse failure: ${r.error.message}`);
  return r.value;
}

describe('descriptions from phones parse', () => {
  test.each(PHONE_OFFERS)('%s', (_name, text) => {
    expect(parseSdp(text).ok).toBe(true);
  });

  test.each([
    ['Yealink', YEALINK, ['0', '8', '9', '18', '101'], 'sendrecv', 20],
    ['baresip', BARESIP, ['96', '9', '0', '8', '101'], 'sendrecv', null],
    ['static types only', STATIC_ONLY, ['8', '0'], null, null],
  ] as const)('%s: formats, direction and ptime', (_name, text, formats, direction, ptime) => {
    const m = parsed(text).media[0];
    expect(m?.formats).toEqual([...formats]);
    expect(m?.direction).toBe(direction);
    expect(m?.ptime).toBe(ptime);
  });

  test('typed fields of a Linphone offer', () => {
    const sd = parsed(LINPHONE);
    expect(sd.origin).toEqual({ username: 'alice', sessionId: '2217', version: '1573', netType: 'IN', addrType: 'IP4', address: '172.16.0.9' });
    expect(sd.sessionName).toBe('Talk');
    expect(sd.connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '172.16.0.9' });
    expect(sd.attributes).toEqual([{ name: 'rtcp-xr', value: 'rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics' }]);
    const [audio, video] = sd.media;
    expect(audio?.rtpmaps[0]).toEqual({ payloadType: 96, encoding: 'opus', clockRate: 48000, channels: 2 });
    expect(audio?.fmtps[0]).toEqual({ format: '96', parameters: 'useinbandfec=1' });
    expect(audio?.attributes.map((a) => a.value)).toEqual(['* trr-int 1000', '* ccm tmmbr']);
    expect(video).toMatchObject({ media: 'video', port: 9078, protocol: 'RTP/AVP', formats: ['102', '103'] });
  });

  test('keeps unknown lines verbatim and timing with repeats', () => {
    const sd = parsed(EVERY_LINE);
    expect(sd.lines.map((l) => l.type)).toEqual(['i', 'u', 'e', 'p', 'b', 'z', 'k']);
    expect(sd.times).toEqual([
      { start: '2873397496', stop: '2873404696', repeats: ['7d 1h 0 25h'] },
      { start: '0', stop: '0', repeats: [] },
    ]);
    expect(sd.direction).toBe('recvonly');
    expect(sd.media[0]).toMatchObject({ port: 49170, portCount: 2, connection: { address: '233.252.0.2/127/2' }, direction: 'sendonly', ptime: 30 });
    expect(sd.media[0]?.lines).toEqual([
      { type: 'i', value: 'Speaker feed' },
      { type: 'b', value: 'AS:64' },
      { type: 'k', value: 'prompt' },
    ]);
  });

  test('origin session id and version beyond 2^53 are kept exactly', () => {
    const { origin } = parsed(EVERY_LINE);
    expect(origin.sessionId).toBe('18446744073709551615');
    expect(origin.version).toBe('18446744073709551616');
  });

  test('CRLF and bare LF give the same description', () => {
    expect(parsed(YEALINK.replaceAll('\r\n', '\n'))).toEqual(parsed(YEALINK));
  });

  test('a rejected stream (port 0) needs no connection address', () => {
    const text = crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=video 0 RTP/AVP 31');
    expect(parsed(text).media[0]?.port).toBe(0);
  });

  test('a media-level c= alone is enough', () => {
    const text = crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'c=IN IP6 2001:db8::1');
    expect(parsed(text).media[0]?.connection).toEqual({ netType: 'IN', addrType: 'IP6', address: '2001:db8::1' });
  });

  test('empty s= (seen from some phones) is accepted', () => {
    expect(parsed(crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=', 't=0 0')).sessionName).toBe('');
  });
});

describe('malformed descriptions give an SdpParseError naming the line', () => {
  test.each([
    ['empty body', '', 0, 'empty'],
    ['garbage', 'hello world\r\n', 1, 'not a "<type>=<value>" line'],
    ['binary garbage', '\u0000\u00ff\u0001=\r\n', 1, 'not a "<type>=<value>" line'],
    ['missing v=', crlf(...HEAD.slice(1)), 1, 'must start with v='],
    ['v= not first', crlf('o=- 1 1 IN IP4 192.0.2.1', 'v=0', 's=-', 't=0 0'), 1, 'must start with v='],
    ['v=1', crlf('v=1', ...HEAD.slice(1)), 1, 'only version 0'],
    ['missing o=', crlf('v=0', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'), 0, 'no o= line'],
    ['missing s=', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 't=0 0'), 0, 'no s= line'],
    ['missing t=', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-'), 0, 'no t= line'],
    ['o= with 5 fields', crlf('v=0', 'o=- 1 IN IP4 192.0.2.1', 's=-', 't=0 0'), 2, 'o= needs 6 fields'],
    ['o= version not digits', crlf('v=0', 'o=- 1 x IN IP4 192.0.2.1', 's=-', 't=0 0'), 2, 'session version'],
    ['upper-case type', crlf(...HEAD, 'M=audio 4000 RTP/AVP 0'), 6, 'one lower-case letter'],
    ['two-letter type', crlf(...HEAD, 'ab=x'), 6, 'not a "<type>=<value>" line'],
    ['unknown type', crlf(...HEAD, 'x=1'), 6, 'unknown type x='],
    ['port above 65535', crlf(...HEAD, 'm=audio 70000 RTP/AVP 0'), 6, 'port above 65535'],
    ['negative port', crlf(...HEAD, 'm=audio -1 RTP/AVP 0'), 6, 'bad port'],
    ['port not a number', crlf(...HEAD, 'm=audio abc RTP/AVP 0'), 6, 'bad port'],
    ['port count runs past 65535', crlf(...HEAD, 'm=audio 65535/2 RTP/AVP 0'), 6, 'bad number of ports'],
    ['m= without formats', crlf(...HEAD, 'm=audio 4000 RTP/AVP'), 6, 'm= needs'],
    ['RTP payload type 200', crlf(...HEAD, 'm=audio 4000 RTP/AVP 200'), 6, '0-127'],
    ['m= before o=', crlf('v=0', 'm=audio 4000 RTP/AVP 0'), 2, 'm= before o= and s='],
    ['no connection address', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 0'), 5, 'no connection address'],
    ['c= with two fields', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN 192.0.2.1', 't=0 0'), 4, 'c= needs'],
    ['t= not numeric', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=now later'), 4, 't= needs'],
    ['r= before t=', crlf('v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'r=7d 1h 0'), 4, 'r= before any t='],
    ['t= inside a media section', crlf(...HEAD, 'm=audio 4000 RTP/AVP 0', 't=0 0'), 7, 'not allowed in a media section'],
    ['bad rtpmap', crlf(...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=rtpmap:0 PCMU'), 7, 'rtpmap must be'],
    ['rtpmap clock rate 0', crlf(...HEAD, 'm=audio 4000 RTP/AVP 96', 'a=rtpmap:96 opus/0'), 7, 'clock rate 0'],
    ['ptime not a number', crlf(...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=ptime:twenty'), 7, 'ptime'],
    ['two directions', crlf(...HEAD, 'm=audio 4000 RTP/AVP 0', 'a=sendonly', 'a=inactive'), 8, 'more than one direction'],
    ['CR inside a line', `${crlf(...HEAD)}m=audio 4000 RTP/AVP 0\rx\r\n`, 6, 'NUL or CR'],
    ['bad attribute name', crlf(...HEAD, 'a=:x'), 6, 'bad attribute name'],
  ])('%s', (_name, text, line, reason) => {
    const r = parseSdp(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(SdpParseError);
    expect(r.error).toBeInstanceOf(AppError);
    expect(r.error.code).toBe('sdp_parse');
    expect(r.error.line).toBe(line);
    expect(r.error.reason).toContain(reason);
    if (line > 0) expect(r.error.message).toContain(`line ${line}`);
  });

  test('refuses a body over the size limit', () => {
    const r = parseSdp(`${crlf(...HEAD)}a=x:${'y'.repeat(MAX_SDP_CHARS)}\r\n`);
    expect(r.ok).toBe(false);
  });

  test('shortens a very long offending line in the message', () => {
    const r = parseSdp(`${'z'.repeat(5000)}\r\n`);
    expect(!r.ok && r.error.text.length).toBeLessThan(100);
  });
});

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['=', '\r\n', '\n', '\r', ' ', '/', ':', '0', '65536', '-1', 'm=audio 0 RTP/AVP 0\r\n', 'a=rtpmap:', 'c=IN IP4 0.0.0.0\r\n', '\u0000', '\uffff', 'v=0\r\n'];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0:
        out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
        break;
      case 2:
        out = out.slice(0, at) + (PIECES[Math.floor(random() * PIECES.length)] as string) + out.slice(at);
        break;
      case 3:
        out = out.slice(0, at);
        break;
      default: {
        const lines = out.split('\r\n');
        const i = Math.floor(random() * lines.length);
        lines.splice(Math.floor(random() * lines.length), 0, lines[i] as string);
        out = lines.join('\r\n');
      }
    }
  }
  return out;
}

describe('fuzz', () => {
  test('20,000 seeded mutations of phone offers never throw, and what parses re-serializes and parses', () => {
    const random = seeded(0x5d9);
    const seeds = PHONE_OFFERS.map(([, text]) => text);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutate(seeds[i % seeds.length] as string, random);
      let result: ReturnType<typeof parseSdp>;
      try {
        result = parseSdp(input);
      } catch (error) {
        throw new Error(`parseSdp threw on mutation ${i}: ${JSON.stringify(input)}: ${error}`);
      }
      if (result.ok) {
        accepted++;
        expect(parseSdp(serializeSdp(result.value)).ok).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
