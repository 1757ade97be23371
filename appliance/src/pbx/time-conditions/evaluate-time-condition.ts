/**
 * Whether a time condition is open at an instant. Pure: the instant is
 * given, the wall-clock date, weekday and minute come from the condition's
 * own time zone (so DST shifts move opening hours with local time), and
 * the rules of time-condition.ts decide.
 */
import { DEFAULT_TIME_ZONE, type TimeConditionCreate, WEEKDAYS, type Weekday } from './time-condition.ts';

export interface CompiledTimeCondition {
  readonly name: string;
  isOpen(at: Date): boolean;
}

interface LocalTime {
  date: string;
  weekday: Weekday;
  minute: number;
}

/** [start, end) in minutes of the day; end ≤ start means the range runs past midnight. */
type Range = readonly [number, number];

const WEEKDAY_OF: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export function compileTimeCondition(def: TimeConditionCreate): CompiledTimeCondition {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: def.time_zone ?? DEFAULT_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, (def.weekly[d] ?? []).map(parseRange)])) as Record<Weekday, Range[]>;
  const workdays = new Map((def.workdays ?? []).map((w) => [w.date, w.hours ? w.hours.map(parseRange) : weekly.mon]));
  const holidays = (def.holidays ?? []).map((h) => [h.date, h.end ?? h.date] as const);

  const rangesOn = (date: string, weekday: Weekday): Range[] => {
    const worked = workdays.get(date);
    if (worked) return worked;
    if (holidays.some(([from, to]) => from <= date && date <= to)) return [];
    return weekly[weekday];
  };

  return {
    name: def.name,
    isOpen(at: Date): boolean {
      const now = localTime(format, at);
      const today = rangesOn(now.date, now.weekday);
      if (today.some(([start, end]) => now.minute >= start && (end > start ? now.minute < end : true))) return true;
      const before = previousDay(now);
      return rangesOn(before.date, before.weekday).some(([start, end]) => end <= start && now.minute < end);
    },
  };
}

function parseRange(text: string): Range {
  const [start = '', end = ''] = text.split('-');
  return [minutes(start), minutes(end)];
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function localTime(format: Intl.DateTimeFormat, at: Date): LocalTime {
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(at)) part[p.type] = p.value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    weekday: WEEKDAY_OF[part.weekday ?? ''] ?? 'mon',
    minute: Number(part.hour) * 60 + Number(part.minute),
  };
}

/** The calendar day before, by civil-date arithmetic (no time zone involved). */
function previousDay(local: LocalTime): { date: string; weekday: Weekday } {
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d - 1));
  const weekday = WEEKDAYS[(WEEKDAYS.indexOf(local.weekday) + 6) % 7] as Weekday;
  return { date: day.toISOString().slice(0, 10), weekday };
}
