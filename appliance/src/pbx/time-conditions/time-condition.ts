/**
 * A time condition (时间条件 / 时间组): when a business is open. Weekly
 * hours per weekday, holidays (a day or a range of days, named), and the
 * make-up working days (调休) that Chinese public holidays bring: a
 * Saturday or Sunday that is worked like a weekday.
 *
 * For one calendar day the hours are, first rule that applies:
 *   1. a make-up working day → its own `hours`, else Monday's hours;
 *   2. a holiday → closed;
 *   3. the weekly hours of that weekday (no entry → closed).
 * A range whose end is not after its start (`22:00-06:00`) runs past
 * midnight; its early-morning part belongs to the day it started on, so a
 * night shift that starts on a working day ends even if the next day is a
 * holiday. `24:00` ends a range at midnight.
 */
import { type Static, type TOptional, Type as T } from '@sinclair/typebox';
import type { FieldIssue } from '../../errors.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const TimeConditionName = T.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: '1 to 64 letters, digits, _ or -' });
const HourRange = T.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  description: 'HH:MM-HH:MM, e.g. 09:00-18:00; 22:00-06:00 runs past midnight',
});
const HourRanges = T.Array(HourRange, { maxItems: 12 });
const DateText = T.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

export const Holiday = T.Object(
  {
    date: DateText,
    end: T.Optional(T.String({ ...DateText, description: 'last day of a range of holidays (YYYY-MM-DD)' })),
    name: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Holiday = Static<typeof Holiday>;

export const MakeUpWorkday = T.Object(
  {
    date: DateText,
    name: T.Optional(T.String({ minLength: 1, maxLength: 64 })),
    hours: T.Optional(T.Array(HourRange, { maxItems: 12, description: "hours of that day; default Monday's" })),
  },
  { additionalProperties: false },
);
export type MakeUpWorkday = Static<typeof MakeUpWorkday>;

export const WeeklyHours = T.Object(Object.fromEntries(WEEKDAYS.map((d) => [d, T.Optional(HourRanges)])) as Record<Weekday, TOptional<typeof HourRanges>>, {
  additionalProperties: false,
});
export type WeeklyHours = Static<typeof WeeklyHours>;

export const TimeConditionCreate = T.Object(
  {
    name: TimeConditionName,
    time_zone: T.Optional(T.String({ minLength: 1, maxLength: 64, description: `IANA time zone, default ${DEFAULT_TIME_ZONE}` })),
    weekly: WeeklyHours,
    holidays: T.Optional(T.Array(Holiday, { maxItems: 500 })),
    workdays: T.Optional(T.Array(MakeUpWorkday, { maxItems: 200, description: 'make-up working days (调休) on weekends' })),
  },
  { additionalProperties: false },
);
export type TimeConditionCreate = Static<typeof TimeConditionCreate>;

export const TimeCondition = T.Composite([
  T.Object({ id: T.Integer(), time_zone: T.String(), holidays: T.Array(Holiday), workdays: T.Array(MakeUpWorkday) }),
  T.Omit(TimeConditionCreate, ['time_zone', 'holidays', 'workdays']),
  T.Object({ created_at: T.String(), updated_at: T.String() }),
]);
export type TimeCondition = Static<typeof TimeCondition>;

/** The definition with every default filled in and closed days left out: stored, compared and exported in this form. */
export function canonicalTimeCondition(input: TimeConditionCreate): Required<TimeConditionCreate> {
  const weekly: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const hours = input.weekly[day];
    if (hours && hours.length > 0) weekly[day] = [...hours];
  }
  return {
    name: input.name,
    time_zone: input.time_zone ?? DEFAULT_TIME_ZONE,
    weekly,
    holidays: (input.holidays ?? []).map((h) => ({ date: h.date, ...(h.end && h.end !== h.date ? { end: h.end } : {}), ...(h.name ? { name: h.name } : {}) })),
    workdays: (input.workdays ?? []).map((w) => ({ date: w.date, ...(w.name ? { name: w.name } : {}), ...(w.hours ? { hours: [...w.hours] } : {}) })),
  };
}

/** What a schema cannot say: the zone exists, dates are real, ranges are not empty, a day is not both off and worked. */
export function checkTimeCondition(input: TimeConditionCreate, path = ''): FieldIssue[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const issues: FieldIssue[] = [];
  if (input.time_zone !== undefined && !isTimeZone(input.time_zone)) {
    issues.push({ path: at('time_zone'), message: `${input.time_zone} is not an IANA time zone (e.g. Asia/Shanghai)` });
  }
  for (const day of WEEKDAYS) checkRanges(input.weekly[day], at(`weekly.${day}`), issues);
  input.holidays?.forEach((h, i) => {
    if (!isDate(h.date)) issues.push({ path: at(`holidays[${i}].date`), message: `${h.date} is not a calendar date` });
    if (h.end !== undefined && !isDate(h.end)) issues.push({ path: at(`holidays[${i}].end`), message: `${h.end} is not a calendar date` });
    else if (h.end !== undefined && h.end < h.date) issues.push({ path: at(`holidays[${i}].end`), message: `ends before it starts (${h.date})` });
  });
  input.workdays?.forEach((w, i) => {
    if (!isDate(w.date)) issues.push({ path: at(`workdays[${i}].date`), message: `${w.date} is not a calendar date` });
    const holiday = input.holidays?.findIndex((h) => h.date <= w.date && w.date <= (h.end ?? h.date)) ?? -1;
    if (holiday >= 0) issues.push({ path: at(`workdays[${i}].date`), message: `${w.date} is also a holiday (holidays[${holiday}])` });
    checkRanges(w.hours, at(`workdays[${i}].hours`), issues);
  });
  return issues;
}

function checkRanges(ranges: readonly string[] | undefined, path: string, issues: FieldIssue[]): void {
  ranges?.forEach((r, i) => {
    const [start, end] = r.split('-');
    if (start === end) issues.push({ path: `${path}[${i}]`, message: `${r} starts and ends at the same time` });
  });
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
