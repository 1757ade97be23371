import { describe, expect, test } from 'bun:test';
import { AppError } from '../../errors.ts';
import { type Codec, G722, OPUS, PCMA, PCMU } from './codecs.ts';
import { negotiatedMedia } from './negotiated-media.ts';
import { type AnswerResult, createAnswer, createOffer, incrementVersion, type LocalMediaOptions, nextVersion } from './offer-answer.ts';
import { parseSdp } from './parse-sdp.ts';
import { SdpNegotiationError, type SdpNegotiationReason } from './sdp-negotiation-error.ts';
import { serializeSdp } from './serialize-sdp.ts';
import type { SessionDescription } from './session-description.ts';
import { BARESIP, GRANDSTREAM, LINPHONE, STATIC_ONLY, YEALINK } from './testdata/phone-offers.ts';

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const BOX: LocalMediaOptions = { address: '192.0.2.10', port: 30000, sessionId: '4242', version: '1' };

function parsed(text: string): SessionDescription {
  const r = parseSdp(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function answered(r: AnswerResult): SessionDescription {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** An offer from a phone at 198.51.100.7 with the given m= lines and attributes. */
const phoneOffer = (...body: string[]) => parsed(crlf('v=0', 'o=phone 100 1 IN IP4 198.51.100.7', 's=-', 'c=IN IP4 198.51.100.7', 't=0 0', ...body));
const AUDIO = ['m=audio 5004 RTP/AVP 0 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16'];

describe('createOffer', () => {
  test('default offer: PCMU, PCMA, telephone-event 101, ptime 20, sendrecv', () => {
    expect(serializeSdp(createOffer(BOX))).toBe(
      crlf(
        'v=0',
        'o=- 4242 1 IN IP4 192.0.2.10',
        's=-',
        'c=IN IP4 192.0.2.10',
        't=0 0',
        'm=audio 30000 RTP/AVP 0 8 101',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:8 PCMA/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-16',
        'a=ptime:20',
        'a=sendrecv',
      ),
    );
  });

  test('dynamic codecs get 96 and up; one telephone-event per clock rate, 101 for 8000 Hz', () => {
    const m = createOffer({ ...BOX, codecs: [OPUS, G722, PCMU] }).media[0];
    expect(m?.formats).toEqual(['96', '9', '0', '97', '101']);
    expect(m?.rtpmaps.map((r) => `${r.payloadType} ${r.encoding}/${r.clockRate}`)).toEqual(['96 opus/48000', '9 G722/8000', '0 PCMU/8000', '97 telephone-event/48000', '101 telephone-event/8000']);
    expect(m?.fmtps[0]).toEqual({ format: '96', parameters: 'useinbandfec=1' });
  });

  test('IPv6 address, no telephone-event, hold direction', () => {
    const sd = createOffer({ ...BOX, address: '2001:db8::10', telephoneEventPayloadType: null, direction: 'sendonly' });
    expect(sd.connection).toEqual({ netType: 'IN', addrType: 'IP6', address: '2001:db8::10' });
    expect(sd.media[0]).toMatchObject({ formats: ['0', '8'], direction: 'sendonly' });
  });

  test('the offer we build parses back to itself', () => {
    const offer = createOffer({ ...BOX, codecs: [OPUS, PCMA] });
    expect(parsed(serializeSdp(offer))).toEqual(offer);
  });
});

describe('createAnswer to phone offers', () => {
  test.each<[string, string, readonly Codec[], string[], number | null]>([
    ['Yealink', YEALINK, [PCMU, PCMA], ['0', '8', '101'], 101],
    ['Grandstream, offerer order wins', GRANDSTREAM, [PCMU, G722], ['9', '0', '101'], 101],
    ['baresip, opus skipped', BARESIP, [PCMA, PCMU], ['0', '8', '101'], 101],
    ['baresip, opus taken with its payload type; its DTMF needs a 48 kHz telephone-event', BARESIP, [OPUS, PCMU], ['96', '0', '101'], null],
    ['Linphone, telephone-event of the 8000 Hz clock', LINPHONE, [PCMU], ['0', '100'], 100],
    ['static types only, no DTMF offered', STATIC_ONLY, [PCMU, PCMA], ['8', '0'], null],
  ])('%s', (_name, text, codecs, formats, telephoneEvent) => {
    const offer = parsed(text);
    const answer = answered(createAnswer(offer, { ...BOX, codecs }));
    expect(answer.media[0]?.formats).toEqual(formats);
    expect(answer.media[0]?.port).toBe(30000);
    expect(answer.media.length).toBe(offer.media.length);
    const audio = negotiatedMedia(offer, answer, 'answerer');
    expect(audio?.payloadType).toBe(Number(formats[0]));
    expect(audio?.telephoneEventPayloadType).toBe(telephoneEvent);
    expect(parsed(serializeSdp(answer))).toEqual(answer);
  });

  test('the answer copies the offer t= line (RFC 3264 §6)', () => {
    const offer = parsed(crlf('v=0', 'o=p 1 1 IN IP4 198.51.100.7', 's=-', 'c=IN IP4 198.51.100.7', 't=3034423619 0', 'm=audio 5004 RTP/AVP 0'));
    expect(answered(createAnswer(offer, BOX)).times).toEqual([{ start: '3034423619', stop: '0', repeats: [] }]);
  });
});

describe('RFC 4317-style exchange: audio and video offered, audio accepted', () => {
  const offer = parsed(
    crlf(
      'v=0',
      'o=carol 28908764872 28908764872 IN IP4 100.3.6.6',
      's=-',
      't=0 0',
      'c=IN IP4 192.0.2.4',
      'm=audio 49170 RTP/AVP 0 8 97',
      'a=rtpmap:97 iLBC/8000',
      'm=video 51372 RTP/AVP 31 32',
      'a=rtpmap:31 H261/90000',
      'a=rtpmap:32 MPV/90000',
    ),
  );
  const answer = answered(createAnswer(offer, { ...BOX, telephoneEventPayloadType: null }));

  test('the answer has the same m= lines in the same order', () => {
    expect(answer.media.map((m) => [m.media, m.port, m.formats])).toEqual([
      ['audio', 30000, ['0', '8']],
      ['video', 0, ['31', '32']],
    ]);
  });

  test('the answer is written as expected', () => {
    expect(serializeSdp(answer)).toBe(
      crlf(
        'v=0',
        'o=- 4242 1 IN IP4 192.0.2.10',
        's=-',
        'c=IN IP4 192.0.2.10',
        't=0 0',
        'm=audio 30000 RTP/AVP 0 8',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:8 PCMA/8000',
        'a=ptime:20',
        'a=sendrecv',
        'm=video 0 RTP/AVP 31 32',
      ),
    );
  });

  test('both sides see the same audio stream', () => {
    expect(negotiatedMedia(offer, answer, 'offerer')).toMatchObject({ remoteAddress: '192.0.2.10', remotePort: 30000, payloadType: 0, direction: 'sendrecv', onHold: false, ptime: 20 });
    expect(negotiatedMedia(offer, answer, 'answerer')).toMatchObject({ remoteAddress: '192.0.2.4', remotePort: 49170, payloadType: 0, telephoneEventPayloadType: null });
  });
});

describe('rejected streams', () => {
  test.each([
    ['video before audio', ['m=video 6000 RTP/AVP 96', 'a=rtpmap:96 H264/90000', ...AUDIO], [0, 30000]],
    ['a second audio stream', [...AUDIO, 'm=audio 5006 RTP/AVP 0'], [30000, 0]],
    ['SRTP audio before plain audio', ['m=audio 5008 RTP/SAVP 0', ...AUDIO], [0, 30000]],
    ['audio offered with port 0', ['m=audio 0 RTP/AVP 0', ...AUDIO], [0, 30000]],
    ['audio without a common codec before one with', ['m=audio 5010 RTP/AVP 18', ...AUDIO], [0, 30000]],
  ])('%s', (_name, body, ports) => {
    const answer = answered(createAnswer(phoneOffer(...body), BOX));
    expect(answer.media.map((m) => m.port)).toEqual(ports);
  });

  test.each<[string, string[], SdpNegotiationReason]>([
    ['no common codec', ['m=audio 5004 RTP/AVP 18 4', 'a=rtpmap:18 G729/8000'], 'no_common_codec'],
    ['telephone-event alone', ['m=audio 5004 RTP/AVP 101', 'a=rtpmap:101 telephone-event/8000'], 'no_common_codec'],
    ['video only', ['m=video 6000 RTP/AVP 96', 'a=rtpmap:96 H264/90000'], 'no_audio_stream'],
    ['no media at all', [], 'no_audio_stream'],
  ])('%s → typed failure for a 488', (_name, body, reason) => {
    const r = createAnswer(phoneOffer(...body), BOX);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(SdpNegotiationError);
    expect(r.error).toBeInstanceOf(AppError);
    expect(r.error.reason).toBe(reason);
    expect(r.error.status).toBe(488);
  });
});

describe('hold and direction (RFC 3264 §6.1, §8.4)', () => {
  test.each([
    ['sendrecv', [...AUDIO, 'a=sendrecv'], 'sendrecv', 'sendrecv', 'sendrecv', false],
    ['no direction means sendrecv', AUDIO, 'sendrecv', 'sendrecv', 'sendrecv', false],
    ['sendonly hold', [...AUDIO, 'a=sendonly'], 'sendrecv', 'recvonly', 'recvonly', true],
    ['recvonly', [...AUDIO, 'a=recvonly'], 'sendrecv', 'sendonly', 'sendonly', true],
    ['inactive', [...AUDIO, 'a=inactive'], 'sendrecv', 'inactive', 'inactive', true],
    ['session-level sendonly is inherited', ['a=sendonly', ...AUDIO], 'sendrecv', 'recvonly', 'recvonly', true],
    ['c=0.0.0.0 (RFC 2543 hold)', [...AUDIO, 'c=IN IP4 0.0.0.0'], 'sendrecv', 'recvonly', 'recvonly', true],
    ['c=0.0.0.0 with sendonly', [...AUDIO, 'c=IN IP4 0.0.0.0', 'a=sendonly'], 'sendrecv', 'recvonly', 'recvonly', true],
    ['we hold too: sendonly meets sendonly', [...AUDIO, 'a=sendonly'], 'sendonly', 'inactive', 'inactive', true],
    ['we want recvonly only', AUDIO, 'recvonly', 'recvonly', 'recvonly', true],
  ] as const)('%s', (_name, body, ours, answerDirection, seenByUs, onHold) => {
    const offer = phoneOffer(...body);
    const answer = answered(createAnswer(offer, { ...BOX, direction: ours }));
    expect(answer.media[0]?.direction).toBe(answerDirection);
    const audio = negotiatedMedia(offer, answer, 'answerer');
    expect(audio?.direction).toBe(seenByUs);
    expect(audio?.onHold).toBe(onHold);
  });

  test('we put the peer on hold with a re-offer: sendonly, next version, same session id', () => {
    const first = createOffer(BOX);
    const hold = nextVersion(createOffer({ ...BOX, direction: 'sendonly' }));
    expect(hold.origin).toMatchObject({ sessionId: first.origin.sessionId, version: '2' });
    const phoneAnswer = parsed(crlf('v=0', 'o=phone 100 2 IN IP4 198.51.100.7', 's=-', 'c=IN IP4 198.51.100.7', 't=0 0', 'm=audio 5004 RTP/AVP 0', 'a=recvonly'));
    expect(negotiatedMedia(hold, phoneAnswer, 'offerer')).toMatchObject({ direction: 'sendonly', onHold: true, remotePort: 5004, payloadType: 0 });
  });

  test('the peer answers our offer with c=0.0.0.0: we do not send', () => {
    const phoneAnswer = parsed(crlf('v=0', 'o=phone 100 2 IN IP4 198.51.100.7', 's=-', 'c=IN IP4 0.0.0.0', 't=0 0', 'm=audio 5004 RTP/AVP 0', 'a=ptime:30'));
    expect(negotiatedMedia(createOffer(BOX), phoneAnswer, 'offerer')).toMatchObject({ direction: 'recvonly', onHold: true, ptime: 30 });
  });

  test('an answer that rejected audio negotiates nothing', () => {
    const offer = createOffer(BOX);
    const rejected = parsed(crlf('v=0', 'o=p 1 1 IN IP4 198.51.100.7', 's=-', 't=0 0', 'm=audio 0 RTP/AVP 0'));
    expect(negotiatedMedia(offer, rejected, 'offerer')).toBeNull();
  });
});

describe('origin version', () => {
  test.each([
    ['0', '1'],
    ['41', '42'],
    ['9007199254740991', '9007199254740992'],
    ['9007199254740992', '9007199254740993'],
    ['18446744073709551615', '18446744073709551616'],
  ])('%s → %s', (version, next) => {
    expect(incrementVersion(version)).toBe(next);
  });

  test('nextVersion leaves the original untouched', () => {
    const offer = createOffer(BOX);
    const next = nextVersion(offer);
    expect(offer.origin.version).toBe('1');
    expect(next.origin).toEqual({ ...offer.origin, version: '2' });
  });
});
