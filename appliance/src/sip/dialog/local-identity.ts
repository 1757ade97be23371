/** How the box names itself in requests it sends: Via sent-by, Contact, User-Agent. */
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
