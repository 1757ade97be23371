/**
 * The values a `say` node reads out, checked and split into parts before any
 * language sees them, so Chinese and English accept exactly the same inputs.
 * Integers stay digit strings: 16 digits pass 2^53 and must not be rounded.
 */
import type { SayKind } from './speech.ts';
import { SpeechInputError } from './speech-errors.ts';

/** Up to 9999万亿 (just under 10^16): more than any balance or count an IVR reads. */
export const MAX_INTEGER_DIGITS = 16;
export const MAX_FRACTION_DIGITS = 8;
/** A phone number with extension and a PIN fits; a paste of garbage does not. */
export const MAX_DIGIT_STRING = 32;

export interface SpokenNumber {
  negative: boolean;
  /** Decimal digits without leading zeros; "0" for zero. */
  integer: string;
  /** Digits after the point as written (trailing zeros kept); "" when none. */
  fraction: string;
}

export interface SpokenAmount {
  negative: boolean;
  /** Whole yuan: decimal digits without leading zeros. */
  yuan: string;
  /** 角 (tenths of a yuan), 0–9. */
  jiao: number;
  /** 分 (hundredths of a yuan), 0–9. */
  fen: number;
}

export interface SpokenDate {
  year: number;
  month: number;
  day: number;
}

export interface SpokenTime {
  hour: number;
  minute: number;
  /** Null when the value had no seconds. */
  second: number | null;
}

const DIGITS = /^[0-9*#]+$/;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;
const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A key string: digits, `*` and `#`, read one by one. */
export function parseDigitString(value: string): string {
  if (value.length === 0) throw new SpeechInputError('digits', value, 'empty');
  if (value.length > MAX_DIGIT_STRING) throw new SpeechInputError('digits', value, `longer than ${MAX_DIGIT_STRING} characters`);
  if (!DIGITS.test(value)) throw new SpeechInputError('digits', value, 'only 0-9, * and # can be read digit by digit');
  return value;
}

export function parseNumber(value: string): SpokenNumber {
  const m = NUMBER.exec(value);
  if (!m) throw new SpeechInputError('number', value, 'expected a decimal number such as 1205 or -3.5');
  const integer = integerDigits('number', value, m[2] as string);
  const fraction = m[3] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS) {
    throw new SpeechInputError('number', value, `more than ${MAX_FRACTION_DIGITS} digits after the point`);
  }
  return { negative: m[1] === '-' && !isZero(integer + fraction), integer, fraction };
}

export function parseAmount(value: string): SpokenAmount {
  const m = AMOUNT.exec(value);
  if (!m) throw new SpeechInputError('amount', value, 'expected yuan with at most two decimals (角 and 分), such as 1234.50');
  const yuan = integerDigits('amount', value, m[2] as string);
  const cents = (m[3] ?? '').padEnd(2, '0');
  const jiao = Number(cents[0]);
  const fen = Number(cents[1]);
  return { negative: m[1] === '-' && !(yuan === '0' && jiao === 0 && fen === 0), yuan, jiao, fen };
}

export function parseDate(value: string): SpokenDate {
  const m = DATE.exec(value);
  if (!m) throw new SpeechInputError('date', value, 'expected YYYY-MM-DD');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) throw new SpeechInputError('date', value, 'year 0000 does not exist');
  if (month < 1 || month > 12) throw new SpeechInputError('date', value, `month ${month} is not 1-12`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) throw new SpeechInputError('date', value, `day ${day} is not 1-${last} in that month`);
  return { year, month, day };
}

export function parseTime(value: string): SpokenTime {
  const m = TIME.exec(value);
  if (!m) throw new SpeechInputError('time', value, 'expected HH:MM or HH:MM:SS (24-hour)');
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? null : Number(m[3]);
  if (hour > 23) throw new SpeechInputError('time', value, `hour ${hour} is not 0-23`);
  if (minute > 59) throw new SpeechInputError('time', value, `minute ${minute} is not 0-59`);
  if (second !== null && second > 59) throw new SpeechInputError('time', value, `second ${second} is not 0-59`);
  return { hour, minute, second };
}

/** Every kind's parser, so a caller can validate a value without choosing a language. */
export function checkSayValue(kind: SayKind, value: string): void {
  PARSERS[kind](value);
}

const PARSERS: Record<SayKind, (value: string) => unknown> = {
  digits: parseDigitString,
  number: parseNumber,
  amount: parseAmount,
  date: parseDate,
  time: parseTime,
};

function integerDigits(field: string, value: string, digits: string): string {
  const stripped = digits.replace(/^0+(?=\d)/, '');
  if (stripped.length > MAX_INTEGER_DIGITS) {
    throw new SpeechInputError(field, value, `more than ${MAX_INTEGER_DIGITS} digits before the point`);
  }
  return stripped;
}

function isZero(digits: string): boolean {
  return /^0*$/.test(digits);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian: every fourth year, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
