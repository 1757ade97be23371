/**
 * The life of one call leg (a SIP dialog side the box holds, RFC 3261 §13,
 * §15), as a table. Inbound legs are the box as UAS, outbound the box as UAC.
 *
 *   inbound:   offered ──provisional──▶ early ──answer──▶ answering ──ack──▶ up
 *   outbound:  calling ──provisional──▶ early ──answered──────────────────▶ up
 *   any live state ──hangup──▶ ending ──ended──▶ ended   (BYE / CANCEL / final error sent)
 *   any live state ──ended──▶ ended                       (BYE received, failure response, timeout)
 */
import { InvalidTransition } from '../../sip/index.ts';

export type LegState = 'offered' | 'calling' | 'early' | 'answering' | 'up' | 'ending' | 'ended';
export type LegInput = 'provisional' | 'answer' | 'answered' | 'ack' | 'hangup' | 'ended';

type Row = Partial<Record<LegInput, LegState>>;

export const LEG_TRANSITIONS: Record<LegState, Row> = {
  // §13.3.1.1: the UAS may send 1xx before its final answer.
  offered: { provisional: 'early', answer: 'answering', hangup: 'ending', ended: 'ended' },
  // §13.2.2.1: the UAC waits for provisional and final responses.
  calling: { provisional: 'early', answered: 'up', hangup: 'ending', ended: 'ended' },
  early: { provisional: 'early', answer: 'answering', answered: 'up', hangup: 'ending', ended: 'ended' },
  // §13.3.1.4: 2xx sent, retransmitted until the ACK.
  answering: { ack: 'up', hangup: 'ending', ended: 'ended', provisional: 'answering' },
  // §15: in the dialog; retransmitted ACKs and 2xx are absorbed.
  up: { ack: 'up', answered: 'up', hangup: 'ending', ended: 'ended' },
  // BYE (or CANCEL) sent; its response or a timeout ends the leg. A BYE crossing ours ends it too.
  ending: { ack: 'ending', answered: 'ending', provisional: 'ending', hangup: 'ending', ended: 'ended' },
  ended: { ack: 'ended', answered: 'ended', provisional: 'ended', hangup: 'ended', ended: 'ended' },
};

export function legStep(state: LegState, input: LegInput): LegState {
  const next = LEG_TRANSITIONS[state][input];
  if (next === undefined) throw new InvalidTransition(`leg`, state, input);
  return next;
}

export const isLive = (state: LegState) => state !== 'ending' && state !== 'ended';
