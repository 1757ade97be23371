/**
 * SMTP replies (RFC 5321 §4.2): a three-digit code, then '-' on every line
 * but the last, which has ' ' (or nothing) after the code.
 *
 *   250-mail.example.com greets box       ← continuation
 *   250-STARTTLS
 *   250 AUTH PLAIN LOGIN                  ← last line: the reply is complete
 *
 * The reader takes the bytes as they come (a reply may arrive in pieces,
 * or several at once) and hands out whole replies. A line that is not of
 * this form is returned as an error, not thrown: it comes from the network.
 */
import { SmtpError } from './smtp-errors.ts';

export interface SmtpReply {
  code: number;
  /** The text of each line, without code and separator. */
  lines: string[];
}

const LINE = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/;
/** A server that sends this much without ending a line is not speaking SMTP. */
const MAX_PENDING = 64 * 1024;

export class SmtpReplyReader {
  private pending = '';
  private lines: string[] = [];

  /** Whole replies completed by `chunk`, in order. */
  push(chunk: string): (SmtpReply | SmtpError)[] {
    this.pending += chunk;
    const out: (SmtpReply | SmtpError)[] = [];
    for (let end = this.pending.indexOf('\n'); end >= 0; end = this.pending.indexOf('\n')) {
      const line = this.pending.slice(0, end).replace(/\r$/, '');
      this.pending = this.pending.slice(end + 1);
      const m = LINE.exec(line);
      if (!m) {
        out.push(new SmtpError('smtp_protocol', `not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`));
        this.lines = [];
        continue;
      }
      this.lines.push(m[3] ?? '');
      if (m[2] !== '-') {
        out.push({ code: Number(m[1]), lines: this.lines });
        this.lines = [];
      }
    }
    if (this.pending.length > MAX_PENDING) {
      this.pending = '';
      out.push(new SmtpError('smtp_protocol', 'reply line too long'));
    }
    return out;
  }

  /** Forgets everything (after STARTTLS nothing from before the handshake counts, RFC 3207 §4.2). */
  reset(): void {
    this.pending = '';
    this.lines = [];
  }
}

/** The EHLO keywords (upper case) with their parameters: `AUTH` → `['PLAIN', 'LOGIN']`. */
export function ehloExtensions(reply: SmtpReply): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    const [keyword, ...params] = line.trim().split(/\s+/);
    if (keyword) out.set(keyword.toUpperCase(), params.map((p) => p.toUpperCase()));
  }
  return out;
}
