/**
 * Where a response goes (RFC 3261 §18.2.2 with RFC 3581 §4): back over the
 * stream the request came on while it is open, else to the `received`
 * address and `rport` port of the top Via, else to its sent-by.
 */
import { getParam, type SipMessage } from '../message/index.ts';
import type { InboundMessage, SendTarget, TransportProtocol } from './transport-types.ts';

const DEFAULT_PORT: Record<TransportProtocol, number> = { udp: 5060, tcp: 5060, tls: 5061, ws: 80, wss: 443 };

export function responseTarget(request: InboundMessage): SendTarget {
  return viaTarget(request.message, request.source.protocol, request.connectionId);
}

export function viaTarget(message: SipMessage, protocol: TransportProtocol, connectionId: number | null): SendTarget {
  const via = message.topVia();
  if (!via) throw new Error('a message without Via reached the response path');
  const received = getParam(via.params, 'received');
  const rport = getParam(via.params, 'rport');
  const address = typeof received === 'string' ? received : via.host.replace(/^\[|\]$/g, '');
  const port = typeof rport === 'string' && /^\d+$/.test(rport) ? Number(rport) : (via.port ?? DEFAULT_PORT[protocol]);
  return { endpoint: { protocol, address, port }, connectionId };
}
