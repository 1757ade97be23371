/**
 * Test helper: a transaction layer that only records the requests it is
 * given, so a test plays the carrier by answering them (or letting them
 * time out) through the listener each request came with.
 */
import {
  type ClientTransaction,
  type ClientTransactionListener,
  createResponse,
  type RandomBytes,
  type SendTarget,
  type SipRequest,
  TransactionTimeoutError,
  TransportError,
} from '../../sip/index.ts';
import type { Trunk } from '../trunks-repository.ts';
import type { RequestSender } from './registration-client.ts';
import type { TrunkStore } from './trunk-directory.ts';

export interface SentRequest {
  request: SipRequest;
  target: SendTarget;
  listener: ClientTransactionListener;
}

export class FakeRequests implements RequestSender {
  readonly sent: SentRequest[] = [];

  sendRequest(request: SipRequest, target: SendTarget, listener: ClientTransactionListener): ClientTransaction {
    this.sent.push({ request, target, listener });
    return { id: `${this.sent.length}`, request, target, state: 'Trying', abandon() {} };
  }

  last(): SentRequest {
    const last = this.sent[this.sent.length - 1];
    if (!last) throw new Error('nothing was sent');
    return last;
  }

  /** Answers a request (the last by default) with a final response carrying `headers`. */
  answer(status: number, headers: [string, string][] = [], which: SentRequest = this.last()): void {
    which.listener.onFinal(createResponse(which.request, status, { toTag: 'carrier', headers }));
  }

  timeout(which: SentRequest = this.last()): void {
    which.listener.onTimeout(new TransactionTimeoutError('F', 'test'));
  }

  transportError(which: SentRequest = this.last()): void {
    which.listener.onTransportError(new TransportError('unreachable', which.target.endpoint));
  }
}

/** Repeatable random bytes: a counter in the first four bytes. */
export function countingRandom(seed = 0): RandomBytes {
  let n = seed;
  return (size) => {
    const bytes = new Uint8Array(Math.max(size, 4)).fill(0x5a);
    new DataView(bytes.buffer).setUint32(0, ++n);
    return bytes.subarray(0, size);
  };
}

/** A trunk as the repository returns it, with the defaults of a new one. */
export function trunk(fields: Partial<Trunk> & Pick<Trunk, 'name' | 'host'>): Trunk {
  return {
    // Stable per name, so a test can give secrets by id.
    id: [...fields.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7),
    type: 'sip',
    port: 5060,
    transport: 'udp',
    username: null,
    has_secret: false,
    register: false,
    max_channels: null,
    codecs: ['PCMA'],
    enabled: true,
    caller_id: null,
    from_domain: null,
    register_expires: null,
    options_interval_s: null,
    match: [],
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:00:00.000Z',
    ...fields,
  };
}

/** Trunks in memory, secrets by trunk id. */
export class MemoryTrunks implements TrunkStore {
  constructor(
    public trunks: Trunk[],
    public secrets: Record<number, string> = {},
  ) {}

  list(): Trunk[] {
    return this.trunks;
  }

  secretOf(id: number): string | null {
    return this.secrets[id] ?? null;
  }
}
