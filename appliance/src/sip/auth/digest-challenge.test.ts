import { describe, expect, test } from 'bun:test';
import { type DigestChallenge, formatDigestChallenge, parseDigestChallenge } from './digest-challenge.ts';
import type { DigestParseFailure } from './digest-parse-error.ts';

describe('challenges parse', () => {
  test.each([
    [
      'RFC 3261 §20.44 style, stale=FALSE',
      'Digest realm="atlanta.com", domain="sip:boxesbybob.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5',
      { realm: 'atlanta.com', domain: 'sip:boxesbybob.com', qop: ['auth'], nonce: 'f84f1cec41e6cbe5aea9c8e88d359', opaque: '', stale: false, algorithm: 'MD5' },
    ],
    [
      'RFC 7616 SHA-256 with qop list, quoted algorithm',
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm="SHA-256", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      { realm: 'http-auth@example.org', qop: ['auth', 'auth-int'], algorithm: 'SHA-256' },
    ],
    ['carrier stale=true, token qop', 'Digest realm="carrier.cn",nonce="abc",qop=auth,stale=true', { stale: true, qop: ['auth'] }],
    ['RFC 2069 challenge (no qop, no algorithm)', 'Digest realm="r", nonce="n"', { realm: 'r', nonce: 'n' }],
    ['SHA-512-256 with userhash and charset', 'Digest realm="api@example.org", nonce="n", algorithm=SHA-512-256, qop="auth", charset=UTF-8, userhash=true', { algorithm: 'SHA-512-256', charset: 'UTF-8', userhash: true }],
    ['unknown algorithm', 'Digest realm="r", nonce="n", algorithm=AKAv1-MD5', { algorithm: { unknown: 'AKAv1-MD5' } }],
  ] as const)('%s', (_name, text, expected) => {
    const r = parseDigestChallenge(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected as Partial<DigestChallenge>);
  });
});

describe('malformed challenges give a typed failure', () => {
  test.each([
    ['Basic', 'Basic realm="r"', 'not-digest'],
    ['no nonce', 'Digest realm="r", qop="auth"', 'missing'],
    ['no realm', 'Digest nonce="n"', 'missing'],
    ['empty qop', 'Digest realm="r", nonce="n", qop=""', 'bad-value'],
    ['qop list with a hole', 'Digest realm="r", nonce="n", qop="auth,,auth-int"', 'bad-value'],
    ['duplicate algorithm', 'Digest realm="r", nonce="n", algorithm=MD5, algorithm=SHA-256', 'duplicate'],
    ['unterminated', 'Digest realm="r, nonce="n', 'syntax'],
  ] as const)('%s', (_name, text, failure: DigestParseFailure) => {
    const r = parseDigestChallenge(text);
    expect(r.ok ? null : r.error.failure).toBe(failure);
  });
});

describe('serialization', () => {
  test('an RFC 8760 SHA-256 challenge is written with tokens where the grammar has tokens', () => {
    const c: DigestChallenge = { realm: 'pbx.example.cn', nonce: 'abc-_', algorithm: 'SHA-256', qop: ['auth'], opaque: 'o', stale: true };
    const text = formatDigestChallenge(c);
    expect(text).toBe('Digest realm="pbx.example.cn", nonce="abc-_", opaque="o", algorithm=SHA-256, qop="auth", stale=true');
    const back = parseDigestChallenge(text);
    expect(back.ok && back.value).toEqual(c);
  });

  test('extensions and userhash survive a round trip', () => {
    const text = 'Digest realm="r", nonce="n", userhash=false, x-a=tok, x-b="q v"';
    const r = parseDigestChallenge(text);
    expect(r.ok && formatDigestChallenge(r.value)).toBe(text);
  });
});
