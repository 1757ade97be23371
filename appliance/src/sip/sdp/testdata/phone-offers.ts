/**
 * Offers shaped like those of real phones and soft phones (addresses, ids
 * and tool versions made up), kept as data for the parser, round-trip and
 * offer/answer tests. Test data only: nothing outside tests imports it.
 */
const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const lf = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Desk phone: static types with rtpmap, G729 annexb fmtp, RFC 4733 0-15. */
export const YEALINK = crlf(
  'v=0',
  'o=- 20045 20045 IN IP4 192.168.1.50',
  's=SDP data',
  'c=IN IP4 192.168.1.50',
  't=0 0',
  'm=audio 11780 RTP/AVP 0 8 9 18 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:18 G729/8000',
  'a=fmtp:18 annexb=no',
  'a=ptime:20',
  'a=sendrecv',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
);

/** Desk phone preferring G722, direction before the rtpmaps. */
export const GRANDSTREAM = crlf(
  'v=0',
  'o=1001 8000 8000 IN IP4 10.0.0.21',
  's=SIP Call',
  'c=IN IP4 10.0.0.21',
  't=0 0',
  'm=audio 5004 RTP/AVP 9 0 8 18 101',
  'a=sendrecv',
  'a=rtpmap:9 G722/8000',
  'a=ptime:20',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:18 G729/8000',
  'a=fmtp:18 annexb=no',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
);

/** Soft phone, bare LF line ends, opus first, b= line, session-level tool attribute. */
export const BARESIP = lf(
  'v=0',
  'o=- 1417521234 3028917645 IN IP4 192.168.0.7',
  's=-',
  'c=IN IP4 192.168.0.7',
  't=0 0',
  'a=tool:baresip 3.10.0',
  'm=audio 10298 RTP/AVP 96 9 0 8 101',
  'b=AS:128',
  'a=rtpmap:96 opus/48000/2',
  'a=fmtp:96 stereo=1;sprop-stereo=1',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=sendrecv',
  'a=label:1',
  'a=rtcp-rsize',
);

/** Soft phone with audio and video, one telephone-event per clock rate, rtcp-fb and rtcp-xr. */
export const LINPHONE = crlf(
  'v=0',
  'o=alice 2217 1573 IN IP4 172.16.0.9',
  's=Talk',
  'c=IN IP4 172.16.0.9',
  't=0 0',
  'a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics',
  'm=audio 7078 RTP/AVP 96 97 98 0 8 101 99 100',
  'a=rtpmap:96 opus/48000/2',
  'a=fmtp:96 useinbandfec=1',
  'a=rtpmap:97 speex/16000',
  'a=fmtp:97 vbr=on',
  'a=rtpmap:98 speex/8000',
  'a=fmtp:98 vbr=on',
  'a=rtpmap:101 telephone-event/48000',
  'a=rtpmap:99 telephone-event/16000',
  'a=rtpmap:100 telephone-event/8000',
  'a=rtcp-fb:* trr-int 1000',
  'a=rtcp-fb:* ccm tmmbr',
  'm=video 9078 RTP/AVP 102 103',
  'a=rtpmap:102 VP8/90000',
  'a=rtpmap:103 H264/90000',
  'a=fmtp:103 profile-level-id=42801F',
  'a=rtcp-fb:* ccm fir',
);

/** Trunk-style offer with static types only, no rtpmap lines at all. */
export const STATIC_ONLY = crlf('v=0', 'o=gw 1 1 IN IP4 203.0.113.5', 's=-', 'c=IN IP4 203.0.113.5', 't=0 0', 'm=audio 16384 RTP/AVP 8 0');

/** Every optional line type RFC 4566 knows, at both levels, for the round trip. */
export const EVERY_LINE = crlf(
  'v=0',
  'o=ops 18446744073709551615 18446744073709551616 IN IP4 198.51.100.1',
  's=Queue 7 briefing',
  'i=Morning briefing',
  'u=http://www.example.com/briefing.pdf',
  'e=ops@example.com (Operations)',
  'p=+1 617 555-6011',
  'c=IN IP4 233.252.0.1/127',
  'b=CT:256',
  't=2873397496 2873404696',
  'r=7d 1h 0 25h',
  't=0 0',
  'z=2882844526 -1h 2898848070 0',
  'k=prompt',
  'a=group:LS 1 2',
  'a=recvonly',
  'm=audio 49170/2 RTP/AVP 0 97',
  'i=Speaker feed',
  'c=IN IP4 233.252.0.2/127/2',
  'b=AS:64',
  'k=prompt',
  'a=rtpmap:97 iLBC/8000',
  'a=fmtp:97 mode=30',
  'a=ptime:30',
  'a=mid:1',
  'a=sendonly',
  'm=application 0 udp wb',
  'a=orient:portrait',
);

export const PHONE_OFFERS: readonly (readonly [string, string])[] = [
  ['Yealink', YEALINK],
  ['Grandstream', GRANDSTREAM],
  ['baresip', BARESIP],
  ['Linphone', LINPHONE],
  ['static types only', STATIC_ONLY],
  ['every line type', EVERY_LINE],
];
