import { describe, expect, test } from 'bun:test';
import { base64Lines, buildMime, encodeHeader, rfc5322Date } from './mime-message.ts';

/** Decodes RFC 2047 B-words, as a mail reader would. */
function decodeHeader(value: string): string {
  return value
    .split('\r\n ')
    .map((w) => {
      const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$/.exec(w);
      return m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : w;
    })
    .join('');
}

describe('encodeHeader', () => {
  test.each([
    ['plain ASCII stays as is', 'New voicemail from 1001', 'New voicemail from 1001'],
    ['line breaks are dropped before anything else', 'a\r\nBcc: x@y', 'a Bcc: x@y'],
  ])('%s', (_name, input, output) => {
    expect(encodeHeader(input)).toBe(output);
  });

  test.each([['新语音留言：来自 13800138000（分机 1002）'], ['😀'.repeat(30)], ['=?UTF-8?B?not really?=']])('%p round-trips in words of at most 75 characters', (text) => {
    const encoded = encodeHeader(text);
    expect(decodeHeader(encoded)).toBe(text);
    for (const word of encoded.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
  });
});

test('base64 lines are 76 characters and decode to the bytes', () => {
  const bytes = new Uint8Array(1000).map((_, i) => i * 7);
  const text = base64Lines(bytes);
  expect(text.split('\r\n').every((l) => l.length <= 76)).toBe(true);
  expect(new Uint8Array(Buffer.from(text.replace(/\r\n/g, ''), 'base64'))).toEqual(bytes);
});

test('RFC 5322 date', () => {
  expect(rfc5322Date(Date.UTC(2026, 0, 5, 9, 3, 7))).toBe('Mon, 05 Jan 2026 09:03:07 +0000');
});

describe('buildMime', () => {
  const base = { from: 'box@example.com', to: ['bob@example.com'], subject: '新留言', text: '您有一条新留言。\n', date: 0, messageId: '<1@box>', boundary: 'b0undary' };

  test('without an attachment: one UTF-8 text part', () => {
    const mime = buildMime(base);
    expect(mime).toContain('Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n');
    expect(mime).not.toContain('multipart');
    const body = mime.split('\r\n\r\n')[1] ?? '';
    expect(Buffer.from(body, 'base64').toString()).toBe('您有一条新留言。\n');
  });

  test('with an attachment: multipart/mixed whose second part decodes to the file', () => {
    const wav = new Uint8Array(300).map((_, i) => i);
    const mime = buildMime({ ...base, attachment: { filename: 'voicemail 1002.wav', contentType: 'audio/wav', bytes: wav } });
    expect(mime).toContain('Content-Type: multipart/mixed; boundary="b0undary"');
    const parts = mime.split('--b0undary');
    expect(parts).toHaveLength(4);
    const attachment = parts[2] ?? '';
    expect(attachment).toContain('Content-Disposition: attachment; filename="voicemail_1002.wav"');
    const encoded = attachment.split('\r\n\r\n')[1] ?? '';
    expect(new Uint8Array(Buffer.from(encoded.replace(/\r\n/g, ''), 'base64'))).toEqual(wav);
    expect(parts[3]).toBe('--\r\n');
  });
});
