import { describe, expect, test } from 'bun:test';
import { parseSipMessage } from './parse-message.ts';
import { serializeMessage } from './serialize-message.ts';
import type { SipRequest, SipResponse } from './sip-message.ts';

const CRLF = '\r\n';
const msg = (...lines: string[]) => Buffer.from(lines.join(CRLF), 'latin1');
const base = [
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport',
  'From: "Alice" <sip:1001@box.example>;tag=1928301774',
  'To: <sip:1001@box.example>',
  'Call-ID: a84b4c76e66710@pc33.example',
  'CSeq: 314159 REGISTER',
  'Max-Forwards: 70',
];
const register = (...extra: string[]) => msg('REGISTER sip:box.example SIP/2.0', ...base, ...extra, 'Content-Length: 0', '', '');
const parse = (bytes: Buffer, stream = false) => parseSipMessage(bytes, { stream });

describe('valid messages parse', () => {
  test('a typical REGISTER exposes its typed headers', () => {
    const r = parse(register('Contact: <sip:1001@192.0.2.1:5060;transport=udp>;expires=3600', 'Expires: 3600'));
    expect(r.kind).toBe('message');
    if (r.kind !== 'message') return;
    const req = r.message as SipRequest;
    expect(req.method).toBe('REGISTER');
    expect(req.topVia()).toMatchObject({ transport: 'UDP', host: '192.0.2.1', port: 5060 });
    expect(req.fromTag()).toBe('1928301774');
    expect(req.toTag()).toBeNull();
    expect(req.cseq()).toEqual({ seq: 314159, method: 'REGISTER' });
    expect(req.integer('expires')).toBe(3600);
    const contacts = req.contacts();
    expect(contacts !== '*' && contacts?.[0]?.uri.port).toBe(5060);
  });

  test.each([
    ['compact forms', ['v: SIP/2.0/UDP h;branch=z9hG4bK1', 'f: <sip:a@h>;tag=1', 't: <sip:b@h>', 'i: x@h', 'CSeq: 1 OPTIONS', 'l: 0']],
    ['folded header', ['Via: SIP/2.0/UDP h', ' ;branch=z9hG4bK1', 'From: <sip:a@h>;tag=1', 'To: sip:b@h', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
    ['comma-separated Via', ['Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b:5061;branch=z9hG4bK2', 'From: <sip:a@h>;tag=1', 'To: <sip:b@h>', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
    ['IPv6 reference', ['Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1;received=2001:db8::9', 'From: <sip:a@[2001:db8::1]>;tag=1', 'To: <sip:b@[2001:db8::2]:5070>', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
    ['quoted display name with escapes', ['Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: "A \\"quoted\\" name" <sip:a@h>;tag=1', 'To: Bob <sip:b@h>', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
    ['URI parameters and headers in brackets', ['Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@h;user=phone?Subject=hi>;tag=1', 'To: <sips:b@h:5061;transport=tls>', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
    ['UTF-8 display name', ['Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: "张三" <sip:1001@h>;tag=1', 'To: <sip:b@h>', 'Call-ID: x', 'CSeq: 1 OPTIONS']],
  ])('%s', (_name, headers) => {
    const r = parse(Buffer.from(['OPTIONS sip:b@h SIP/2.0', ...headers, '', ''].join(CRLF), 'utf8'));
    expect(r.kind === 'invalid' ? r.error.message : r.kind).toBe('message');
  });

  test('a response with an empty reason phrase', () => {
    const r = parse(msg('SIP/2.0 200 ', ...base, 'Content-Length: 0', '', ''));
    expect(r.kind).toBe('message');
    if (r.kind === 'message') expect((r.message as SipResponse).status).toBe(200);
  });

  test('leading CRLFs before the start line are ignored (§7.5)', () => {
    expect(parse(Buffer.concat([Buffer.from('\r\n\r\n'), register()])).kind).toBe('message');
  });
});

describe('invalid messages are refused with the reason', () => {
  test.each([
    ['two spaces in the request line', 'REGISTER  sip:box.example SIP/2.0', [], 'request line'],
    ['unknown version', 'REGISTER sip:box.example SIP/3.0', [], 'version'],
    ['CSeq method mismatch', 'INVITE sip:box.example SIP/2.0', [], 'CSeq method'],
    ['Max-Forwards over 255', 'REGISTER sip:box.example SIP/2.0', ['Max-Forwards: 256'], 'Max-Forwards'],
    ['two CSeq headers', 'REGISTER sip:box.example SIP/2.0', ['CSeq: 314159 REGISTER', 'CSeq: 314160 REGISTER'], 'more than one cseq'],
    ['Expires beyond 2^32-1', 'REGISTER sip:box.example SIP/2.0', ['Expires: 4294967296'], 'Expires'],
    ['empty Via parameter', 'REGISTER sip:box.example SIP/2.0', ['Via: SIP/2.0/UDP h;;branch=x'], 'Via'],
    ['unterminated quote', 'REGISTER sip:box.example SIP/2.0', ['Contact: "Joe <sip:joe@h>'], 'Contact'],
    ['spaces in addr-spec', 'REGISTER sip:box.example SIP/2.0', ['Contact: < sip:joe@h >'], 'Contact'],
    ['header without colon', 'REGISTER sip:box.example SIP/2.0', ['NoColonHere'], 'malformed header'],
    ['Date not in GMT', 'REGISTER sip:box.example SIP/2.0', ['Date: Sat, 13 Nov 2010 23:29:00 PST'], 'Date'],
  ])('%s', (_name, startLine, extra, reason) => {
    // A header given in the row replaces the base header of the same name.
    const names = new Set(extra.map((h) => h.split(':')[0]?.toLowerCase()));
    const kept = base.filter((h) => !names.has(h.split(':')[0]?.toLowerCase()));
    const r = parse(msg(startLine, ...kept, ...extra, 'Content-Length: 0', '', ''));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.error.message.toLowerCase()).toContain(reason.toLowerCase());
  });

  test('an unknown SIP version asks for 505', () => {
    const r = parse(msg('REGISTER sip:box.example SIP/3.0', ...base, '', ''));
    expect(r.kind === 'invalid' && r.error.status).toBe(505);
  });

  test('an invalid request keeps its headers so a 400 can be built', () => {
    const r = parse(msg('REGISTER sip:box.example SIP/2.0', ...base, 'Date: tomorrow', '', ''));
    expect(r.kind === 'invalid' && r.partial?.callId()).toBe('a84b4c76e66710@pc33.example');
  });
});

describe('Content-Length framing', () => {
  test('over UDP, octets past Content-Length are ignored', () => {
    const bytes = Buffer.concat([register(), Buffer.from('garbage after the message')]);
    const r = parse(bytes);
    expect(r.kind === 'message' && r.message.body.length).toBe(0);
  });

  test('over UDP, a missing Content-Length means the rest of the datagram', () => {
    const r = parse(msg('OPTIONS sip:b@h SIP/2.0', ...base.map((h) => h.replace('REGISTER', 'OPTIONS')), '', 'body!'));
    expect(r.kind === 'message' && Buffer.from(r.message.body).toString()).toBe('body!');
  });

  test('over a stream, Content-Length is required', () => {
    const r = parse(msg('OPTIONS sip:b@h SIP/2.0', ...base.map((h) => h.replace('REGISTER', 'OPTIONS')), '', ''), true);
    expect(r.kind).toBe('invalid');
  });

  test('over a stream, a short read is incomplete', () => {
    const whole = register();
    expect(parse(whole.subarray(0, whole.length - 3), true).kind).toBe('incomplete');
  });
});

describe('serialize', () => {
  test('parse → serialize → parse keeps every header and the body', () => {
    const original = msg('MESSAGE sip:b@h SIP/2.0', ...base.map((h) => h.replace('REGISTER', 'MESSAGE')), 'X-Custom-Header: Keep Me ;a=b', 'Content-Type: text/plain', 'Content-Length: 5', '', 'hello');
    const first = parse(original);
    if (first.kind !== 'message') throw new Error('first parse failed');
    const again = parse(serializeMessage(first.message));
    if (again.kind !== 'message') throw new Error('second parse failed');
    expect(again.message.headers).toEqual(first.message.headers);
    expect(Buffer.from(again.message.body).toString()).toBe('hello');
    expect(serializeMessage(again.message).toString('latin1')).toContain('X-Custom-Header: Keep Me ;a=b');
  });

  test('compact names are written in long form, unknown names as received', () => {
    const r = parse(msg('OPTIONS sip:b@h SIP/2.0', 'v: SIP/2.0/UDP h;branch=z9hG4bK1', 'f: <sip:a@h>;tag=1', 't: <sip:b@h>', 'i: x', 'CSeq: 1 OPTIONS', 'x-lower: 1', 'l: 0', '', ''));
    if (r.kind !== 'message') throw new Error('parse failed');
    const text = serializeMessage(r.message).toString('latin1');
    expect(text).toContain('\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n');
    expect(text).toContain('\r\nCall-ID: x\r\n');
    expect(text).toContain('\r\nx-lower: 1\r\n');
    expect(text.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });
});
