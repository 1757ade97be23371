/**
 * Text → SessionDescription (RFC 4566 §5). Never throws: any input gives a
 * result, and a failure names the line that caused it.
 *
 * Accepted: CRLF or bare LF line ends, trailing blank lines. Required: v=0
 * first; exactly one o= and s= before the first m=; at least one t=; every
 * line `<letter>=<value>` with one lower-case letter of a known type (RFC 4566
 * §5: a description with an unknown type letter is to be ignored, so we
 * refuse it); a media section with a non-zero port needs a connection
 * address at media or session level (§5.7).
 */
import { readAttribute } from './parse-attribute.ts';
import { SdpParseError } from './sdp-parse-error.ts';
import type { Attribute, Connection, Direction, MediaDescription, Origin, SdpLine, SessionDescription, Timing } from './session-description.ts';

export type SdpParseResult = { ok: true; value: SessionDescription } | { ok: false; error: SdpParseError };

/** A session description for one call is a few hundred octets; refuse the absurd. */
export const MAX_SDP_CHARS = 64 * 1024;

const SESSION_ONLY = new Set(['v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z']);
const VERBATIM = new Set(['i', 'u', 'e', 'p', 'b', 'z', 'k']);
const DIGITS = /^\d+$/;
const TIME = /^\d{1,20}$/;
const PORT = /^(\d{1,5})(?:\/(\d{1,5}))?$/;
const TOKEN = /^[!#$%&'*+.^_`{|}~0-9A-Za-z-]+$/;
const VISIBLE = /^[\x21-\x7e]+$/;
const MAX_SHOWN = 80;

interface Draft {
  origin: Origin | null;
  sessionName: string | null;
  session: Section;
  times: Timing[];
  lines: SdpLine[];
  media: MediaDescription[];
  /** 1-based line number and text of each m= line, for errors found at the end. */
  mediaLines: [number, string][];
}

/** What session level and media level have in common while parsing. */
interface Section {
  connection: Connection | null;
  direction: Direction | null;
  attributes: Attribute[];
}

export function parseSdp(text: string): SdpParseResult {
  if (typeof text !== 'string') return fail(0, '', 'not text');
  if (text.length > MAX_SDP_CHARS) return fail(0, '', `larger than ${MAX_SDP_CHARS} characters`);
  const lines = text.split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] === '' || lines[lines.length - 1] === '\r')) lines.pop();
  if (lines.length === 0) return fail(0, '', 'empty');
  const draft: Draft = {
    origin: null,
    sessionName: null,
    session: { connection: null, direction: null, attributes: [] },
    times: [],
    lines: [],
    media: [],
    mediaLines: [],
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const problem = readLine(draft, line, i === 0);
    if (draft.media.length > draft.mediaLines.length) draft.mediaLines.push([i + 1, line]);
    if (problem !== null) return fail(i + 1, line, problem);
  }
  return finish(draft);
}

function readLine(draft: Draft, line: string, first: boolean): string | null {
  if (line.length < 2 || line.charAt(1) !== '=') return 'not a "<type>=<value>" line';
  const type = line.charAt(0);
  const value = line.slice(2);
  if (!/^[a-z]$/.test(type)) return 'type must be one lower-case letter';
  if (/[\0\r]/.test(value)) return 'NUL or CR inside a value';
  if (first !== (type === 'v')) return first ? 'must start with v=' : 'v= repeated';
  const media = draft.media[draft.media.length - 1];
  if (media !== undefined && SESSION_ONLY.has(type)) return `${type}= is not allowed in a media section`;
  switch (type) {
    case 'v':
      return value === '0' ? null : 'only version 0 is known';
    case 'o':
      return readOrigin(draft, value);
    case 's':
      if (draft.sessionName !== null) return 's= repeated';
      draft.sessionName = value;
      return null;
    case 't':
      return readTiming(draft, value);
    case 'r': {
      const last = draft.times[draft.times.length - 1];
      if (last === undefined) return 'r= before any t=';
      last.repeats.push(value);
      return null;
    }
    case 'c':
      return readConnectionLine(media ?? draft.session, value);
    case 'm':
      return readMedia(draft, value);
    case 'a':
      return readAttributeLine(media ?? draft.session, media, value);
    default:
      if (!VERBATIM.has(type)) return `unknown type ${type}=`;
      (media?.lines ?? draft.lines).push({ type, value });
      return null;
  }
}

function readOrigin(draft: Draft, value: string): string | null {
  if (draft.origin !== null) return 'o= repeated';
  const parts = value.trim().split(/ +/);
  if (parts.length !== 6) return 'o= needs 6 fields';
  const [username, sessionId, version, netType, addrType, address] = parts as [string, string, string, string, string, string];
  if (!DIGITS.test(sessionId)) return 'session id must be decimal digits';
  if (!DIGITS.test(version)) return 'session version must be decimal digits';
  draft.origin = { username, sessionId, version, netType, addrType, address };
  return null;
}

function readTiming(draft: Draft, value: string): string | null {
  const parts = value.trim().split(/ +/);
  if (parts.length !== 2 || !TIME.test(parts[0] as string) || !TIME.test(parts[1] as string)) return 't= needs "<start> <stop>" in decimal';
  draft.times.push({ start: parts[0] as string, stop: parts[1] as string, repeats: [] });
  return null;
}

export function readConnection(value: string): Connection | null {
  const parts = value.trim().split(/ +/);
  if (parts.length !== 3 || !parts.every((p) => VISIBLE.test(p))) return null;
  const [netType, addrType, address] = parts as [string, string, string];
  return { netType, addrType, address };
}

function readConnectionLine(section: Section, value: string): string | null {
  if (section.connection !== null) return 'c= repeated at the same level';
  const connection = readConnection(value);
  if (connection === null) return 'c= needs "<nettype> <addrtype> <address>"';
  section.connection = connection;
  return null;
}

function readMedia(draft: Draft, value: string): string | null {
  if (draft.origin === null || draft.sessionName === null) return 'm= before o= and s=';
  const parts = value.trim().split(/ +/);
  if (parts.length < 4) return 'm= needs "<media> <port> <proto> <fmt> ..."';
  const [media, portText, protocol, ...formats] = parts as [string, string, string, ...string[]];
  if (!TOKEN.test(media)) return 'bad media type';
  const port = PORT.exec(portText);
  if (port === null) return 'bad port';
  const portNumber = Number(port[1]);
  const portCount = port[2] === undefined ? null : Number(port[2]);
  if (portNumber > 65535) return 'port above 65535';
  if (portCount !== null && (portCount === 0 || portNumber + portCount - 1 > 65535)) return 'bad number of ports';
  if (!/^[A-Za-z0-9/._-]+$/.test(protocol)) return 'bad protocol';
  if (!formats.every((f) => TOKEN.test(f))) return 'bad format';
  if (protocol.startsWith('RTP/') && !formats.every((f) => /^\d{1,3}$/.test(f) && Number(f) <= 127)) return 'RTP payload types must be 0-127';
  draft.media.push({
    media,
    port: portNumber,
    portCount,
    protocol,
    formats,
    connection: null,
    rtpmaps: [],
    fmtps: [],
    ptime: null,
    direction: null,
    attributes: [],
    lines: [],
  });
  return null;
}

function readAttributeLine(section: Section, media: MediaDescription | undefined, value: string): string | null {
  const read = readAttribute(value, media !== undefined);
  switch (read.kind) {
    case 'invalid':
      return read.problem;
    case 'direction':
      if (section.direction !== null) return 'more than one direction attribute';
      section.direction = read.direction;
      return null;
    case 'other':
      section.attributes.push(read.attribute);
      return null;
  }
  if (media === undefined) return null;
  if (read.kind === 'rtpmap') {
    if (media.rtpmaps.some((r) => r.payloadType === read.rtpmap.payloadType)) return 'rtpmap repeated for one payload type';
    media.rtpmaps.push(read.rtpmap);
  } else if (read.kind === 'fmtp') media.fmtps.push(read.fmtp);
  else media.ptime = read.ptime;
  return null;
}

function finish(draft: Draft): SdpParseResult {
  if (draft.origin === null) return fail(0, '', 'no o= line');
  if (draft.sessionName === null) return fail(0, '', 'no s= line');
  if (draft.times.length === 0) return fail(0, '', 'no t= line');
  for (const [i, m] of draft.media.entries()) {
    if (m.port !== 0 && m.connection === null && draft.session.connection === null) {
      const [line, text] = draft.mediaLines[i] ?? [0, ''];
      return fail(line, text, 'no connection address (c=) at media or session level');
    }
  }
  const { connection, direction, attributes } = draft.session;
  return {
    ok: true,
    value: {
      version: 0,
      origin: draft.origin,
      sessionName: draft.sessionName,
      connection,
      times: draft.times,
      direction,
      attributes,
      lines: draft.lines,
      media: draft.media,
    },
  };
}

function fail(line: number, text: string, reason: string): SdpParseResult {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return { ok: false, error: new SdpParseError(line, shown, reason) };
}
