import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { credentialsHeaderFor, DigestClient } from './digest-client.ts';
import { computeUserhash } from './digest-compute.ts';
import { parseDigestCredentials } from './digest-credentials.ts';
import type { RandomBytes } from './random-bytes.ts';

/** Always the same 16 octets: cnonce 000102…0f. */
const fixedRandom: RandomBytes = (size) => Uint8Array.from({ length: size }, (_, i) => i);
const CNONCE = '000102030405060708090a0b0c0d0e0f';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const CARRIER = 'Digest realm="carrier.cn", nonce="n-1", qop="auth", opaque="op/1"';
const base = { username: '02088886666', password: 'trunk-pw', method: 'REGISTER', uri: 'sip:carrier.cn' };

function authorize(challenges: string | string[], overrides: Partial<typeof base> & { realm?: string } = {}, client = new DigestClient({ random: fixedRandom })) {
  return client.authorize({ ...base, ...overrides, challenges });
}

describe('answering a carrier', () => {
  test('MD5 qop=auth: the response is what createHash composes by hand; opaque echoed; algorithm omitted as in the challenge', () => {
    const r = authorize(CARRIER);
    if (!r.ok) throw r.error;
    const ha1 = md5('02088886666:carrier.cn:trunk-pw');
    const ha2 = md5('REGISTER:sip:carrier.cn');
    expect(r.value.value).toBe(
      `Digest username="02088886666", realm="carrier.cn", nonce="n-1", uri="sip:carrier.cn", response="${md5(`${ha1}:n-1:00000001:${CNONCE}:auth:${ha2}`)}", cnonce="${CNONCE}", opaque="op/1", qop=auth, nc=00000001`,
    );
  });

  test('SHA-256 is echoed and hashed with SHA-256', () => {
    const r = authorize('Digest realm="carrier.cn", nonce="n-2", qop="auth", algorithm=SHA-256');
    if (!r.ok) throw r.error;
    const ha1 = sha256('02088886666:carrier.cn:trunk-pw');
    const ha2 = sha256('REGISTER:sip:carrier.cn');
    expect(r.value.credentials).toMatchObject({ algorithm: 'SHA-256', response: sha256(`${ha1}:n-2:00000001:${CNONCE}:auth:${ha2}`) });
  });

  test('no qop: the RFC 2069 form, without cnonce or nc', () => {
    const r = authorize('Digest realm="carrier.cn", nonce="n-3"');
    if (!r.ok) throw r.error;
    const ha1 = md5('02088886666:carrier.cn:trunk-pw');
    expect(r.value.credentials).toEqual({
      username: '02088886666',
      realm: 'carrier.cn',
      nonce: 'n-3',
      uri: 'sip:carrier.cn',
      response: md5(`${ha1}:n-3:${md5('REGISTER:sip:carrier.cn')}`),
    });
  });

  test('qop="auth-int,auth" → qop=auth', () => {
    const r = authorize('Digest realm="carrier.cn", nonce="n", qop="auth-int,auth"');
    expect(r.ok && r.value.credentials.qop).toBe('auth');
  });

  test('userhash=true sends H(username:realm) and userhash=true', () => {
    const r = authorize('Digest realm="carrier.cn", nonce="n", qop="auth", algorithm=SHA-256, userhash=true');
    if (!r.ok) throw r.error;
    expect(r.value.credentials.username).toBe(computeUserhash('SHA-256', '02088886666', 'carrier.cn'));
    expect(r.value.credentials.userhash).toBe(true);
  });

  test('the produced value parses back to the same credentials', () => {
    const r = authorize(CARRIER);
    if (!r.ok) throw r.error;
    const back = parseDigestCredentials(r.value.value);
    expect(back.ok && back.value).toEqual(r.value.credentials);
  });
});

describe('choosing among several challenges (RFC 8760 §2.4: the topmost usable)', () => {
  const sha512 = 'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256';
  const sha = 'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256';
  const md = 'Digest realm="r", nonce="n", qop="auth", algorithm=MD5';
  test.each([
    ['the first when all are supported', [sha512, sha, md], {}, 'SHA-512-256'],
    ['skipping an unknown algorithm', ['Digest realm="r", nonce="n", qop="auth", algorithm=AKAv1-MD5', sha, md], {}, 'SHA-256'],
    ['skipping an unparsable one', ['Digest realm="r", nonce=', md], {}, 'MD5'],
    ['skipping auth-int only', ['Digest realm="r", nonce="n", qop="auth-int", algorithm=SHA-256', md], {}, 'MD5'],
    ['skipping -sess without qop', ['Digest realm="r", nonce="n", algorithm=MD5-sess', md], {}, 'MD5'],
    ['within what this client allows', [sha512, sha, md], { algorithms: ['MD5'] as const }, 'MD5'],
  ] as const)('%s', (_name, challenges, options, algorithm) => {
    const r = authorize([...challenges], {}, new DigestClient({ random: fixedRandom, ...options }));
    expect(r.ok && r.value.credentials.algorithm).toBe(algorithm);
  });

  test('only the requested realm', () => {
    const r = authorize(['Digest realm="a", nonce="1", qop="auth"', 'Digest realm="b", nonce="2", qop="auth"'], { realm: 'b' });
    expect(r.ok && r.value.credentials.nonce).toBe('2');
  });

  test('nothing usable → a typed error carrying the parse errors', () => {
    const r = authorize(['Basic realm="x"', 'Digest realm="r", nonce="n", qop="auth-int"']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.failure).toBe('no-usable-challenge');
      expect(r.error.parseErrors.map((e) => e.failure)).toEqual(['not-digest']);
    }
  });

  test('a username that cannot be put in a header → bad-input, nothing sent', () => {
    const r = authorize(CARRIER, { username: 'a\r\nVia: x' });
    expect(!r.ok && r.error.failure).toBe('bad-input');
  });
});

describe('nonce counts', () => {
  test('count per nonce: 1, 2, 3 on one nonce, 1 again on a new one', () => {
    const client = new DigestClient({ random: fixedRandom });
    const nc = (nonce: string) => {
      const r = authorize(`Digest realm="r", nonce="${nonce}", qop="auth"`, {}, client);
      return r.ok ? r.value.credentials.nc : null;
    };
    expect([nc('a'), nc('a'), nc('a'), nc('b'), nc('a')]).toEqual(['00000001', '00000002', '00000003', '00000001', '00000004']);
  });

  test('memory is bounded: past maxNonces the least recently used nonce is forgotten', () => {
    const client = new DigestClient({ random: fixedRandom, maxNonces: 2 });
    const nc = (nonce: string) => {
      const r = authorize(`Digest realm="r", nonce="${nonce}", qop="auth"`, {}, client);
      return r.ok ? r.value.credentials.nc : null;
    };
    expect([nc('a'), nc('a'), nc('b'), nc('c'), nc('a')]).toEqual(['00000001', '00000002', '00000001', '00000001', '00000001']);
  });

  test('the cnonce comes from the injected random source', () => {
    let calls = 0;
    const client = new DigestClient({ random: (size) => new Uint8Array(size).fill(++calls) });
    const r = authorize(CARRIER, {}, client);
    expect(r.ok && r.value.credentials.cnonce).toBe('01'.repeat(16));
  });
});

test('Authorization answers 401, Proxy-Authorization answers 407', () => {
  expect(credentialsHeaderFor(401)).toBe('Authorization');
  expect(credentialsHeaderFor(407)).toBe('Proxy-Authorization');
});
