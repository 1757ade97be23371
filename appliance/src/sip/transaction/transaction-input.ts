/**
 * Inputs shared by the four machines: responses by status class (received
 * from the transport by a client transaction, or passed down by the TU to a
 * server transaction), timers firing and transport errors.
 */
import type { SipRequest, SipResponse } from '../message/index.ts';
import type { InboundMessage, TransportError } from '../transport/index.ts';
import type { TimerName } from './timer-values.ts';

/** An inbound message known to be a request / a response. */
export type InboundRequest = InboundMessage & { message: SipRequest };
export type InboundResponse = InboundMessage & { message: SipResponse };

/** A response received from the transport, by status class. */
export type ResponseReceived =
  | { kind: 'provisional'; response: SipResponse }
  | { kind: 'success'; response: SipResponse }
  | { kind: 'failure'; response: SipResponse };

/** A response the TU passes to a server transaction, by status class. */
export type TuResponse =
  | { kind: 'tuProvisional'; response: SipResponse }
  | { kind: 'tuSuccess'; response: SipResponse }
  | { kind: 'tuFailure'; response: SipResponse };

/** A timer fired; `ms` is the duration it had been started with (for doubling). One member per timer. */
export type TimerFired<T extends TimerName> = T extends TimerName ? { kind: `timer${T}`; ms: number } : never;

export type TransportFailed = { kind: 'transportError'; error: TransportError };

/** 1xx → provisional, 2xx → success, 3xx–6xx → failure (the classes of §17.1.1.2). */
export function responseReceived(response: SipResponse): ResponseReceived {
  if (response.status < 200) return { kind: 'provisional', response };
  if (response.status < 300) return { kind: 'success', response };
  return { kind: 'failure', response };
}

export function tuResponse(response: SipResponse): TuResponse {
  if (response.status < 200) return { kind: 'tuProvisional', response };
  if (response.status < 300) return { kind: 'tuSuccess', response };
  return { kind: 'tuFailure', response };
}

export function timerFired<T extends TimerName>(timer: T, ms: number): TimerFired<T> {
  return { kind: `timer${timer}`, ms } as TimerFired<T>;
}
