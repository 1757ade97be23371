import { describe, expect, test } from 'bun:test';
import { type DigestCredentials, formatDigestCredentials, formatNc, ncCount, parseDigestCredentials } from './digest-credentials.ts';
import type { DigestParseFailure } from './digest-parse-error.ts';

const N = 'AaBbCc0123456789AaBbCc0123456789AaBbCc01234';

describe('credentials from real phones parse', () => {
  test.each([
    [
      'Yealink (quoted values, no spaces, algorithm token)',
      `Digest username="1001",realm="pbx.example.cn",nonce="${N}",uri="sip:pbx.example.cn",response="426654e3e8f42847a80ad36875800fc1",algorithm=MD5,cnonce="0a4f113b",qop=auth,nc=00000001`,
      { username: '1001', realm: 'pbx.example.cn', nonce: N, uri: 'sip:pbx.example.cn', algorithm: 'MD5', cnonce: '0a4f113b', qop: 'auth', nc: '00000001' },
    ],
    [
      'Grandstream (spaces after commas, algorithm before uri)',
      `Digest username="8001", realm="callcenter", algorithm=MD5, uri="sip:10.0.0.1:5060", nonce="${N}", response="0123456789abcdef0123456789abcdef", cnonce="6b8b4567", qop=auth, nc=0000000a`,
      { username: '8001', realm: 'callcenter', uri: 'sip:10.0.0.1:5060', nc: '0000000a' },
    ],
    [
      'baresip (opaque, quoted qop)',
      `Digest username="alice",realm="box",nonce="${N}",uri="sip:box;transport=tcp",response="0123456789ABCDEF0123456789ABCDEF",cnonce="a1b2",qop="auth",nc=00000002,opaque="op-1"`,
      { username: 'alice', uri: 'sip:box;transport=tcp', qop: 'auth', opaque: 'op-1', nc: '00000002' },
    ],
    [
      'RFC 2069 form (no qop), tokens for values, LWS around = and ,',
      `digest   username = alice ,realm=box , nonce = abc123 , uri="sip:box" ,response=0123456789abcdef0123456789abcdef`,
      { username: 'alice', realm: 'box', nonce: 'abc123', uri: 'sip:box' },
    ],
    [
      'SHA-256 with userhash=false and an unknown extension parameter',
      `Digest username="1001", realm="box", nonce="n", uri="sip:box", response="${'a'.repeat(64)}", algorithm=sha-256, cnonce="c", qop=auth, nc=00000001, userhash=false, x-vendor="1"`,
      { algorithm: 'SHA-256', userhash: false, extensions: [{ name: 'x-vendor', value: '1', quoted: true }] },
    ],
    [
      'quoted-pair in a username',
      'Digest username="a\\"b\\\\c", realm="box", nonce="n", uri="sip:box", response="00"',
      { username: 'a"b\\c' },
    ],
    [
      'unknown algorithm reported as such',
      'Digest username="u", realm="r", nonce="n", uri="sip:r", response="00", algorithm=SHA3-512',
      { algorithm: { unknown: 'SHA3-512' } },
    ],
  ] as const)('%s', (_name, text, expected) => {
    const r = parseDigestCredentials(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected as Partial<DigestCredentials>);
  });
});

describe('malformed credentials give a typed failure', () => {
  const good = `username="u", realm="r", nonce="n", uri="sip:r", response="00"`;
  test.each([
    ['Basic scheme', 'Basic dXNlcjpwYXNz', 'not-digest'],
    ['Bearer scheme', 'Bearer abc', 'not-digest'],
    ['empty', '', 'syntax'],
    ['scheme alone', 'Digest', 'syntax'],
    ['scheme and blanks', 'Digest   ', 'syntax'],
    ['no space after scheme', `Digest,${good}`, 'syntax'],
    ['missing username', 'Digest realm="r", nonce="n", uri="sip:r", response="00"', 'missing'],
    ['missing response', 'Digest username="u", realm="r", nonce="n", uri="sip:r"', 'missing'],
    ['missing uri', 'Digest username="u", realm="r", nonce="n", response="00"', 'missing'],
    ['qop without nc', `Digest ${good}, qop=auth, cnonce="c"`, 'missing'],
    ['qop without cnonce', `Digest ${good}, qop=auth, nc=00000001`, 'missing'],
    ['nc too short', `Digest ${good}, qop=auth, cnonce="c", nc=0001`, 'bad-value'],
    ['nc not hex', `Digest ${good}, qop=auth, cnonce="c", nc=0000000g`, 'bad-value'],
    ['nc nine digits', `Digest ${good}, qop=auth, cnonce="c", nc=000000001`, 'bad-value'],
    ['response not hex', 'Digest username="u", realm="r", nonce="n", uri="sip:r", response="xyz"', 'bad-value'],
    ['qop list in credentials', `Digest ${good}, qop="auth,auth-int", cnonce="c", nc=00000001`, 'bad-value'],
    ['userhash maybe', `Digest ${good}, userhash=maybe`, 'bad-value'],
    ['duplicated realm', `Digest ${good}, realm="other"`, 'duplicate'],
    ['duplicated nonce, other case', `Digest ${good}, NONCE="x"`, 'duplicate'],
    ['unterminated quote', 'Digest username="u, realm="r", nonce="n", uri="sip:r", response="00', 'syntax'],
    ['value missing', 'Digest username=, realm="r"', 'syntax'],
    ['no equals', 'Digest username "u"', 'syntax'],
    ['trailing comma', `Digest ${good},`, 'syntax'],
    ['double comma', `Digest username="u",, realm="r"`, 'syntax'],
    ['CR inside quotes', 'Digest username="u\r\n", realm="r", nonce="n", uri="sip:r", response="00"', 'syntax'],
    ['garbage after a value', `Digest ${good} junk`, 'syntax'],
    ['username* extended notation', `Digest username*=UTF-8''J%C3%A4s%C3%B8n, realm="r", nonce="n", uri="sip:r", response="00"`, 'unsupported'],
    ['random bytes', '\x00\xff\x13"\\', 'syntax'],
  ] as const)('%s', (_name, text, failure: DigestParseFailure) => {
    const r = parseDigestCredentials(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.failure).toBe(failure);
      expect(r.error.code).toBe('sip_digest_parse');
    }
  });
});

describe('serialization', () => {
  test('round trip of a qop=auth answer', () => {
    const c: DigestCredentials = {
      username: '1001',
      realm: 'pbx',
      nonce: 'n/1+=',
      uri: 'sip:pbx;transport=tls',
      response: 'ab'.repeat(16),
      algorithm: 'MD5',
      cnonce: 'c',
      opaque: 'o',
      qop: 'auth',
      nc: '00000001',
    };
    const text = formatDigestCredentials(c);
    expect(text).toBe(
      'Digest username="1001", realm="pbx", nonce="n/1+=", uri="sip:pbx;transport=tls", response="abababababababababababababababab", algorithm=MD5, cnonce="c", opaque="o", qop=auth, nc=00000001',
    );
    const back = parseDigestCredentials(text);
    expect(back.ok && back.value).toEqual(c);
  });

  test('quotes and backslashes are escaped; CR/LF are refused', () => {
    const c: DigestCredentials = { username: 'a"b\\', realm: 'r', nonce: 'n', uri: 'sip:r', response: '00' };
    const back = parseDigestCredentials(formatDigestCredentials(c));
    expect(back.ok && back.value.username).toBe('a"b\\');
    expect(() => formatDigestCredentials({ ...c, username: 'x\r\nVia: evil' })).toThrow(RangeError);
  });

  test.each([
    [1, '00000001'],
    [255, '000000ff'],
    [0xffffffff, 'ffffffff'],
  ])('nc %d is written %s and read back', (count, text) => {
    expect(formatNc(count)).toBe(text);
    expect(ncCount(text)).toBe(count);
  });

  test('nc out of range is a programming error', () => {
    expect(() => formatNc(0)).toThrow(RangeError);
    expect(() => formatNc(2 ** 32)).toThrow(RangeError);
  });
});
