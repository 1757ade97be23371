import { expect, test } from 'bun:test';
import { localTime } from './message-time.ts';

const cases: [string, string, string, string][] = [
  // [utc instant, zone, local date, local time]
  ['2026-01-05T09:00:00Z', 'Asia/Shanghai', '2026-01-05', '17:00'],
  ['2026-01-05T16:30:00Z', 'Asia/Shanghai', '2026-01-06', '00:30'],
  ['2026-07-01T00:05:00Z', 'Europe/Berlin', '2026-07-01', '02:05'],
  ['2026-01-05T09:00:00Z', 'UTC', '2026-01-05', '09:00'],
  ['2026-01-05T09:00:00Z', 'Not/AZone', '2026-01-05', '09:00'],
];

test.each(cases)('%s in %s reads as %s %s', (utc, zone, date, time) => {
  expect(localTime(Date.parse(utc), zone)).toEqual({ date, time });
});
