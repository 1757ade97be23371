import { describe, expect, test } from 'bun:test';
import { DEFAULT_INFO_DURATION_MS, parseSipInfoDtmf } from './sip-info-dtmf.ts';
import { SipInfoDtmfError } from './sip-info-dtmf-error.ts';

function value(contentType: string, body: string) {
  const result = parseSipInfoDtmf(contentType, body);
  if (!result.ok) throw result.error;
  return result.value;
}

function reason(contentType: string, body: string) {
  const result = parseSipInfoDtmf(contentType, body);
  if (result.ok) throw new Error('parsed');
  expect(result.error).toBeInstanceOf(SipInfoDtmfError);
  return result.error.reason;
}

describe('application/dtmf-relay', () => {
  test.each([
    ['CRLF lines', 'Signal=5\r\nDuration=160\r\n', { digit: '5', durationMs: 160 }],
    ['LF lines', 'Signal=#\nDuration=250\n', { digit: '#', durationMs: 250 }],
    ['spaces and case', 'signal = *\r\n DURATION= 100 \r\n', { digit: '*', durationMs: 100 }],
    ['lower-case letter key', 'Signal=d\r\nDuration=80', { digit: 'D', durationMs: 80 }],
    ['event code for #', 'Signal=11\r\nDuration=160', { digit: '#', durationMs: 160 }],
    ['event code for *', 'Signal=10', { digit: '*', durationMs: DEFAULT_INFO_DURATION_MS }],
    ['flash as !', 'Signal=!\r\nDuration=500', { digit: 'flash', durationMs: 500 }],
    ['flash as event 16', 'Signal=16', { digit: 'flash', durationMs: DEFAULT_INFO_DURATION_MS }],
    ['no Duration', 'Signal=0', { digit: '0', durationMs: DEFAULT_INFO_DURATION_MS }],
    ['Duration 0', 'Signal=7\r\nDuration=0', { digit: '7', durationMs: DEFAULT_INFO_DURATION_MS }],
    ['unknown lines between', 'Foo=bar\r\nSignal=3\r\nX\r\nDuration=120', { digit: '3', durationMs: 120 }],
  ])('%s', (_, body, expected) => {
    expect(value('application/dtmf-relay', body)).toEqual(expected as ReturnType<typeof value>);
  });

  test('content type is matched case-blind and with parameters', () => {
    expect(value('Application/DTMF-Relay; charset=utf-8', 'Signal=1')).toMatchObject({ digit: '1' });
  });

  test.each([
    ['an empty body', ''],
    ['no Signal', 'Duration=160'],
    ['an empty Signal', 'Signal=\r\nDuration=160'],
    ['two keys in Signal', 'Signal=12 3'],
    ['an event code that is not a key', 'Signal=17'],
    ['a letter beyond D', 'Signal=E'],
    ['a negative Duration', 'Signal=1\r\nDuration=-5'],
    ['a Duration with units', 'Signal=1\r\nDuration=160ms'],
    ['a Duration of hours', 'Signal=1\r\nDuration=3600000'],
    ['binary garbage', '\u0000\u0001=\u0002'],
  ])('refuses %s as malformed', (_, body) => {
    expect(reason('application/dtmf-relay', body)).toBe('malformed');
  });
});

describe('application/dtmf', () => {
  test.each([
    ['5', '5'],
    ['#\r\n', '#'],
    [' b ', 'B'],
    ['11', '#'],
  ])('body %p is %s', (body, digit) => {
    expect(value('application/dtmf', body)).toEqual({ digit: digit as ReturnType<typeof value>['digit'], durationMs: DEFAULT_INFO_DURATION_MS });
  });

  test.each([[''], ['55'], ['x'], ['Signal=5']])('refuses body %p as malformed', (body) => {
    expect(reason('application/dtmf', body)).toBe('malformed');
  });
});

describe('other content types', () => {
  test('are unsupported, which signalling answers with 415', () => {
    const result = parseSipInfoDtmf('application/media_control+xml', '<media_control/>');
    expect(!result.ok && [result.error.reason, result.error.status, result.error.code]).toEqual(['unsupported_type', 415, 'sip_info_dtmf']);
  });

  test('a malformed body is answered with 400', () => {
    const result = parseSipInfoDtmf('application/dtmf', '?');
    expect(!result.ok && result.error.status).toBe(400);
  });
});
