import { describe, expect, test } from 'bun:test';
import { SmtpError } from './smtp-errors.ts';
import { ehloExtensions, SmtpReplyReader } from './smtp-reply.ts';

describe('SmtpReplyReader', () => {
  test('a multi-line reply is one reply, complete at the line without a hyphen', () => {
    const r = new SmtpReplyReader();
    expect(r.push('250-mail.example.com\r\n250-STARTTLS\r\n')).toEqual([]);
    expect(r.push('250 AUTH PLAIN LOGIN\r\n')).toEqual([{ code: 250, lines: ['mail.example.com', 'STARTTLS', 'AUTH PLAIN LOGIN'] }]);
  });

  test('a reply split anywhere, or several in one chunk, read the same', () => {
    const text = '220 ready\r\n250-a\r\n250 b\r\n354 go\r\n';
    const whole = new SmtpReplyReader().push(text);
    const bytewise = new SmtpReplyReader();
    const pieces = [...text].flatMap((c) => bytewise.push(c));
    expect(pieces).toEqual(whole);
    expect(whole.map((x) => (x as { code: number }).code)).toEqual([220, 250, 354]);
  });

  test.each([
    ['a bare code', '250\r\n', { code: 250, lines: [''] }],
    ['LF only', '221 bye\n', { code: 221, lines: ['bye'] }],
  ])('tolerates %s', (_name, text, reply) => {
    expect(new SmtpReplyReader().push(text)).toEqual([reply]);
  });

  test.each([['HTTP/1.1 400 Bad Request\r\n'], ['2500 too long\r\n'], ['abc\r\n'], ['\r\n']])('%p is a protocol error, not a throw', (text) => {
    const [out] = new SmtpReplyReader().push(text);
    expect(out).toBeInstanceOf(SmtpError);
    expect((out as SmtpError).failure).toBe('smtp_protocol');
  });

  test('an endless line is cut off as a protocol error', () => {
    const out = new SmtpReplyReader().push('2'.repeat(70_000));
    expect((out[0] as SmtpError).failure).toBe('smtp_protocol');
  });
});

test('EHLO keywords and their parameters', () => {
  const ext = ehloExtensions({ code: 250, lines: ['mx greets you', 'STARTTLS', 'auth plain login', 'SIZE 10240000'] });
  expect([...ext]).toEqual([
    ['STARTTLS', []],
    ['AUTH', ['PLAIN', 'LOGIN']],
    ['SIZE', ['10240000']],
  ]);
});
