/**
 * 100,000 mutated messages through parse → serialize → parse: no exception
 * escapes, and whatever parses once parses again to the same headers.
 */
import { expect, test } from 'bun:test';
import { parseSipMessage, serializeMessage } from '../../appliance/src/sip/message/index.ts';
import { mutate, prng } from './message-mutator.ts';
import { loadTortureMessages } from './torture-messages.ts';

const TYPICAL = [
  'REGISTER sip:box SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKab;rport\r\nFrom: <sip:1001@box>;tag=a\r\nTo: <sip:1001@box>\r\nCall-ID: c1\r\nCSeq: 2 REGISTER\r\nContact: <sip:1001@10.0.0.2:5060>;expires=300\r\nAuthorization: Digest username="1001",realm="box",nonce="n",uri="sip:box",response="0123456789abcdef0123456789abcdef",qop=auth,nc=00000001,cnonce="c"\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
  'INVITE sip:1002@box SIP/2.0\r\nVia: SIP/2.0/TCP [2001:db8::2];branch=z9hG4bKx\r\nFrom: "Alice" <sip:1001@box>;tag=9\r\nTo: Bob <sip:1002@box>\r\nCall-ID: c2@h\r\nCSeq: 1 INVITE\r\nContact: <sip:1001@10.0.0.2;transport=tcp>\r\nContent-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n',
  'SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKq\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>;tag=2\r\nCall-ID: z\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm="box", nonce="abc", qop="auth", algorithm=SHA-256\r\nContent-Length: 0\r\n\r\n',
];

const ROUNDS = 100_000;

test(`${ROUNDS.toLocaleString('en')} mutated messages: parse → serialize → parse never throws`, () => {
  const seeds = [...TYPICAL.map((t) => Buffer.from(t, 'latin1')), ...loadTortureMessages().map((m) => m.bytes)];
  const random = prng(0x5eed);
  let parsed = 0;
  let refused = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const input = mutate(seeds[i % seeds.length] as Uint8Array, random);
    for (const stream of [false, true]) {
      let first: ReturnType<typeof parseSipMessage>;
      try {
        first = parseSipMessage(input, { stream });
      } catch (error) {
        throw new Error(`round ${i} (stream=${stream}) threw on parse: ${String(error)}\n${Buffer.from(input).toString('latin1')}`);
      }
      if (first.kind !== 'message') {
        refused++;
        continue;
      }
      parsed++;
      const again = parseSipMessage(serializeMessage(first.message), { stream });
      if (again.kind !== 'message') {
        throw new Error(`round ${i}: re-parse failed (${again.kind === 'invalid' ? again.error.message : again.kind})\n${Buffer.from(input).toString('latin1')}`);
      }
      expect(again.message.headers.length).toBe(first.message.headers.filter((h) => h.name !== 'content-length').length + 1);
    }
  }
  console.log(`fuzz: ${parsed} mutations parsed, ${refused} refused, none threw`);
  expect(parsed).toBeGreaterThan(1000);
  expect(refused).toBeGreaterThan(1000);
}, 120_000);
