/**
 * Bytes → SipRequest / SipResponse (RFC 3261 §7, §25). Two stages: the
 * structure (start line, header lines with folding, body framing by
 * Content-Length), then validation of the headers the stack relies on
 * (validate-message.ts). A message that fails validation is still returned
 * as `partial`, so the server can answer 400 to it.
 *
 * Framing: over UDP a datagram is one message and octets past Content-Length
 * are ignored (RFC 4475 §3.1.1.8); over a stream Content-Length is required
 * and `consumed` tells the framer where the next message starts.
 */
import { headerNames } from './header-names.ts';
import { IS_TOKEN, trimWs } from './scanner.ts';
import { type HeaderField, type SipMessage, SipRequest, SipResponse } from './sip-message.ts';
import { SipParseError } from './sip-parse-error.ts';
import { validateMessage } from './validate-message.ts';

export type ParseResult =
  | { kind: 'message'; message: SipMessage; consumed: number }
  | { kind: 'invalid'; error: SipParseError; partial: SipMessage | null; consumed: number }
  | { kind: 'incomplete' };

export interface ParseOptions {
  /** Stream transports (TCP, TLS, WS) frame by Content-Length, which must be present. */
  stream: boolean;
  maxHeaderBytes?: number;
  maxBodyBytes?: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const EMPTY_BODY = new Uint8Array(0);
const DEFAULT_MAX_HEADER = 32 * 1024;
const DEFAULT_MAX_BODY = 1024 * 1024;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Number of leading CRLF octets (keep-alives and stray line ends before a start line). */
export function leadingLineEnds(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 13 || bytes[i] === 10)) i++;
  return i;
}

function invalid(detail: string, consumed: number, partial: SipMessage | null = null, status: 400 | 505 | 513 = 400): ParseResult {
  return { kind: 'invalid', error: new SipParseError(detail, status), partial, consumed };
}

export function parseSipMessage(input: Uint8Array, options: ParseOptions): ParseResult {
  const bytes = asBuffer(input);
  const skip = leadingLineEnds(bytes);
  const maxHeader = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER;
  const headEnd = bytes.indexOf(CRLFCRLF, skip);
  if (headEnd < 0) {
    if (bytes.length - skip > maxHeader) return invalid('header section too large', bytes.length, null, 513);
    return options.stream || skip === bytes.length ? { kind: 'incomplete' } : invalid('no blank line after the headers', bytes.length);
  }
  if (headEnd - skip > maxHeader) return invalid('header section too large', headEnd + 4, null, 513);
  const head = bytes.toString('latin1', skip, headEnd);
  const lines = head.split('\r\n');
  const startLine = lines[0] as string;
  const { headers, problem: headerProblem } = parseHeaderLines(lines);
  const bodyStart = headEnd + 4;

  const lengthText = contentLengthText(headers);
  let bodyLength: number;
  if (lengthText === null) {
    if (options.stream) return invalid('Content-Length is required on a stream transport', bodyStart);
    bodyLength = bytes.length - bodyStart;
  } else if (!/^\d{1,10}$/.test(lengthText)) {
    return invalid(`bad Content-Length "${lengthText}"`, options.stream ? bytes.length : bodyStart);
  } else {
    bodyLength = Number(lengthText);
    if (bodyLength > (options.maxBodyBytes ?? DEFAULT_MAX_BODY)) return invalid('body too large', bytes.length, null, 513);
    if (bodyStart + bodyLength > bytes.length) {
      if (options.stream) return { kind: 'incomplete' };
      return invalid('Content-Length larger than the message', bytes.length);
    }
  }
  const consumed = bodyStart + bodyLength;
  // A copy, not a view: a view would keep the whole receive buffer alive for as long as the message lives.
  const body = bodyLength === 0 ? EMPTY_BODY : Uint8Array.prototype.slice.call(bytes, bodyStart, consumed);
  const message = startMessage(startLine, headers, body);
  if (typeof message === 'string') return invalid(message, consumed);
  // A broken header line spoils the message, but the good lines still let us answer 400.
  if (headerProblem !== null) return invalid(headerProblem, consumed, message);
  const problem = validateMessage(message);
  if (problem !== null) return { kind: 'invalid', error: problem, partial: message, consumed };
  return { kind: 'message', message, consumed };
}

/**
 * Header lines (after the start line) with continuation lines joined by one
 * space. A malformed line is skipped and reported as the problem.
 */
function parseHeaderLines(lines: string[]): { headers: HeaderField[]; problem: string | null } {
  const headers: HeaderField[] = [];
  let problem: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i] as string;
    while (i + 1 < lines.length && isContinuation(lines[i + 1] as string)) {
      line = `${trimWs(line)} ${trimWs(lines[++i] as string)}`;
    }
    const colon = line.indexOf(':');
    let nameEnd = colon;
    while (nameEnd > 0 && (line.charCodeAt(nameEnd - 1) === 32 || line.charCodeAt(nameEnd - 1) === 9)) nameEnd--;
    const rawName = colon > 0 ? line.slice(0, nameEnd) : '';
    if (!isHeaderName(rawName)) {
      problem ??= `malformed header line "${line.slice(0, 40)}"`;
      continue;
    }
    const [name, written] = headerNames(rawName);
    headers.push({ name, rawName: written, value: trimWs(line.slice(colon + 1)) });
  }
  return { headers, problem };
}

function isHeaderName(name: string): boolean {
  if (name.length === 0) return false;
  for (let c = 0; c < name.length; c++) if (IS_TOKEN[name.charCodeAt(c)] !== 1) return false;
  return true;
}

function isContinuation(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9;
}

function contentLengthText(headers: HeaderField[]): string | null {
  for (const h of headers) if (h.name === 'content-length') return h.value;
  return null;
}

/** Request-Line = Method SP Request-URI SP SIP-Version; Status-Line = SIP-Version SP Status-Code SP Reason-Phrase. */
function startMessage(line: string, headers: HeaderField[], body: Uint8Array): SipMessage | string {
  if (line.startsWith('SIP/')) {
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    if (first < 0 || second < 0) return 'malformed status line';
    const code = line.slice(first + 1, second);
    if (!/^[1-6]\d\d$/.test(code)) return `bad status code "${code.slice(0, 20)}"`;
    return new SipResponse(Number(code), line.slice(second + 1), headers, body, line.slice(0, first));
  }
  const parts = line.split(' ');
  if (parts.length !== 3) return 'malformed request line';
  const [method, uri, version] = parts as [string, string, string];
  if (method.length === 0 || uri.length === 0 || version.length === 0) return 'malformed request line';
  for (let c = 0; c < method.length; c++) if (IS_TOKEN[method.charCodeAt(c)] !== 1) return 'bad method';
  return new SipRequest(method, uri, headers, body, version);
}
