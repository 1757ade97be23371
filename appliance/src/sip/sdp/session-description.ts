/**
 * The shape of an SDP session description (RFC 4566 §5) as the stack sees it.
 *
 * What offer/answer needs is typed: origin, connection data, timing, media
 * lines, rtpmap / fmtp / ptime and the direction attribute (RFC 3264 §5.1).
 * Everything else — i=, u=, e=, p=, b=, z=, k= lines and any other a= line —
 * is kept verbatim, in the order received, so a description we relay is
 * re-serialized with nothing lost.
 */

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** o= <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> */
export interface Origin {
  username: string;
  /** Decimal digits; kept as text because values above 2^53 occur. */
  sessionId: string;
  /** Decimal digits; kept as text, incremented with BigInt (see nextVersion). */
  version: string;
  netType: string;
  addrType: string;
  address: string;
}

/** c= <nettype> <addrtype> <connection-address>; the address keeps any /ttl/count suffix. */
export interface Connection {
  netType: string;
  addrType: string;
  address: string;
}

/** t= <start> <stop>, with the r= lines that follow it verbatim. */
export interface Timing {
  start: string;
  stop: string;
  repeats: string[];
}

/** a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>] */
export interface Rtpmap {
  payloadType: number;
  encoding: string;
  clockRate: number;
  channels: number | null;
}

/** a=fmtp:<format> <format specific parameters> */
export interface Fmtp {
  format: string;
  parameters: string;
}

/** Any other a= line: `a=name` (value null) or `a=name:value`. */
export interface Attribute {
  name: string;
  value: string | null;
}

/** A line kept verbatim, e.g. { type: 'b', value: 'AS:64' }. */
export interface SdpLine {
  type: string;
  value: string;
}

export interface MediaDescription {
  /** audio, video, text, application, message, … */
  media: string;
  port: number;
  /** The `/<number of ports>` suffix of the m= port, when present. */
  portCount: number | null;
  /** RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, … */
  protocol: string;
  /** Payload types for RTP profiles, as text. */
  formats: string[];
  connection: Connection | null;
  rtpmaps: Rtpmap[];
  fmtps: Fmtp[];
  ptime: number | null;
  /** Direction given at media level; null means inherit the session's (default sendrecv). */
  direction: Direction | null;
  attributes: Attribute[];
  /** i=, b=, k= lines of this section, verbatim and in order. */
  lines: SdpLine[];
}

export interface SessionDescription {
  /** v= is always 0 (RFC 4566 §5.1). */
  version: 0;
  origin: Origin;
  sessionName: string;
  connection: Connection | null;
  times: Timing[];
  direction: Direction | null;
  attributes: Attribute[];
  /** i=, u=, e=, p=, b=, z=, k= session lines, verbatim and in order. */
  lines: SdpLine[];
  media: MediaDescription[];
}

/** Direction of a media section after session-level inheritance (RFC 3264 §5.1). */
export function effectiveDirection(sd: SessionDescription, m: MediaDescription): Direction {
  return m.direction ?? sd.direction ?? 'sendrecv';
}

/** Connection data of a media section after session-level inheritance (RFC 4566 §5.7). */
export function effectiveConnection(sd: SessionDescription, m: MediaDescription): Connection | null {
  return m.connection ?? sd.connection;
}

/** The RFC 2543 hold form: a connection address of 0.0.0.0 (RFC 3264 §8.4). */
export function isNullAddress(c: Connection | null): boolean {
  return c !== null && c.addrType === 'IP4' && c.address.split('/')[0] === '0.0.0.0';
}

export function sends(d: Direction): boolean {
  return d === 'sendrecv' || d === 'sendonly';
}

export function receives(d: Direction): boolean {
  return d === 'sendrecv' || d === 'recvonly';
}

export function directionOf(send: boolean, receive: boolean): Direction {
  if (send) return receive ? 'sendrecv' : 'sendonly';
  return receive ? 'recvonly' : 'inactive';
}
