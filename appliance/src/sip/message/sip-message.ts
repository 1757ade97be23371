/**
 * SIP requests and responses: the start line, an ordered list of header
 * fields kept as received (unknown ones verbatim), and the body bytes.
 * Typed accessors parse the headers the stack uses on first call and cache
 * the result; any change to the headers clears the cache.
 */
import { displayHeaderName, normalizeHeaderName } from './header-names.ts';
import { type NameAddr, parseNameAddr, parseNameAddrList } from './name-addr.ts';
import { getParam } from './params.ts';
import { trimWs } from './scanner.ts';
import { parseViaList, type Via } from './via.ts';

export interface HeaderField {
  /** Lower-case long form, e.g. `call-id` for `i`. */
  name: string;
  /** The name as it will be written. */
  rawName: string;
  /** Unfolded value, latin1 text of the wire bytes. */
  value: string;
}

export interface CSeq {
  seq: number;
  method: string;
}

export type Contacts = '*' | NameAddr[];

const EMPTY = new Uint8Array(0);

export abstract class SipMessage {
  readonly headers: HeaderField[];
  body: Uint8Array;
  private cache: Record<string, unknown> = {};

  constructor(headers: HeaderField[] = [], body: Uint8Array = EMPTY) {
    this.headers = headers;
    this.body = body;
  }

  abstract get isRequest(): boolean;

  /** The first value of a header, or undefined. */
  get(name: string): string | undefined {
    return this.first(normalizeHeaderName(name));
  }

  /** Every header line of that name, in order. */
  getAll(name: string): string[] {
    return this.all(normalizeHeaderName(name));
  }

  /** `get` for a name already in normalized form (the typed accessors' hot path). */
  protected first(key: string): string | undefined {
    for (const h of this.headers) if (h.name === key) return h.value;
    return undefined;
  }

  protected all(key: string): string[] {
    const out: string[] = [];
    for (const h of this.headers) if (h.name === key) out.push(h.value);
    return out;
  }

  /** How many lines each header has, in one pass (validation of single-valued headers). */
  countLines(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const h of this.headers) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
    return counts;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Replaces every line of that header with one line (appended at the end if absent). */
  set(name: string, value: string): this {
    const key = normalizeHeaderName(name);
    const first = this.headers.findIndex((h) => h.name === key);
    this.remove(name);
    const field = { name: key, rawName: displayHeaderName(key, name), value };
    if (first >= 0) this.headers.splice(first, 0, field);
    else this.headers.push(field);
    this.cache = {};
    return this;
  }

  append(name: string, value: string): this {
    const key = normalizeHeaderName(name);
    this.headers.push({ name: key, rawName: displayHeaderName(key, name), value });
    this.cache = {};
    return this;
  }

  /** Inserts a line before the first line of the same header (a new top Via). */
  prepend(name: string, value: string): this {
    const key = normalizeHeaderName(name);
    const at = this.headers.findIndex((h) => h.name === key);
    this.headers.splice(Math.max(at, 0), 0, { name: key, rawName: displayHeaderName(key, name), value });
    this.cache = {};
    return this;
  }

  remove(name: string): this {
    const key = normalizeHeaderName(name);
    for (let i = this.headers.length - 1; i >= 0; i--) if (this.headers[i]?.name === key) this.headers.splice(i, 1);
    this.cache = {};
    return this;
  }

  private memo<T>(key: string, compute: () => T): T {
    if (key in this.cache) return this.cache[key] as T;
    const value = compute();
    this.cache[key] = value;
    return value;
  }

  /** Every via-parm of every Via line, top first; null when one is malformed. */
  vias(): Via[] | null {
    return this.memo('via', () => {
      const out: Via[] = [];
      for (const line of this.all('via')) {
        const parsed = parseViaList(line);
        if (parsed === null) return null;
        out.push(...parsed);
      }
      return out;
    });
  }

  topVia(): Via | null {
    return this.vias()?.[0] ?? null;
  }

  from(): NameAddr | null {
    return this.memo('from', () => {
      const v = this.first('from');
      return v === undefined ? null : parseNameAddr(v);
    });
  }

  to(): NameAddr | null {
    return this.memo('to', () => {
      const v = this.first('to');
      return v === undefined ? null : parseNameAddr(v);
    });
  }

  fromTag(): string | null {
    const tag = this.from() ? getParam((this.from() as NameAddr).params, 'tag') : null;
    return typeof tag === 'string' ? tag : null;
  }

  toTag(): string | null {
    const tag = this.to() ? getParam((this.to() as NameAddr).params, 'tag') : null;
    return typeof tag === 'string' ? tag : null;
  }

  callId(): string | null {
    const value = this.first('call-id');
    return value === undefined ? null : trimWs(value);
  }

  cseq(): CSeq | null {
    return this.memo('cseq', () => {
      const m = /^\s*(\d{1,10})\s+(\S+)\s*$/.exec(this.first('cseq') ?? '');
      return m ? { seq: Number(m[1]), method: m[2] as string } : null;
    });
  }

  /** `*` for the REGISTER wildcard, otherwise every contact of every Contact line; null when malformed. */
  contacts(): Contacts | null {
    return this.memo('contact', () => {
      const lines = this.all('contact');
      if (lines.length === 1 && trimWs(lines[0] as string) === '*') return '*' as const;
      const out: NameAddr[] = [];
      for (const line of lines) {
        const parsed = parseNameAddrList(line);
        if (parsed === null) return null;
        out.push(...parsed);
      }
      return out;
    });
  }

  /** A header holding delta-seconds or an integer (Expires, Max-Forwards, Min-Expires); null if absent or malformed. */
  integer(name: string): number | null {
    const raw = this.get(name);
    const value = raw === undefined ? undefined : trimWs(raw);
    return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : null;
  }
}

export class SipRequest extends SipMessage {
  constructor(
    public method: string,
    public uri: string,
    headers?: HeaderField[],
    body?: Uint8Array,
    public version = 'SIP/2.0',
  ) {
    super(headers, body);
  }

  get isRequest(): true {
    return true;
  }
}

export class SipResponse extends SipMessage {
  constructor(
    public status: number,
    public reason: string,
    headers?: HeaderField[],
    body?: Uint8Array,
    public version = 'SIP/2.0',
  ) {
    super(headers, body);
  }

  get isRequest(): false {
    return false;
  }
}

export function isRequest(message: SipMessage): message is SipRequest {
  return message.isRequest;
}
