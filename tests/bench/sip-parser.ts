/** Parse + serialize throughput of typical messages on one core (no sockets). */
import { parseSipMessage, serializeMessage } from '../../appliance/src/sip/index.ts';

const INVITE = Buffer.from(
  [
    'INVITE sip:1002@192.0.2.1 SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'To: <sip:1002@192.0.2.1>',
    'From: "Alice" <sip:1001@192.0.2.1>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:1001@192.0.2.10:5060;transport=udp>',
    'Allow: INVITE, ACK, CANCEL, BYE, REFER, OPTIONS, INFO, NOTIFY',
    'Supported: replaces, timer',
    'User-Agent: Yealink SIP-T46U 108.86.0.20',
    'Content-Type: application/sdp',
    'Content-Length: 177',
    '',
    'v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 12000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv',
  ].join('\r\n'),
  'latin1',
);
const REGISTER = Buffer.from(
  [
    'REGISTER sip:192.0.2.1 SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-524287-1;rport',
    'Max-Forwards: 70',
    'Contact: <sip:1001@192.0.2.10:5060;transport=udp>;expires=3600',
    'To: <sip:1001@192.0.2.1>',
    'From: <sip:1001@192.0.2.1>;tag=54a1b2c3',
    'Call-ID: NDlhYzM3ZTY2NmJlZDMxYjA0OTk3ZjM4ZTMxYjlmNTA',
    'CSeq: 2 REGISTER',
    'Authorization: Digest username="1001",realm="box",nonce="AAAAAAhDTPxB-dv2H10SCChtv3ZRqDTCOVHLglWzPpQ",uri="sip:192.0.2.1",response="eeeaf5df535c36f43a162236ad7442fe",algorithm=MD5,cnonce="6b8b4567",qop=auth,nc=00000001',
    'User-Agent: Yealink SIP-T46U 108.86.0.20',
    'Allow: INVITE, ACK, CANCEL, BYE, REFER, OPTIONS, INFO, NOTIFY',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
  'latin1',
);

function rate(bytes: Buffer, rounds: number): number {
  const once = () => {
    const r = parseSipMessage(bytes, { stream: false });
    if (r.kind !== 'message') throw new Error('bench message does not parse');
    // Touch the typed headers the stack always reads, as the server does.
    r.message.topVia();
    r.message.cseq();
    r.message.from();
    r.message.to();
    serializeMessage(r.message);
  };
  for (let i = 0; i < 20_000; i++) once();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) once();
  return rounds / ((performance.now() - t0) / 1000);
}

export function benchSipParser(): void {
  console.log('\nSIP parse + serialize, one core (typed headers read, as the server does)');
  for (const [name, bytes] of [
    ['INVITE with SDP', INVITE],
    ['REGISTER with digest', REGISTER],
  ] as const) {
    console.log(`  ${name.padEnd(22)} ${Math.round(rate(bytes, 300_000)).toLocaleString('en')} messages/s (${bytes.length} bytes)`);
  }
}
