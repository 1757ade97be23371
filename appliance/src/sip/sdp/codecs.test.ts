import { describe, expect, test } from 'bun:test';
import { G722, isAuxiliary, isCodec, mediaFormats, OPUS, PCMA, PCMU, TELEPHONE_EVENT } from './codecs.ts';
import { parseSdp } from './parse-sdp.ts';
import type { MediaDescription } from './session-description.ts';
import { BARESIP, STATIC_ONLY } from './testdata/phone-offers.ts';

function firstMedia(text: string): MediaDescription {
  const r = parseSdp(text);
  if (!r.ok || r.value.media[0] === undefined) throw new Error('fixture does not parse');
  return r.value.media[0];
}

describe('mediaFormats', () => {
  test('static payload types without rtpmap resolve through RFC 3551', () => {
    expect(mediaFormats(firstMedia(STATIC_ONLY)).map((f) => [f.payloadType, f.name, f.clockRate])).toEqual([
      [8, 'PCMA', 8000],
      [0, 'PCMU', 8000],
    ]);
  });

  test('rtpmap and fmtp are attached, in m= order', () => {
    const formats = mediaFormats(firstMedia(BARESIP));
    expect(formats.map((f) => f.payloadType)).toEqual([96, 9, 0, 8, 101]);
    expect(formats[0]).toEqual({ payloadType: 96, name: 'opus', clockRate: 48000, channels: 2, fmtp: 'stereo=1;sprop-stereo=1' });
    expect(formats[4]).toMatchObject({ name: 'telephone-event', fmtp: '0-15' });
  });

  test('a dynamic payload type without rtpmap is left out', () => {
    const text = 'v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 96 0\n';
    expect(mediaFormats(firstMedia(text)).map((f) => f.payloadType)).toEqual([0]);
  });
});

describe('isCodec', () => {
  test.each([
    [{ name: 'pcmu', clockRate: 8000, channels: 1 }, PCMU, true],
    [{ name: 'PCMA', clockRate: 8000, channels: 1 }, PCMU, false],
    [{ name: 'G722', clockRate: 8000, channels: 1 }, G722, true],
    [{ name: 'G722', clockRate: 16000, channels: 1 }, G722, false],
    [{ name: 'opus', clockRate: 48000, channels: 2 }, OPUS, true],
    [{ name: 'PCMA', clockRate: 8000, channels: 1 }, PCMA, true],
  ])('%o is %s → %s', (format, codec, expected) => {
    expect(isCodec(format, codec)).toBe(expected);
  });

  test('telephone-event and CN are auxiliary, voice codecs are not', () => {
    expect([TELEPHONE_EVENT, { name: 'CN' }, PCMU, OPUS].map(isAuxiliary)).toEqual([true, true, false, false]);
  });
});
