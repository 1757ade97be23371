/**
 * A cursor over one unfolded header value, with the RFC 3261 §25.1 lexical
 * rules: token, quoted-string, SWS, separators with optional white space.
 * Folded lines were joined by the parser, so LWS here is only SP / HTAB.
 * Failures return null; the caller turns them into a parse error.
 */

const TOKEN_EXTRA = "-.!%*_+`'~";
/** token chars of RFC 3261 §25.1, as a lookup table over latin1 codes. */
export const IS_TOKEN = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  IS_TOKEN[c] = /[A-Za-z0-9]/.test(ch) || TOKEN_EXTRA.includes(ch) ? 1 : 0;
}

export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (IS_TOKEN[text.charCodeAt(i)] !== 1) return false;
  return true;
}

export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  skipWs(): void {
    let c = this.text.charCodeAt(this.pos);
    while (c === 32 || c === 9) c = this.text.charCodeAt(++this.pos);
  }

  /** SWS sep SWS, e.g. SEMI, COMMA, EQUAL, SLASH. */
  separator(ch: string): boolean {
    const start = this.pos;
    this.skipWs();
    if (this.text.charAt(this.pos) !== ch) {
      this.pos = start;
      return false;
    }
    this.pos++;
    this.skipWs();
    return true;
  }

  token(): string | null {
    const start = this.pos;
    while (this.pos < this.text.length && IS_TOKEN[this.text.charCodeAt(this.pos)] === 1) this.pos++;
    return this.pos > start ? this.text.slice(start, this.pos) : null;
  }

  /** A quoted-string including its quotes, as written (escapes kept). */
  quotedString(): string | null {
    if (this.text.charCodeAt(this.pos) !== 34) return null;
    const start = this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 92) {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        const next = this.text.charCodeAt(this.pos + 1);
        if (Number.isNaN(next) || next === 10 || next === 13 || next > 127) return null;
        this.pos += 2;
        continue;
      }
      if (c === 34) {
        this.pos++;
        return this.text.slice(start, this.pos);
      }
      // qdtext excludes CR, LF and other controls except HTAB.
      if ((c < 32 && c !== 9) || c === 127) return null;
      this.pos++;
    }
    return null;
  }

  /** Characters up to (not including) any of the stop characters. */
  until(stops: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text.charAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  rest(): string {
    const value = this.text.slice(this.pos);
    this.pos = this.text.length;
    return value;
  }
}

/** The text of a quoted-string without its quotes, escapes resolved. */
export function unquote(quoted: string): string {
  if (quoted.length < 2 || quoted.charAt(0) !== '"') return quoted;
  const inner = quoted.slice(1, -1);
  return inner.includes('\\') ? inner.replace(/\\(.)/gs, '$1') : inner;
}

/** Quotes a string for a display name or parameter value. */
export function quote(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/** Trims SP and HTAB only: String#trim would also eat latin1 0xA0, a byte of many UTF-8 characters. */
export function trimWs(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
