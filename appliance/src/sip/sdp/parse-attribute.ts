/**
 * a= lines (RFC 4566 §5.13, §6): split into name and value, and read the
 * ones offer/answer relies on — rtpmap, fmtp, ptime and the direction
 * attributes. Returns a problem text instead of throwing.
 */
import { type Attribute, DIRECTIONS, type Direction, type Fmtp, type Rtpmap } from './session-description.ts';

const ATTRIBUTE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`{|}~-]+$/;
const RTPMAP = /^(\d{1,3}) ([^/ ]+)\/(\d{1,6})(?:\/(\d{1,2}))?$/;
const FMTP = /^([^ ]+) (.*)$/;
const PTIME = /^\d{1,5}(?:\.\d{1,3})?$/;

export type ReadAttribute =
  | { kind: 'rtpmap'; rtpmap: Rtpmap }
  | { kind: 'fmtp'; fmtp: Fmtp }
  | { kind: 'ptime'; ptime: number }
  | { kind: 'direction'; direction: Direction }
  | { kind: 'other'; attribute: Attribute }
  | { kind: 'invalid'; problem: string };

export function splitAttribute(value: string): Attribute | null {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  if (!ATTRIBUTE_NAME.test(name)) return null;
  return { name, value: colon < 0 ? null : value.slice(colon + 1) };
}

/** Reads one a= value; `mediaLevel` enables rtpmap, fmtp and ptime, which only mean something on a media section. */
export function readAttribute(value: string, mediaLevel: boolean): ReadAttribute {
  const attribute = splitAttribute(value);
  if (attribute === null) return { kind: 'invalid', problem: 'bad attribute name' };
  const { name, value: v } = attribute;
  if (v === null && (DIRECTIONS as readonly string[]).includes(name)) return { kind: 'direction', direction: name as Direction };
  if (!mediaLevel || v === null) return { kind: 'other', attribute };
  switch (name) {
    case 'rtpmap':
      return readRtpmap(v.trim());
    case 'fmtp': {
      const match = FMTP.exec(v);
      if (match === null) return { kind: 'invalid', problem: 'fmtp needs a format and parameters' };
      return { kind: 'fmtp', fmtp: { format: match[1] as string, parameters: match[2] as string } };
    }
    case 'ptime':
      if (!PTIME.test(v.trim())) return { kind: 'invalid', problem: 'ptime must be a number of milliseconds' };
      return { kind: 'ptime', ptime: Number(v.trim()) };
    default:
      return { kind: 'other', attribute };
  }
}

function readRtpmap(v: string): ReadAttribute {
  const match = RTPMAP.exec(v);
  if (match === null) return { kind: 'invalid', problem: 'rtpmap must be "<payload type> <encoding>/<clock rate>[/<channels>]"' };
  const payloadType = Number(match[1]);
  const clockRate = Number(match[3]);
  if (payloadType > 127) return { kind: 'invalid', problem: 'rtpmap payload type above 127' };
  if (clockRate === 0) return { kind: 'invalid', problem: 'rtpmap clock rate 0' };
  const channels = match[4] === undefined ? null : Number(match[4]);
  return { kind: 'rtpmap', rtpmap: { payloadType, encoding: match[2] as string, clockRate, channels } };
}
