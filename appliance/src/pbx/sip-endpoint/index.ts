export { ALLOWED_METHODS, RequestDispatcher } from './request-dispatcher.ts';
export { SipEndpoint, type SipEndpointOptions } from './sip-endpoint.ts';
