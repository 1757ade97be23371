import { describe, expect, test } from 'bun:test';
import { compileTimeCondition } from './evaluate-time-condition.ts';
import { canonicalTimeCondition, checkTimeCondition, type TimeConditionCreate } from './time-condition.ts';

const WEEKDAY_HOURS = ['09:00-12:00', '13:30-18:00'];

/** 2025 National Day: 1–8 October off, worked on Sunday 28 September and Saturday 11 October. */
const office = compileTimeCondition({
  name: 'office',
  weekly: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS, sat: ['09:00-12:00'] },
  holidays: [{ date: '2025-10-01', end: '2025-10-08', name: '国庆节' }],
  workdays: [
    { date: '2025-09-28', name: '国庆调休' },
    { date: '2025-10-11', name: '国庆调休', hours: ['09:00-17:00'] },
  ],
});

const night = compileTimeCondition({
  name: 'night',
  weekly: { fri: ['22:00-06:00'], sun: ['20:00-24:00'] },
  holidays: [{ date: '2025-09-27' }, { date: '2025-10-03' }],
});

const berlin = compileTimeCondition({
  name: 'berlin',
  time_zone: 'Europe/Berlin',
  weekly: { mon: ['08:00-17:00'], fri: ['08:00-17:00'], sun: ['02:00-03:00'] },
});

describe('Asia/Shanghai office hours with holidays and make-up days (times in UTC, local = UTC+8)', () => {
  test.each([
    ['Monday 09:00, the first minute', '2025-09-22T01:00:00Z', true],
    ['Monday 08:59', '2025-09-22T00:59:00Z', false],
    ['Monday 12:00, lunch (end is exclusive)', '2025-09-22T04:00:00Z', false],
    ['Monday 13:30', '2025-09-22T05:30:00Z', true],
    ['Monday 17:59', '2025-09-22T09:59:00Z', true],
    ['Monday 18:00', '2025-09-22T10:00:00Z', false],
    ['Saturday 10:00', '2025-09-27T02:00:00Z', true],
    ['Saturday 12:30', '2025-09-27T04:30:00Z', false],
    ['make-up Sunday 10:00, on Monday hours', '2025-09-28T02:00:00Z', true],
    ['make-up Sunday 12:30, Monday lunch', '2025-09-28T04:30:00Z', false],
    ['holiday Wednesday 10:00', '2025-10-01T02:00:00Z', false],
    ['last day of the holiday range', '2025-10-08T02:00:00Z', false],
    ['the day after the holidays', '2025-10-09T02:00:00Z', true],
    ['make-up Saturday 16:00, on its own hours', '2025-10-11T08:00:00Z', true],
    ['make-up Saturday 17:00', '2025-10-11T09:00:00Z', false],
    ['an ordinary Sunday', '2025-10-12T02:00:00Z', false],
    ['local midnight is the next day', '2025-09-21T16:00:00Z', false],
    ['UTC date still Sunday, local Monday 09:30', '2025-09-22T01:30:00Z', true],
  ])('%s (%s) → open %p', (_name, iso, open) => {
    expect(office.isOpen(new Date(iso))).toBe(open);
  });
});

describe('ranges past midnight', () => {
  test.each([
    ['Friday 21:59', '2025-09-26T13:59:00Z', false],
    ['Friday 22:00', '2025-09-26T14:00:00Z', true],
    ['Friday 23:59', '2025-09-26T15:59:00Z', true],
    ['Saturday 00:00, a holiday, still the Friday shift', '2025-09-26T16:00:00Z', true],
    ['Saturday 05:59', '2025-09-26T21:59:00Z', true],
    ['Saturday 06:00', '2025-09-26T22:00:00Z', false],
    ['Sunday 23:59 (range to 24:00)', '2025-09-28T15:59:00Z', true],
    ['Monday 00:00', '2025-09-28T16:00:00Z', false],
    ['a shift that would start on a holiday Friday', '2025-10-03T18:00:00Z', false],
  ])('%s (%s) → open %p', (_name, iso, open) => {
    expect(night.isOpen(new Date(iso))).toBe(open);
  });
});

describe('Europe/Berlin across DST', () => {
  test.each([
    ['Friday 08:30 CET (UTC+1)', '2024-03-29T07:30:00Z', true],
    ['Friday 07:30 CET', '2024-03-29T06:30:00Z', false],
    ['Monday 08:15 CEST (UTC+2): 07:15 if the offset were wrong', '2024-04-01T06:15:00Z', true],
    ['Monday 17:30 CEST: 16:30 if the offset were wrong', '2024-04-01T15:30:00Z', false],
    ['spring forward: 01:59 CET', '2024-03-31T00:59:00Z', false],
    ['spring forward: 03:00 CEST, 02:00-03:00 never happened', '2024-03-31T01:00:00Z', false],
    ['fall back: 02:30 CEST, first pass', '2024-10-27T00:30:00Z', true],
    ['fall back: 02:30 CET, second pass', '2024-10-27T01:30:00Z', true],
    ['fall back: 03:00 CET', '2024-10-27T02:00:00Z', false],
  ])('%s (%s) → open %p', (_name, iso, open) => {
    expect(berlin.isOpen(new Date(iso))).toBe(open);
  });
});

describe('checkTimeCondition', () => {
  const base: TimeConditionCreate = { name: 'x', weekly: {} };
  test.each<[Partial<TimeConditionCreate>, string, string]>([
    [{ time_zone: 'Mars/Olympus' }, 'time_zone', 'not an IANA time zone'],
    [{ holidays: [{ date: '2025-02-30' }] }, 'holidays[0].date', 'not a calendar date'],
    [{ holidays: [{ date: '2025-10-08', end: '2025-10-01' }] }, 'holidays[0].end', 'ends before it starts'],
    [{ holidays: [{ date: '2025-10-01', end: '2025-10-08' }], workdays: [{ date: '2025-10-03' }] }, 'workdays[0].date', 'also a holiday'],
    [{ weekly: { tue: ['09:00-18:00', '10:00-10:00'] } }, 'weekly.tue[1]', 'starts and ends at the same time'],
  ])('%j → %s: %s', (change, path, message) => {
    const issues = checkTimeCondition({ ...base, ...change }, 'time_conditions[0]');
    expect(issues).toEqual([{ path: `time_conditions[0].${path}`, message: expect.stringContaining(message) }]);
  });

  test('a valid condition has no issues', () => {
    expect(checkTimeCondition({ ...base, time_zone: 'Europe/Berlin', weekly: { mon: ['09:00-24:00'] } })).toEqual([]);
  });

  test('the canonical form fills defaults and drops closed days and empty names', () => {
    expect(canonicalTimeCondition({ name: 'x', weekly: { mon: ['09:00-18:00'], tue: [] }, holidays: [{ date: '2025-01-01', end: '2025-01-01' }] })).toEqual({
      name: 'x',
      time_zone: 'Asia/Shanghai',
      weekly: { mon: ['09:00-18:00'] },
      holidays: [{ date: '2025-01-01' }],
      workdays: [],
    });
  });
});
