import { describe, expect, test } from 'bun:test';
import { ApiError, errorFromBody, fieldOfPath } from './api-error';
import { describeError } from './describe-error';

describe('errorFromBody', () => {
  test('reads the documented error shape', () => {
    const body = { error: { code: 'validation', message: 'bad', details: [{ path: 'number', message: 'digits' }, 7] } };
    const error = errorFromBody(422, body, null);
    expect(error).toMatchObject({ status: 422, code: 'validation', message: 'bad', retryAfterS: null });
    expect(error.details).toEqual([{ path: 'number', message: 'digits' }]);
  });

  test('anything else becomes code http, and Retry-After is kept', () => {
    expect(errorFromBody(502, '<html>', '30')).toMatchObject({ code: 'http', status: 502, retryAfterS: 30 });
  });
});

describe('fieldOfPath', () => {
  test.each([
    ['number', 'number'],
    ['/number', 'number'],
    ['body.secret', 'secret'],
    ['codecs.1', 'codecs'],
    ['/codecs/1', 'codecs'],
    ['', ''],
  ])('%p names field %p', (path, field) => {
    expect(fieldOfPath(path)).toBe(field);
  });
});

describe('describeError', () => {
  const api = (code: string, message = '', retryAfterS: number | null = null) =>
    new ApiError({ status: 400, code, message, retryAfterS });

  test.each([
    [api('conflict', 'number 1001 exists'), { key: 'errors.conflict' }],
    [api('invalid_credentials'), { key: 'errors.invalid_credentials' }],
    [api('rate_limited', 'wait', 60), { key: 'errors.rateLimitedFor', params: { seconds: 60 } }],
    [api('rate_limited', 'wait', 900), { key: 'errors.rateLimitedForMinutes', params: { minutes: 15 } }],
    [api('rate_limited', 'retry in 1 min'), { key: 'errors.rateLimitedSaid', params: { message: 'retry in 1 min' } }],
    [api('something_new', 'Readable words'), { key: 'errors.serverSaid', params: { message: 'Readable words' } }],
    [new ApiError({ status: 502, code: 'http', message: '' }), { key: 'errors.http', params: { status: 502 } }],
    [new TypeError('x is undefined'), { key: 'errors.unexpected' }],
  ])('%#: a failure becomes a catalogue message', (error, message) => {
    expect(describeError(error)).toEqual(message as never);
  });
});
