/**
 * Where a server transaction sends its responses (RFC 3261 §18.2.2 with the
 * RFC 3581 `rport` rule): over a stream, the connection the request came on,
 * falling back to the source address and the sent-by port; over UDP, the
 * source address and, when the client asked with `rport`, the source port,
 * otherwise the sent-by port (default 5060, 5061 for TLS). `maddr`
 * (multicast) is not supported.
 */
import { hasParam } from '../message/index.ts';
import type { SendTarget } from '../transport/index.ts';
import type { InboundRequest } from './transaction-input.ts';

export function responseTarget(inbound: InboundRequest): SendTarget {
  const { source, connectionId } = inbound;
  const via = inbound.message.topVia();
  const secure = source.protocol === 'tls' || source.protocol === 'wss';
  const sentByPort = via?.port ?? (secure ? 5061 : 5060);
  const port = via !== null && hasParam(via.params, 'rport') ? source.port : sentByPort;
  return { endpoint: { protocol: source.protocol, address: source.address, port }, connectionId };
}
