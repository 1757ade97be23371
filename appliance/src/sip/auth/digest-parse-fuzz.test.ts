import { describe, expect, test } from 'bun:test';
import { formatDigestChallenge, parseDigestChallenge } from './digest-challenge.ts';
import { formatDigestCredentials, parseDigestCredentials } from './digest-credentials.ts';
import type { DigestParseResult } from './digest-parse-error.ts';

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = ['"', '\\', ',', '=', ' ', '\t', '\r', '\n', '\x00', '\x7f', '\xff', 'Digest ', 'nc=', 'qop=auth', '""', ', realm="x"'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    case 1:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at);
    case 2:
      return text.slice(0, at) + pick(INTERESTING) + text.slice(at);
    case 3:
      return text.slice(0, at);
    case 4:
      return text.slice(0, at) + text.slice(Math.floor(random() * text.length));
    default:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + text.slice(at + 1);
  }
}

const CREDENTIALS =
  'Digest username="1001",realm="pbx.example.cn",nonce="AaBbCc0123456789",uri="sip:pbx.example.cn",response="426654e3e8f42847a80ad36875800fc1",algorithm=MD5,cnonce="0a4f113b",qop=auth,nc=00000001,opaque="x"';
const CHALLENGE = 'Digest realm="pbx.example.cn", nonce="AaBbCc0123456789", opaque="x", algorithm=SHA-256, qop="auth,auth-int", stale=true, userhash=false';

function fuzz<T>(seedText: string, parse: (text: string) => DigestParseResult<T>, format: (value: T) => string, seed: number): number {
  const random = prng(seed);
  let text = seedText;
  let parsed = 0;
  for (let i = 0; i < 20_000; i++) {
    text = i % 8 === 0 ? seedText : mutate(text, random);
    const r = parse(text);
    if (!r.ok) {
      expect(r.error.code).toBe('sip_digest_parse');
      continue;
    }
    parsed++;
    const once = format(r.value);
    const again = parse(once);
    if (!again.ok) throw new Error(`re-parse failed for ${JSON.stringify(text)}: ${again.error.detail}`);
    expect(format(again.value)).toBe(once);
  }
  return parsed;
}

describe('fuzz: mutated headers never throw, and what parses re-serializes stably', () => {
  test('20,000 mutations of a credentials header', () => {
    expect(fuzz(CREDENTIALS, parseDigestCredentials, formatDigestCredentials, 0xc0ffee)).toBeGreaterThan(1000);
  });

  test('20,000 mutations of a challenge header', () => {
    expect(fuzz(CHALLENGE, parseDigestChallenge, formatDigestChallenge, 0xbeef)).toBeGreaterThan(1000);
  });

  test('5,000 strings of random octets', () => {
    const random = prng(7);
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(random() * 80);
      let text = i % 2 === 0 ? 'Digest ' : '';
      for (let j = 0; j < length; j++) text += String.fromCharCode(Math.floor(random() * 256));
      expect(parseDigestCredentials(text).ok).toBe(false);
      expect(typeof parseDigestChallenge(text).ok).toBe('boolean');
    }
  });
});
