import type { Message } from '../../i18n/catalogue';
import { type TimeCondition, type TimeConditionBody, WEEKDAYS, type Weekday } from '../../lib/api/routing-types';
import type { FieldErrors } from '../../lib/forms/field-errors';
import { formatRanges, parseRanges, type RangesResult } from './hour-ranges';

export interface HolidayRow {
  date: string;
  /** The last day of a run of days off; '' for one day. */
  end: string;
  name: string;
}

export interface WorkdayRow {
  date: string;
  name: string;
  /** '' for Monday's hours. */
  hours: string;
}

/** What the time condition form edits: each weekday's hours as typed, the dated lists as rows. */
export interface TimeConditionValues extends Record<string, unknown>, Record<Weekday, string> {
  name: string;
  time_zone: string;
  holidays: HolidayRow[];
  workdays: WorkdayRow[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const MAX_LABEL = 64;
export const MAX_HOLIDAYS = 500;
export const MAX_WORKDAYS = 200;

export function emptyTimeCondition(): TimeConditionValues {
  const weekday = '09:00-18:00';
  return {
    name: '',
    time_zone: DEFAULT_TIME_ZONE,
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: '',
    sun: '',
    holidays: [],
    workdays: [],
  };
}

export function timeConditionValues(item: TimeCondition): TimeConditionValues {
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, formatRanges(item.weekly[day])])) as Record<Weekday, string>;
  return {
    name: item.name,
    time_zone: item.time_zone,
    ...days,
    holidays: item.holidays.map((h) => ({ date: h.date, end: h.end ?? '', name: h.name ?? '' })),
    workdays: item.workdays.map((w) => ({ date: w.date, name: w.name ?? '', hours: formatRanges(w.hours) })),
  };
}

/** A real calendar day written YYYY-MM-DD. */
export function isDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function rangesError(result: RangesResult): Message | undefined {
  if (result.ok) return undefined;
  if (result.problem === 'tooMany') return { key: 'timeConditions.errTooManyRanges' };
  return { key: result.problem === 'empty' ? 'timeConditions.errRangeEmpty' : 'timeConditions.errRange', params: { range: result.range } };
}

function holidayProblem(row: HolidayRow): Message | null {
  if (!isDate(row.date)) return { key: 'timeConditions.errDate' };
  if (row.end !== '' && !isDate(row.end)) return { key: 'timeConditions.errEndDate' };
  if (row.end !== '' && row.end < row.date) return { key: 'timeConditions.errEndBefore' };
  if (row.name.trim().length > MAX_LABEL) return { key: 'timeConditions.errLabel', params: { max: MAX_LABEL } };
  return null;
}

function workdayProblem(row: WorkdayRow, holidays: readonly HolidayRow[]): Message | null {
  if (!isDate(row.date)) return { key: 'timeConditions.errDate' };
  if (holidays.some((h) => h.date <= row.date && row.date <= (h.end || h.date))) return { key: 'timeConditions.errWorkdayIsHoliday' };
  if (row.name.trim().length > MAX_LABEL) return { key: 'timeConditions.errLabel', params: { max: MAX_LABEL } };
  return rangesError(parseRanges(row.hours)) ?? null;
}

/** The first bad row of a list, named by its position. */
function rowsError<R>(rows: readonly R[], problem: (row: R) => Message | null): Message | undefined {
  for (const [index, row] of rows.entries()) {
    const reason = problem(row);
    if (reason && 'key' in reason) return { key: 'timeConditions.errRow', params: { position: index + 1, reason } };
  }
  return undefined;
}

export function validateTimeCondition(values: TimeConditionValues): FieldErrors<TimeConditionValues> {
  const errors: FieldErrors<TimeConditionValues> = {};
  if (!NAME_PATTERN.test(values.name)) errors.name = { key: 'timeConditions.errName' };
  if (!isTimeZone(values.time_zone.trim())) errors.time_zone = { key: 'timeConditions.errTimeZone' };
  for (const day of WEEKDAYS) {
    const error = rangesError(parseRanges(values[day]));
    if (error) errors[day] = error;
  }
  const tooMany = (max: number): Message => ({ key: 'timeConditions.errTooMany', params: { max } });
  const holidays = values.holidays.length > MAX_HOLIDAYS ? tooMany(MAX_HOLIDAYS) : rowsError(values.holidays, holidayProblem);
  if (holidays) errors.holidays = holidays;
  const workdays =
    values.workdays.length > MAX_WORKDAYS ? tooMany(MAX_WORKDAYS) : rowsError(values.workdays, (row) => workdayProblem(row, values.holidays));
  if (workdays) errors.workdays = workdays;
  return errors;
}

/** Closed weekdays are left out; optional row fields only when filled in. */
export function timeConditionBody(values: TimeConditionValues): TimeConditionBody {
  const weekly: TimeConditionBody['weekly'] = {};
  for (const day of WEEKDAYS) {
    const parsed = parseRanges(values[day]);
    if (parsed.ok && parsed.ranges.length > 0) weekly[day] = parsed.ranges;
  }
  return {
    name: values.name,
    time_zone: values.time_zone.trim(),
    weekly,
    holidays: values.holidays.map((row) => ({
      date: row.date,
      ...(row.end !== '' && row.end !== row.date ? { end: row.end } : {}),
      ...(row.name.trim() !== '' ? { name: row.name.trim() } : {}),
    })),
    workdays: values.workdays.map((row) => {
      const hours = parseRanges(row.hours);
      return {
        date: row.date,
        ...(row.name.trim() !== '' ? { name: row.name.trim() } : {}),
        ...(hours.ok && hours.ranges.length > 0 ? { hours: hours.ranges } : {}),
      };
    }),
  };
}

/** Runs of consecutive days with the same hours, for a one-line summary: Mon–Fri 09:00-18:00. */
export function weeklyGroups(weekly: TimeCondition['weekly']): { first: Weekday; last: Weekday; ranges: string[] }[] {
  const groups: { first: Weekday; last: Weekday; ranges: string[] }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = weekly[day] ?? [];
    if (ranges.length === 0) continue;
    const previous = groups.at(-1);
    const adjacent = previous && WEEKDAYS.indexOf(previous.last) === WEEKDAYS.indexOf(day) - 1;
    if (previous && adjacent && formatRanges(previous.ranges) === formatRanges(ranges)) previous.last = day;
    else groups.push({ first: day, last: day, ranges: [...ranges] });
  }
  return groups;
}
