/** How the box names itself in requests it sends: Via sent-by, Contact, User-Agent. */
import type { SipRequest } from '../message/index.ts';
import type { TransportProtocol } from '../transport/index.ts';

export interface LocalIdentity {
  /** Address phones reach the box at (the advertised SIP address). */
  host: string;
  port: number;
  userAgent: string;
}

export function viaValue(local: LocalIdentity, protocol: TransportProtocol, branch: string): string {
  return `SIP/2.0/${protocol.toUpperCase()} ${local.host}:${local.port};branch=${branch};rport`;
}

export function contactValue(local: LocalIdentity, user: string | null, protocol: TransportProtocol): string {
  const transport = protocol === 'udp' ? '' : `;transport=${protocol}`;
  return `<sip:${user === null ? '' : `${user}@`}${local.host}:${local.port}${transport}>`;
}

/** The common tail of every request the box builds: extra headers, the body with its type, User-Agent, Content-Length. */
export function finishRequest(
  request: SipRequest,
  local: LocalIdentity,
  o: { headers?: [string, string][]; body?: Uint8Array; contentType?: string },
): SipRequest {
  for (const [name, value] of o.headers ?? []) request.append(name, value);
  if (o.body && o.body.length > 0) {
    request.append('Content-Type', o.contentType ?? 'application/sdp');
    request.body = o.body;
  }
  request.append('User-Agent', local.userAgent);
  request.append('Content-Length', String(o.body?.length ?? 0));
  return request;
}
