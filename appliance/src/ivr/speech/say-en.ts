/**
 * Values read out in English as a list of word fragments ("twenty", "three",
 * "hundred"), each rendered once and reused. Choices:
 *
 * - American style without "and" inside numbers: 1205 → one thousand two
 *   hundred five; hyphenated tens become two fragments (twenty, one).
 * - Digit strings read 0 as "zero" (clearer than "oh" on a noisy line);
 *   * and # are "star" and "pound", as IVR menus say them.
 * - Amounts in yuan and fen, the way dollars and cents are said:
 *   1234.50 → … thirty four yuan and fifty fen; 12.00 → twelve yuan;
 *   0.05 → five fen. "yuan" and "fen" do not take a plural.
 * - Dates month first with an ordinal day and the year in pairs:
 *   2026-11-22 → November twenty second twenty twenty six; 2000–2009 are
 *   "two thousand (five)"; 1905 → nineteen oh five; 1900 → nineteen hundred.
 * - Times on the 12-hour clock, as callers expect in English: 14:05 → two oh
 *   five p.m.; 14:00 → two p.m.; 00:00 → twelve midnight; 12:00 → twelve
 *   noon; seconds follow as "and thirty seconds"; zero seconds are not said.
 */
import type { SayKind } from './speech.ts';
import { parseAmount, parseDate, parseDigitString, parseNumber, parseTime } from './say-value.ts';

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const;
const ORDINAL_ONES = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
] as const;
const ORDINAL_TENS: Record<number, string> = { 2: 'twentieth', 3: 'thirtieth' };
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const KEY: Record<string, string> = { '*': 'star', '#': 'pound' };

export function sayEn(kind: SayKind, value: string): string[] {
  switch (kind) {
    case 'digits':
      return enDigits(value);
    case 'number':
      return enNumber(value);
    case 'amount':
      return enAmount(value);
    case 'date':
      return enDate(value);
    case 'time':
      return enTime(value);
  }
}

export function enDigits(value: string): string[] {
  return [...parseDigitString(value)].map((c) => KEY[c] ?? (ONES[Number(c)] as string));
}

export function enNumber(value: string): string[] {
  const n = parseNumber(value);
  const out = n.negative ? ['minus'] : [];
  out.push(...enInteger(n.integer));
  if (n.fraction) out.push('point', ...[...n.fraction].map((d) => ONES[Number(d)] as string));
  return out;
}

export function enAmount(value: string): string[] {
  const a = parseAmount(value);
  const out = a.negative ? ['minus'] : [];
  const fen = a.jiao * 10 + a.fen;
  const hasYuan = a.yuan !== '0';
  if (hasYuan || fen === 0) out.push(...enInteger(a.yuan), 'yuan');
  if (fen > 0) {
    if (hasYuan) out.push('and');
    out.push(...below1000(fen), 'fen');
  }
  return out;
}

export function enDate(value: string): string[] {
  const d = parseDate(value);
  return [MONTHS[d.month - 1] as string, ...ordinal(d.day), ...enYear(d.year)];
}

export function enTime(value: string): string[] {
  const t = parseTime(value);
  const out: string[] = [];
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  out.push(...below1000(hour12));
  if (t.minute > 0) out.push(...(t.minute < 10 ? ['oh', ONES[t.minute] as string] : below1000(t.minute)));
  out.push(dayPart(t.hour, t.minute));
  const seconds = t.second ?? 0;
  if (seconds > 0) out.push('and', ...below1000(seconds), seconds === 1 ? 'second' : 'seconds');
  return out;
}

/** Noon and midnight are neither a.m. nor p.m. to most listeners, so the whole hours get their names. */
function dayPart(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'noon';
  return hour < 12 ? 'a.m.' : 'p.m.';
}

/** A non-negative integer given as digits without leading zeros (at most 16). */
export function enInteger(digits: string): string[] {
  if (digits === '0') return ['zero'];
  const out: string[] = [];
  const groups = Math.ceil(digits.length / 3);
  for (let g = groups - 1; g >= 0; g--) {
    const end = digits.length - g * 3;
    const value = Number(digits.slice(Math.max(0, end - 3), end));
    if (value === 0) continue;
    out.push(...below1000(value));
    if (g > 0) out.push(SCALES[g] as string);
  }
  return out;
}

function below1000(n: number): string[] {
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) out.push(ONES[hundreds] as string, 'hundred');
  if (rest === 0) return out.length > 0 ? out : ['zero'];
  if (rest < 20) out.push(ONES[rest] as string);
  else {
    out.push(TENS[Math.floor(rest / 10)] as string);
    if (rest % 10 > 0) out.push(ONES[rest % 10] as string);
  }
  return out;
}

/** Days of the month: 1–31. */
function ordinal(day: number): string[] {
  if (day < 20) return [ORDINAL_ONES[day] as string];
  const tens = Math.floor(day / 10);
  const ones = day % 10;
  return ones === 0 ? [ORDINAL_TENS[tens] as string] : [TENS[tens] as string, ORDINAL_ONES[ones] as string];
}

function enYear(year: number): string[] {
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (year < 1000 || (year >= 2000 && year < 2010) || (low === 0 && high % 10 === 0)) return enInteger(String(year));
  if (low === 0) return [...below1000(high), 'hundred'];
  return [...below1000(high), ...(low < 10 ? ['oh', ONES[low] as string] : below1000(low))];
}
