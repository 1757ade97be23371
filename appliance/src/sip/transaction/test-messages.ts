/**
 * Test helper: SIP messages for the transaction tests, built by parsing SIP
 * text as it would arrive on the wire. Not part of the public API.
 */
import { parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../message/index.ts';
import type { Endpoint, TransportProtocol } from '../transport/index.ts';
import type { InboundRequest, InboundResponse } from './transaction-input.ts';

export function parseText(lines: string[]): SipMessage {
  const result = parseSipMessage(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), { stream: false });
  if (result.kind !== 'message') throw new Error(`test message does not parse: ${result.kind === 'invalid' ? result.error.message : 'incomplete'}`);
  return result.message;
}

export interface MessageFields {
  method?: string;
  /** Null for no branch parameter at all. */
  branch?: string | null;
  sentBy?: string;
  transport?: 'UDP' | 'TCP';
  viaParams?: string;
  cseq?: number;
  cseqMethod?: string;
  uri?: string;
  fromTag?: string;
  toTag?: string | null;
  callId?: string;
  extra?: string[];
}

function common(f: MessageFields, method: string): string[] {
  const branch = f.branch === undefined ? 'z9hG4bKtest1' : f.branch;
  return [
    `Via: SIP/2.0/${f.transport ?? 'UDP'} ${f.sentBy ?? 'phone.example.com:5060'}${branch === null ? '' : `;branch=${branch}`}${f.viaParams ?? ''}`,
    'Max-Forwards: 70',
    `From: "Alice" <sip:alice@example.com>;tag=${f.fromTag ?? 'from1'}`,
    `To: <sip:bob@example.com>${f.toTag ? `;tag=${f.toTag}` : ''}`,
    `Call-ID: ${f.callId ?? 'call-1@phone.example.com'}`,
    `CSeq: ${f.cseq ?? 1} ${f.cseqMethod ?? method}`,
    ...(f.extra ?? []),
  ];
}

export function sipRequest(f: MessageFields = {}): SipRequest {
  const method = f.method ?? 'INVITE';
  return parseText([`${method} ${f.uri ?? 'sip:bob@example.com'} SIP/2.0`, ...common(f, method), 'Content-Length: 0']) as SipRequest;
}

export function sipResponse(status: number, f: MessageFields = {}): SipResponse {
  const method = f.method ?? 'INVITE';
  const toTag = f.toTag === undefined ? (status > 100 ? 'to1' : null) : f.toTag;
  return parseText([`SIP/2.0 ${status} Whatever`, ...common({ ...f, toTag }, method), 'Content-Length: 0']) as SipResponse;
}

export const PHONE: Endpoint = { protocol: 'udp', address: '192.0.2.10', port: 5060 };

export function endpoint(protocol: TransportProtocol = 'udp', port = 5060): Endpoint {
  return { protocol, address: '192.0.2.10', port };
}

export function inboundRequest(request: SipRequest, source: Endpoint = PHONE, connectionId: number | null = null): InboundRequest {
  return { message: request, source, connectionId };
}

export function inboundResponse(response: SipResponse, source: Endpoint = PHONE): InboundResponse {
  return { message: response, source, connectionId: null };
}
