/** SIP stand-ins for the message-waiting tests: a transaction layer that keeps what it is asked to send, phones' bindings, and SUBSCRIBEs. */
import type { Binding } from '../../pbx/index.ts';
import {
  type ClientTransaction,
  type ClientTransactionListener,
  createResponse,
  type InboundRequest,
  parseSipMessage,
  type ResponseOptions,
  type SendTarget,
  type ServerTransaction,
  SipRequest,
  type SipResponse,
  serializeMessage,
} from '../../sip/index.ts';

export interface Sent {
  request: SipRequest;
  target: SendTarget;
  listener: ClientTransactionListener;
  /** The request as it goes on the wire. */
  text: string;
}

export class FakeTransactions {
  readonly sent: Sent[] = [];

  sendRequest(request: SipRequest, target: SendTarget, listener: ClientTransactionListener): ClientTransaction {
    this.sent.push({ request, target, listener, text: new TextDecoder().decode(serializeMessage(request)) });
    return { id: String(this.sent.length), request, target, state: 'trying', abandon() {} } as unknown as ClientTransaction;
  }

  /** Answers the `index`-th request sent with `status`. */
  answer(index: number, status: number): void {
    const s = this.sent[index];
    if (!s) throw new Error(`nothing sent at ${index}`);
    s.listener.onFinal(createResponse(s.request, status, { toTag: 'phone' }));
  }
}

export function binding(aor: string, contact: string, address: string, port: number): Binding {
  return {
    aor,
    contact,
    callId: `reg-${port}`,
    cseq: 1,
    q: null,
    expiresAt: Date.UTC(2030, 0, 1),
    registeredAt: Date.UTC(2026, 0, 5),
    source: { protocol: 'udp', address, port },
    connectionId: null,
    userAgent: 'Yealink SIP-T46U',
  };
}

export class FakeLocation {
  readonly bindings: Binding[] = [];

  lookup(aor: string): Binding[] {
    return this.bindings.filter((b) => b.aor === aor);
  }
}

export function parseRequest(lines: string[]): SipRequest {
  const result = parseSipMessage(new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n`), { stream: false });
  if (result.kind !== 'message' || !(result.message instanceof SipRequest)) throw new Error(`bad test request: ${JSON.stringify(result)}`);
  return result.message;
}

export class FakeServerTransaction implements ServerTransaction {
  readonly id = 'server-tx';
  readonly state = 'trying' as ServerTransaction['state'];
  readonly cancelTarget = null;
  readonly responses: SipResponse[] = [];
  readonly inbound: InboundRequest;

  constructor(
    readonly request: SipRequest,
    source = { address: '192.168.1.20', port: 5062 },
  ) {
    this.inbound = { message: request, source: { protocol: 'udp', ...source }, connectionId: null };
  }

  respond(response: SipResponse): void {
    this.responses.push(response);
  }

  reply(status: number, options?: ResponseOptions): SipResponse {
    const response = createResponse(this.request, status, options);
    this.responses.push(response);
    return response;
  }

  listen(): void {}
}
