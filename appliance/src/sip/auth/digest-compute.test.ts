import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import type { DigestAlgorithm } from './digest-algorithm.ts';
import { computeHa1, computeHa2, computeResponse, computeUserhash, fromWireText, toWireText } from './digest-compute.ts';

const RFC2617_NONCE = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
const RFC7616_NONCE = '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v';
const RFC7616_CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

interface Vector {
  name: string;
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  nonce: string;
  method: string;
  uri: string;
  qop: { nc: string; cnonce: string } | null;
  response: string;
}

/**
 * Literal expected values. The RFC ones are the responses printed in the
 * RFCs; the SIP ones come from draft-smith-sipping-auth-examples (bob /
 * zanzibar) and from `openssl dgst -md5|-sha256|-sha512-256` run by hand
 * on the A1 / A2 / response strings.
 */
const VECTORS: Vector[] = [
  {
    name: 'RFC 2617 §3.5: MD5, qop=auth, "Circle Of Life"',
    algorithm: 'MD5',
    username: 'Mufasa',
    realm: 'testrealm@host.com',
    password: 'Circle Of Life',
    nonce: RFC2617_NONCE,
    method: 'GET',
    uri: '/dir/index.html',
    qop: { nc: '00000001', cnonce: '0a4f113b' },
    response: '6629fae49393a05397450978507c4ef1',
  },
  {
    name: 'RFC 2069 §2.4: MD5 without qop, "CircleOfLife"',
    algorithm: 'MD5',
    username: 'Mufasa',
    realm: 'testrealm@host.com',
    password: 'CircleOfLife',
    nonce: RFC2617_NONCE,
    method: 'GET',
    uri: '/dir/index.html',
    qop: null,
    response: '1949323746fe6a43ef61f9606e7febea',
  },
  {
    name: 'RFC 7616 §3.9.1: MD5, "Circle of Life"',
    algorithm: 'MD5',
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    nonce: RFC7616_NONCE,
    method: 'GET',
    uri: '/dir/index.html',
    qop: { nc: '00000001', cnonce: RFC7616_CNONCE },
    response: '8ca523f5e9506fed4657c9700eebdbec',
  },
  {
    name: 'RFC 7616 §3.9.1: SHA-256, "Circle of Life"',
    algorithm: 'SHA-256',
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    nonce: RFC7616_NONCE,
    method: 'GET',
    uri: '/dir/index.html',
    qop: { nc: '00000001', cnonce: RFC7616_CNONCE },
    response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  },
  {
    name: 'SIP INVITE, MD5, qop=auth (bob / zanzibar)',
    algorithm: 'MD5',
    username: 'bob',
    realm: 'biloxi.com',
    password: 'zanzibar',
    nonce: RFC2617_NONCE,
    method: 'INVITE',
    uri: 'sip:bob@biloxi.com',
    qop: { nc: '00000001', cnonce: '0a4f113b' },
    response: '89eb0059246c02b2f6ee02c7961d5ea3',
  },
  {
    name: 'SIP INVITE, MD5-sess, qop=auth (bob / zanzibar)',
    algorithm: 'MD5-sess',
    username: 'bob',
    realm: 'biloxi.com',
    password: 'zanzibar',
    nonce: RFC2617_NONCE,
    method: 'INVITE',
    uri: 'sip:bob@biloxi.com',
    qop: { nc: '00000001', cnonce: '0a4f113b' },
    response: 'e4e4ea61d186d07a92c9e1f6919902e9',
  },
  {
    name: 'SIP INVITE, MD5 without qop (openssl)',
    algorithm: 'MD5',
    username: 'bob',
    realm: 'biloxi.com',
    password: 'zanzibar',
    nonce: RFC2617_NONCE,
    method: 'INVITE',
    uri: 'sip:bob@biloxi.com',
    qop: null,
    response: 'bf57e4e0d0bffc0fbaedce64d59add5e',
  },
  ...(
    [
      ['MD5', '426654e3e8f42847a80ad36875800fc1'],
      ['SHA-256', 'de99c96600bd256695c5a26dd2e7ca763d71de718ae312a8ef43d43ea8289c73'],
      ['SHA-512-256', '5489e10d9a0ac523893aea3e9e86f70a36282c2ff8061b5a2e0abe64e3db1554'],
    ] as const
  ).map(([algorithm, response]) => ({
    name: `SIP REGISTER of a desk phone, ${algorithm} (openssl)`,
    algorithm,
    username: '1001',
    realm: 'pbx.example.cn',
    password: 's3cret-Pass',
    nonce: 'abcNonce123',
    method: 'REGISTER',
    uri: 'sip:pbx.example.cn',
    qop: { nc: '00000001', cnonce: '0a4f113b' },
    response,
  })),
];

describe('known-answer vectors', () => {
  test.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const ha1 = computeHa1({ algorithm: v.algorithm, username: v.username, realm: v.realm, password: v.password });
    const qop = v.qop === null ? null : { qop: 'auth', ...v.qop };
    expect(computeResponse({ algorithm: v.algorithm, ha1, nonce: v.nonce, method: v.method, uri: v.uri, qop })).toBe(v.response);
  });

  test('HA1 and HA2 of RFC 7616 §3.9.1 (openssl dgst)', () => {
    const input = { username: 'Mufasa', realm: 'http-auth@example.org', password: 'Circle of Life' };
    expect(computeHa1({ algorithm: 'MD5', ...input })).toBe('3d78807defe7de2157e2b0b6573a855f');
    expect(computeHa2('MD5', 'GET', '/dir/index.html')).toBe('39aff3a2bab6126f332b942af96d3366');
    expect(computeHa1({ algorithm: 'SHA-256', ...input })).toBe('7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232');
    expect(computeHa2('SHA-256', 'GET', '/dir/index.html')).toBe('9a3fdae9a622fe8de177c24fa9c070f2b181ec85e15dcbdc32e10c82ad450b04');
  });

  test('a stored HA1 gives the same response as the password (draft-smith-sipping HA1 of bob)', () => {
    expect(computeHa1({ algorithm: 'MD5', username: 'bob', realm: 'biloxi.com', password: 'zanzibar' })).toBe('12af60467a33e8518da5c68bbff12b11');
    const response = computeResponse({
      algorithm: 'MD5',
      ha1: '12af60467a33e8518da5c68bbff12b11',
      nonce: RFC2617_NONCE,
      method: 'INVITE',
      uri: 'sip:bob@biloxi.com',
      qop: { qop: 'auth', nc: '00000001', cnonce: '0a4f113b' },
    });
    expect(response).toBe('89eb0059246c02b2f6ee02c7961d5ea3');
  });

  test('node:crypto sha512-256 is FIPS 180-4 SHA-512/256 ("abc" test vector)', () => {
    expect(createHash('sha512-256').update('abc').digest('hex')).toBe('53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23');
  });
});

describe('the computation matches createHash composed by hand', () => {
  const hex = (name: string, text: string) => createHash(name).update(Buffer.from(text, 'utf8')).digest('hex');
  test.each([
    ['SHA-256', 'sha256'],
    ['SHA-512-256', 'sha512-256'],
    ['MD5', 'md5'],
  ] as const)('%s with qop=auth and a sess variant', (algorithm, node) => {
    const [user, realm, pass, nonce, cnonce, nc, method, uri] = ['8001', 'callcenter.local', 'pässwörd', 'n0nce', 'c0nce', '0000002a', 'INVITE', 'sip:13800138000@callcenter.local;user=phone'];
    const ha1 = hex(node, `${user}:${realm}:${pass}`);
    const ha2 = hex(node, `${method}:${uri}`);
    const expected = hex(node, `${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    const mine = computeHa1({ algorithm, username: user, realm, password: pass });
    expect(mine).toBe(ha1);
    expect(computeResponse({ algorithm, ha1: mine, nonce, method, uri, qop: { qop: 'auth', nc, cnonce } })).toBe(expected);
    const sess = hex(node, `${ha1}:${nonce}:${cnonce}`);
    const sessAlgorithm = `${algorithm}-sess` as DigestAlgorithm;
    expect(computeResponse({ algorithm: sessAlgorithm, ha1: mine, nonce, method, uri, qop: { qop: 'auth', nc, cnonce } })).toBe(
      hex(node, `${sess}:${nonce}:${nc}:${cnonce}:auth:${ha2}`),
    );
  });

  test('a -sess algorithm without qop is a programming error', () => {
    expect(() => computeResponse({ algorithm: 'MD5-sess', ha1: 'x', nonce: 'n', method: 'INVITE', uri: 'sip:a@b', qop: null })).toThrow(RangeError);
  });
});

describe('octets', () => {
  test('wire-text values are hashed octet for octet, the password as UTF-8', () => {
    const wireUser = toWireText('张三');
    expect(wireUser).toHaveLength(6);
    expect(fromWireText(wireUser)).toBe('张三');
    const expected = createHash('md5').update(Buffer.from('张三:r:密码', 'utf8')).digest('hex');
    expect(computeHa1({ algorithm: 'MD5', username: wireUser, realm: 'r', password: '密码' })).toBe(expected);
  });

  test('RFC 7616 §3.4.4 userhash is H(username:realm) over the UTF-8 octets (openssl)', () => {
    expect(computeUserhash('SHA-512-256', toWireText('Jäsøn Doe'), 'api@example.org')).toBe(
      '793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b',
    );
    expect(computeUserhash('SHA-256', 'Mufasa', 'http-auth@example.org')).toBe('a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6');
  });
});
