import { describe, expect, test } from 'bun:test';
import type { CallRecord, LiveCall } from '../../lib/api/types';
import { formatDuration, liveCallSeconds, secondsSince, talkSeconds } from './call-duration';

describe('formatDuration', () => {
  test.each([
    [0, '0:00'],
    [7, '0:07'],
    [754, '12:34'],
    [3723, '1:02:03'],
    [-5, '0:00'],
    [59.9, '0:59'],
  ])('%p s reads %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('durations', () => {
  const start = '2024-05-01T08:00:00.000Z';
  const at = (s: number) => Date.parse(start) + s * 1000;
  const call: LiveCall = { id: 'a1', from: '1001', to: '1002', state: 'ringing', started_at: start, answered_at: null, legs: [] };

  test('a ringing call counts from its start, an answered one from the answer', () => {
    expect(liveCallSeconds(call, at(12))).toBe(12);
    const answered = { ...call, state: 'answered' as const, answered_at: '2024-05-01T08:00:10.000Z' };
    expect(liveCallSeconds(answered, at(75))).toBe(65);
  });

  test('a browser clock behind the box and unreadable times give 0, not a negative', () => {
    expect(secondsSince(start, at(-3))).toBe(0);
    expect(secondsSince('not a time', at(3))).toBe(0);
  });

  test('talk time runs from the answer to the end; unanswered calls have none', () => {
    const base = { answer: '2024-05-01T08:00:05.000Z', end: '2024-05-01T08:01:35.000Z' } as CallRecord;
    expect(talkSeconds(base)).toBe(90);
    expect(talkSeconds({ ...base, answer: null })).toBeNull();
  });
});
