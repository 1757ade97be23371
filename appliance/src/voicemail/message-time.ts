/** The local date and time of a message, as the speech engine reads them out ("2026-01-05", "17:00"). */

export interface LocalTime {
  date: string;
  time: string;
}

/** `timeZone` is an IANA name; an unknown one falls back to UTC rather than failing a call. */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return localTime(epochMs, 'UTC');
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(epochMs).find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}
