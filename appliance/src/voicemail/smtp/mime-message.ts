/**
 * An email as RFC 5322 / MIME (RFC 2045-2047) text: UTF-8 subject and body
 * (Chinese), and optionally one attachment, all in base64 so every line is
 * short 7-bit ASCII whatever the server supports.
 *
 *   Subject: =?UTF-8?B?5paw6K+t6Z+z55WZ6KiA?=
 *   Content-Type: multipart/mixed; boundary="…"
 *
 *   --…
 *   Content-Type: text/plain; charset=UTF-8          ← the text
 *   --…
 *   Content-Type: audio/wav; name="…"                ← the message audio
 *   Content-Disposition: attachment; filename="…"
 *   --…--
 */

export interface MailAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MailContent {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachment?: MailAttachment;
  /** Epoch ms. */
  date: number;
  /** Unique per message, e.g. `<random@host>`, with the angle brackets. */
  messageId: string;
  /** A string that appears nowhere in the parts (random hex). */
  boundary: string;
}

const LINE = 76;

export function buildMime(m: MailContent): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${rfc5322Date(m.date)}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
  const text = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', base64Lines(new TextEncoder().encode(m.text))];
  if (!m.attachment) return [...headers, ...text].join('\r\n');
  const name = m.attachment.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${m.boundary}"`,
    '',
    `--${m.boundary}`,
    ...text,
    `--${m.boundary}`,
    `Content-Type: ${m.attachment.contentType}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(m.attachment.bytes),
    `--${m.boundary}--`,
    '',
  ].join('\r\n');
}

/** Base64 in lines of 76 characters (RFC 2045 §6.8). */
export function base64Lines(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += LINE) lines.push(b64.slice(i, i + LINE));
  return lines.join('\r\n');
}

/**
 * A header value as it may travel: plain printable ASCII as is, anything
 * else as RFC 2047 encoded-words of at most 75 characters, folded onto
 * continuation lines. Never splits a character across words. CR and LF are
 * dropped first: header values here include a caller's name from the wire.
 */
export function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean) && !clean.includes('=?')) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) {
    // 45 bytes of UTF-8 become 60 base64 characters: with `=?UTF-8?B?` and `?=` a word stays under 75.
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(encodedWord(chunk));
  return words.join('\r\n ');
}

function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon, 05 Jan 2026 09:00:00 +0000` (RFC 5322 §3.3), in UTC. */
export function rfc5322Date(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
