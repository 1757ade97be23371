/** SIP transport (RFC 3261 §18, RFC 3581): UDP and TCP on one port. */
export { type InboundAction, processInbound, stampVia } from './inbound-processing.ts';
export { SipTransportLayer, type TransportLayerOptions, type TransportStats } from './sip-transport-layer.ts';
export * from './transport-types.ts';
