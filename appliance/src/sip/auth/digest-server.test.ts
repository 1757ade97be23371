import { describe, expect, test } from 'bun:test';
import { SipRequest } from '../message/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import type { DigestAlgorithm } from './digest-algorithm.ts';
import { parseDigestChallenge } from './digest-challenge.ts';
import { DigestClient } from './digest-client.ts';
import { computeHa1, computeResponse } from './digest-compute.ts';
import { formatDigestCredentials } from './digest-credentials.ts';
import { DigestServer, type DigestServerOptions, type SecretLookup } from './digest-server.ts';
import { NonceManager } from './nonce-manager.ts';
import type { RandomBytes } from './random-bytes.ts';

const REALM = 'pbx.example.cn';
const URI = 'sip:pbx.example.cn';
const USERS: Record<string, string> = { '1001': 's3cret-Pass', 张三: '密码-9' };

function seededRandom(seed: number): RandomBytes {
  let calls = seed;
  return (size) => {
    const bytes = new Uint8Array(size).fill(0x33);
    new DataView(bytes.buffer).setUint32(0, ++calls);
    return bytes;
  };
}

function nonceOf(challenge: string | undefined): string {
  const parsed = parseDigestChallenge(challenge ?? '');
  if (!parsed.ok) throw parsed.error;
  return parsed.value.nonce;
}

function setup(options: Partial<DigestServerOptions> = {}) {
  const clock = new FakeClock();
  const nonces = new NonceManager({ key: new Uint8Array(32).fill(1), clock, random: seededRandom(0) });
  const server = new DigestServer({ realm: REALM, nonces, random: seededRandom(1000), ...options });
  const client = new DigestClient({ random: seededRandom(5000) });
  const looked: [string, string][] = [];
  const lookup: SecretLookup = (username, realm) => {
    looked.push([username, realm]);
    return realm === REALM ? (USERS[username] ?? null) : null;
  };
  /** A request answered by the client from a fresh challenge. */
  const answer = (o: { username?: string; password?: string; method?: string; uri?: string; challenges?: string[] } = {}) => {
    const request = new SipRequest(o.method ?? 'REGISTER', URI);
    const r = client.authorize({
      challenges: o.challenges ?? server.challenge().values,
      username: o.username ?? '1001',
      password: o.password ?? USERS['1001'] ?? '',
      method: request.method,
      uri: o.uri ?? URI,
    });
    if (!r.ok) throw r.error;
    request.append(server.credentialsHeader, r.value.value);
    return { request, header: r.value.value, credentials: r.value.credentials };
  };
  const verify = (request: SipRequest) => server.verify(request, request.getAll(server.credentialsHeader), lookup);
  return { clock, nonces, server, client, lookup, looked, answer, verify };
}

describe('challenge (RFC 8760 §2.3: one header per algorithm, most preferred first)', () => {
  test('a registrar answers 401 with SHA-256 then MD5, qop="auth", one nonce', () => {
    const { server } = setup();
    const c = server.challenge();
    expect(c.status).toBe(401);
    expect(c.header).toBe('WWW-Authenticate');
    const parsed = c.values.map((v) => parseDigestChallenge(v));
    const values = parsed.map((p) => (p.ok ? p.value : null));
    expect(values.map((v) => v?.algorithm)).toEqual(['SHA-256', 'MD5']);
    expect(values.every((v) => v?.realm === REALM && v.qop?.join() === 'auth' && v.stale === undefined)).toBe(true);
    expect(new Set(values.map((v) => v?.nonce)).size).toBe(1);
  });

  test('stale=true when asked; opaque when configured', () => {
    const { server } = setup({ opaque: 'op1' });
    const [first] = server.challenge({ stale: true }).values;
    expect(first).toBe(`Digest realm="${REALM}", nonce="${nonceOf(first)}", opaque="op1", algorithm=SHA-256, qop="auth", stale=true`);
  });

  test('a proxy answers 407 with Proxy-Authenticate and reads Proxy-Authorization', () => {
    const { server } = setup({ proxy: true });
    expect(server.challenge()).toMatchObject({ status: 407, header: 'Proxy-Authenticate' });
    expect(server.credentialsHeader).toBe('Proxy-Authorization');
  });

  test('an empty algorithm list is a configuration bug', () => {
    expect(() => setup({ algorithms: [] })).toThrow(RangeError);
  });
});

describe('verify', () => {
  test.each(['SHA-256', 'MD5'] as const)('the right password with %s is ok', (algorithm) => {
    const { server, answer, verify } = setup();
    const challenges = server.challenge().values.filter((v) => v.includes(`algorithm=${algorithm},`));
    expect(verify(answer({ challenges }).request)).toEqual({ kind: 'ok', username: '1001', algorithm });
  });

  test('credentials composed by hand with createHash-level functions (not the client) are ok', () => {
    const { server, verify } = setup();
    const nonce = nonceOf(server.challenge().values[0]);
    const ha1 = computeHa1({ algorithm: 'SHA-256', username: '1001', realm: REALM, password: 's3cret-Pass' });
    const qop = { qop: 'auth', nc: '00000001', cnonce: 'c' };
    const response = computeResponse({ algorithm: 'SHA-256', ha1, nonce, method: 'REGISTER', uri: URI, qop }).toUpperCase();
    const request = new SipRequest('REGISTER', URI);
    request.append('Authorization', formatDigestCredentials({ username: '1001', realm: REALM, nonce, uri: URI, response, algorithm: 'SHA-256', ...qop }));
    expect(verify(request).kind).toBe('ok');
  });

  test('wrong password and unknown user are both `invalid`, told apart only by the logged reason', () => {
    const { answer, verify, looked } = setup();
    const wrong = verify(answer({ password: 'guess' }).request);
    const unknown = verify(answer({ username: '9999', password: 'guess' }).request);
    expect(wrong).toEqual({ kind: 'invalid', reason: 'wrong-password', username: '1001' });
    expect(unknown).toEqual({ kind: 'invalid', reason: 'unknown-user', username: '9999' });
    expect(looked).toEqual([
      ['1001', REALM],
      ['9999', REALM],
    ]);
  });

  test('an unknown user is never ok, whatever password (the dummy secret included) is tried', () => {
    const { answer, verify } = setup();
    for (const password of ['', '0'.repeat(32), 'anything']) {
      expect(verify(answer({ username: 'ghost', password }).request)).toMatchObject({ kind: 'invalid', reason: 'unknown-user' });
    }
  });

  test('credentials digested for another Request-URI are invalid; surrounding blanks do not matter', () => {
    const { answer, verify } = setup();
    const moved = answer({ uri: 'sip:other.example.cn' });
    expect(verify(moved.request)).toMatchObject({ kind: 'invalid', reason: 'uri-mismatch' });
    const padded = answer();
    padded.request.uri = ` ${URI}\t`;
    expect(verify(padded.request).kind).toBe('ok');
  });

  test('a method other than the one digested fails as a wrong password', () => {
    const { answer, verify } = setup();
    const { request } = answer({ method: 'REGISTER' });
    request.method = 'INVITE';
    expect(verify(request)).toMatchObject({ kind: 'invalid', reason: 'wrong-password' });
  });

  test('a nonce past its lifetime with the right password → stale; with a wrong one → invalid', () => {
    const { clock, answer, verify } = setup();
    const right = answer();
    const wrong = answer({ password: 'nope' });
    clock.advance(300_000);
    expect(verify(right.request)).toEqual({ kind: 'stale', username: '1001', algorithm: 'SHA-256' });
    expect(verify(wrong.request)).toMatchObject({ kind: 'invalid', reason: 'wrong-password' });
  });

  test('the same credentials twice: the second is a replay', () => {
    const { answer, verify } = setup();
    const { request } = answer();
    expect(verify(request).kind).toBe('ok');
    expect(verify(request)).toMatchObject({ kind: 'invalid', reason: 'replay' });
  });

  test('a failed guess does not burn the nonce count of the real client', () => {
    const { server, client, answer, verify } = setup();
    const challenges = server.challenge().values;
    const forged = answer({ challenges, password: 'guess' });
    expect(verify(forged.request).kind).toBe('invalid');
    const request = new SipRequest('REGISTER', URI);
    const r = client.authorize({ challenges, username: '1001', password: 's3cret-Pass', method: 'REGISTER', uri: URI });
    request.append('Authorization', r.ok ? r.value.value : '');
    expect(r.ok && r.value.credentials.nc).toBe('00000002');
    expect(verify(request).kind).toBe('ok');
  });

  test('a nonce the server never issued → invalid (nonce-forged)', () => {
    const { answer, verify } = setup();
    const challenges = ['Digest realm="pbx.example.cn", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", qop="auth", algorithm=MD5'];
    expect(verify(answer({ challenges }).request)).toMatchObject({ kind: 'invalid', reason: 'nonce-forged' });
  });

  test('credentials for another realm only → invalid (realm-mismatch); with ours among them, ours is used', () => {
    const { server, answer, verify, client } = setup();
    const other = client.authorize({
      challenges: server.challenge().values.map((v) => v.replace(REALM, 'carrier.cn')),
      username: '1001',
      password: 'x',
      method: 'REGISTER',
      uri: URI,
    });
    const otherValue = other.ok ? other.value.value : '';
    const only = new SipRequest('REGISTER', URI);
    only.append('Authorization', otherValue);
    expect(verify(only)).toMatchObject({ kind: 'invalid', reason: 'realm-mismatch' });
    const both = answer();
    both.request.prepend('Authorization', otherValue);
    expect(verify(both.request).kind).toBe('ok');
  });

  test.each([
    ['MD5 when only SHA-256 is offered', { algorithms: ['SHA-256'] as DigestAlgorithm[] }, 'algorithm=MD5', 'algorithm-not-offered'],
    ['an unknown algorithm', {}, 'algorithm=SHA3-256', 'algorithm-not-offered'],
    ['qop=auth-int', {}, 'qop=auth-int', 'qop-unsupported'],
    ['no qop (RFC 2069) by default', {}, 'noqop', 'qop-missing'],
    ['a missing opaque', { opaque: 'op1' }, 'opaque=', 'opaque-mismatch'],
    ['userhash=true', {}, 'userhash=true', 'userhash-unsupported'],
  ] as const)('%s → invalid', (_name, options, edit, reason) => {
    const { server } = setup(options);
    const nonce = nonceOf(server.challenge().values[0]);
    const base = { username: '1001', realm: REALM, nonce, uri: URI, response: '0'.repeat(64), algorithm: 'SHA-256', qop: 'auth', nc: '00000001', cnonce: 'c', opaque: 'op1' };
    const creds: Record<string, string> = { ...base };
    if (edit === 'noqop') {
      delete creds.qop;
      delete creds.nc;
      delete creds.cnonce;
    } else if (edit === 'opaque=') {
      delete creds.opaque;
    } else {
      const [k, v] = edit.split('=') as [string, string];
      creds[k] = v;
    }
    const header = `Digest ${Object.entries(creds).map(([k, v]) => `${k}="${v}"`).join(', ')}`;
    const request = new SipRequest('REGISTER', URI);
    expect(server.verify(request, header, () => 's3cret-Pass')).toMatchObject({ kind: 'invalid', reason });
  });

  test('allowNoQop accepts RFC 2069 credentials', () => {
    const { server, answer, verify } = setup({ allowNoQop: true, algorithms: ['MD5'] });
    const challenges = server.challenge().values.map((v) => v.replace(', qop="auth"', ''));
    expect(verify(answer({ challenges }).request).kind).toBe('ok');
  });

  test.each([
    ['Basic credentials', 'Basic MTAwMTpzM2NyZXQ=', 'not-digest'],
    ['an unterminated quote', 'Digest username="1001, realm="pbx.example.cn"', 'syntax'],
    ['a bad nc', `Digest username="1001", realm="${REALM}", nonce="n", uri="${URI}", response="00", qop=auth, cnonce="c", nc=1`, 'bad-value'],
  ] as const)('%s → malformed with the parse error', (_name, header, failure) => {
    const { server, lookup } = setup();
    const r = server.verify(new SipRequest('REGISTER', URI), header, lookup);
    expect(r.kind === 'malformed' && r.error.failure).toBe(failure);
  });

  test('no credentials → missing (a first request, not a failed attempt)', () => {
    const { server, lookup } = setup();
    expect(server.verify(new SipRequest('REGISTER', URI), undefined, lookup)).toEqual({ kind: 'missing' });
    expect(server.verify(new SipRequest('REGISTER', URI), [], lookup)).toEqual({ kind: 'missing' });
  });
});

describe('client and server together', () => {
  test.each(['SHA-256', 'MD5', 'SHA-512-256', 'SHA-256-sess', 'MD5-sess'] as const)('%s round trip, three requests on one nonce', (algorithm) => {
    const { server, client, verify, lookup } = setup({ algorithms: [algorithm] });
    const challenges = server.challenge().values;
    for (let i = 1; i <= 3; i++) {
      const request = new SipRequest('INVITE', 'sip:13800138000@pbx.example.cn;user=phone');
      const r = client.authorize({ challenges, username: '1001', password: 's3cret-Pass', method: 'INVITE', uri: request.uri });
      if (!r.ok) throw r.error;
      expect(r.value.credentials.nc).toBe(`0000000${i}`);
      request.append('Authorization', r.value.value);
      expect(verify(request)).toEqual({ kind: 'ok', username: '1001', algorithm });
    }
    expect(lookup('1001', REALM)).toBe('s3cret-Pass');
  });

  test('a proxy round trip through Proxy-Authorization', () => {
    const { answer, verify } = setup({ proxy: true });
    expect(verify(answer({ method: 'INVITE' }).request).kind).toBe('ok');
  });

  test('a non-ASCII username travels as UTF-8 and reaches lookup decoded', () => {
    const { answer, verify, looked } = setup();
    expect(verify(answer({ username: '张三', password: '密码-9' }).request)).toMatchObject({ kind: 'ok', username: '张三' });
    expect(looked).toEqual([['张三', REALM]]);
  });

  test('after a stale answer, the client retries on the new challenge without re-prompting and succeeds', () => {
    const { clock, server, answer, verify } = setup();
    const first = answer();
    clock.advance(301_000);
    expect(verify(first.request).kind).toBe('stale');
    const retry = server.challenge({ stale: true });
    expect(verify(answer({ challenges: retry.values }).request).kind).toBe('ok');
  });
});
