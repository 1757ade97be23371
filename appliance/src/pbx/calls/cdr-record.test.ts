import { expect, test } from 'bun:test';
import { buildCdr } from './cdr-record.ts';
import type { Call } from './call.ts';

test('the record names caller, dialled number, the answering leg as agent, and every leg', () => {
  const t = Date.UTC(2026, 0, 5, 9, 0, 0);
  const caller = { id: 'a1', number: '1001', startedAt: t, answeredAt: t + 5000, endedAt: t + 65_000 };
  const callee = { id: 'b2', number: '1002', startedAt: t + 10, answeredAt: t + 4900, endedAt: null };
  const call = {
    sipCallId: 'sip-call-1',
    startedAt: t,
    answeredAt: t + 5000,
    from: { number: '1001', name: 'Alice' },
    to: '1002',
    disposition: 'answered',
    answeredBy: callee,
    recordingId: 7,
    cause: 'caller_hangup',
    legs: [caller, callee],
    departed: [],
  } as unknown as Call;
  const cdr = buildCdr(call, t + 65_000);
  expect(cdr).toMatchObject({
    call_id: 'sip-call-1',
    start: '2026-01-05T09:00:00.000Z',
    answer: '2026-01-05T09:00:05.000Z',
    end: '2026-01-05T09:01:05.000Z',
    from: '1001',
    to: '1002',
    disposition: 'answered',
    agent: '1002',
    recording: 7,
    hangup_cause: 'caller_hangup',
  });
  expect(cdr.legs.map((l) => [l.peer, l.end])).toEqual([
    ['1001', '2026-01-05T09:01:05.000Z'],
    ['1002', '2026-01-05T09:01:05.000Z'],
  ]);
});
