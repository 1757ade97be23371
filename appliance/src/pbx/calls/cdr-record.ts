/** A call's record in the CONTRACT.md shape, built from the call when it ends. */
import type { NewCdr } from '../../reports/index.ts';
import type { Call } from './call.ts';

const iso = (t: number) => new Date(t).toISOString();

export function buildCdr(call: Call, endedAt: number): NewCdr {
  return {
    call_id: call.sipCallId,
    start: iso(call.startedAt),
    answer: call.answeredAt === null ? null : iso(call.answeredAt),
    end: iso(endedAt),
    from: call.from.number,
    to: call.to,
    disposition: call.disposition ?? (call.answeredAt === null ? 'failed' : 'answered'),
    agent: call.answeredBy?.number ?? null,
    queue: call.queue,
    recording: call.recordingId,
    hangup_cause: call.cause,
    legs: [...call.legs, ...call.departed].map((leg) => ({
      channel: `SIP/${leg.number}-${leg.id}`,
      peer: leg.number,
      start: iso(leg.startedAt),
      answer: leg.answeredAt === null ? null : iso(leg.answeredAt),
      end: iso(leg.endedAt ?? endedAt),
    })),
  };
}
