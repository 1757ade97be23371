/**
 * Values read out in Mandarin as a list of fragments, one character each
 * ("一", "千", "零", "五"), so each fragment is rendered once and reused by
 * every number. Choices where Mandarin allows more than one form:
 *
 * - 两 at the 千 place (两千, 一万两千), for a number that starts with a lone
 *   2 before 万 or 亿 (两万, 两亿), and for a lone 2 before a measure word
 *   (两元, 两角, 两点, 两秒); 二 elsewhere (二百, 二十二, 十二万, 一亿零二万,
 *   二月, 二日). 二百 and 两百 are both heard; 二百 is the reading form.
 * - Whole sections of zeros and leading zeros of a section take 零 (一亿零三千,
 *   一万零二百); zeros that only end a section before a 千 do not (一亿两千万三千).
 * - A leading 一十 is said 十 (10 → 十, 100000 → 十万); inside a number it
 *   stays 一十 (110 → 一百一十), as the standard reading has it.
 * - One 零 stands for any run of zeros inside a number (1005 → 一千零五,
 *   100000005 → 一亿零五); trailing zeros are silent (1200 → 一千二百).
 * - Digit strings (phone numbers, account numbers) read 1 as 幺, the habit on
 *   the phone that keeps 一 apart from 七; 0 is 零; * and # are 星号 and 井号.
 * - Years are read digit by digit with 一 and 零 (二零二六年); days take 日.
 * - Amounts: 元, 角, 分; 整 only when there are no 角 and 分 (十二元整);
 *   a missing 角 between 元 and 分 is 零 (十元零五分); below one yuan the 元
 *   is left out (五分).
 * - Times are 24-hour: 十四点零五分; a whole hour is 点整; zero seconds are not said.
 */
import type { SayKind } from './speech.ts';
import { parseAmount, parseDate, parseDigitString, parseNumber, parseTime } from './say-value.ts';

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const PLACE = ['', '十', '百', '千'] as const;
const KEY: Record<string, readonly string[]> = { '1': ['幺'], '*': ['星', '号'], '#': ['井', '号'] };

export function sayZh(kind: SayKind, value: string): string[] {
  switch (kind) {
    case 'digits':
      return zhDigits(value);
    case 'number':
      return zhNumber(value);
    case 'amount':
      return zhAmount(value);
    case 'date':
      return zhDate(value);
    case 'time':
      return zhTime(value);
  }
}

export function zhDigits(value: string): string[] {
  return [...parseDigitString(value)].flatMap((c) => KEY[c] ?? [DIGIT[Number(c)] as string]);
}

export function zhNumber(value: string): string[] {
  const n = parseNumber(value);
  const out = n.negative ? ['负'] : [];
  out.push(...zhInteger(n.integer));
  if (n.fraction) out.push('点', ...[...n.fraction].map((d) => DIGIT[Number(d)] as string));
  return out;
}

export function zhAmount(value: string): string[] {
  const a = parseAmount(value);
  const out = a.negative ? ['负'] : [];
  const hasYuan = a.yuan !== '0';
  if (hasYuan || (a.jiao === 0 && a.fen === 0)) out.push(...zhCount(a.yuan), '元');
  if (a.jiao === 0 && a.fen === 0) {
    if (hasYuan) out.push('整');
    return out;
  }
  if (a.jiao > 0) out.push(...zhCount(String(a.jiao)), '角');
  else if (hasYuan) out.push('零');
  if (a.fen > 0) out.push(...zhCount(String(a.fen)), '分');
  return out;
}

export function zhDate(value: string): string[] {
  const d = parseDate(value);
  const year = [...String(d.year)].map((c) => DIGIT[Number(c)] as string);
  return [...year, '年', ...zhInteger(String(d.month)), '月', ...zhInteger(String(d.day)), '日'];
}

export function zhTime(value: string): string[] {
  const t = parseTime(value);
  const out = [...zhCount(String(t.hour)), '点'];
  const seconds = t.second ?? 0;
  if (t.minute === 0 && seconds === 0) return [...out, '整'];
  if (t.minute < 10) out.push('零');
  if (t.minute > 0) out.push(...zhInteger(String(t.minute)));
  out.push('分');
  if (seconds > 0) out.push(...zhCount(String(seconds)), '秒');
  return out;
}

/** A quantity before a measure word: a lone 2 is 两 (两元, 两点, 两秒). */
function zhCount(digits: string): string[] {
  return digits === '2' ? ['两'] : zhInteger(digits);
}

/**
 * A non-negative integer given as digits without leading zeros (at most 16).
 * Positions count from the right; every four make a section whose unit
 * (万, 亿, 万 again for 万亿) is said once the section is done.
 */
export function zhInteger(digits: string): string[] {
  if (digits === '0') return ['零'];
  const out: string[] = [];
  const top = digits.length - 1;
  let previous = -1;
  for (let pos = top; pos >= 0; pos--) {
    const d = Number(digits[top - pos]);
    if (d !== 0) {
      if (previous >= 0 && needsZero(previous, pos)) out.push('零');
      const leading = previous < 0;
      if (!(leading && d === 1 && pos % 4 === 1)) out.push(digitAt(d, pos, leading));
      if (pos % 4 > 0) out.push(PLACE[pos % 4] as string);
      previous = pos;
    }
    if (pos > 0 && pos % 4 === 0) out.push(...sectionUnit(digits, pos));
  }
  return out;
}

/**
 * One 零 for the zeros between two spoken digits, except when those zeros
 * only close the higher section and the lower digit opens the next one at
 * its 千 (1,2000,3000 → 一亿两千万三千). A whole silent section still takes
 * a 零 (1,0000,3000 → 一亿零三千).
 */
function needsZero(previous: number, pos: number): boolean {
  if (previous - pos === 1) return false;
  const opensNextSection = pos % 4 === 3 && Math.floor(previous / 4) === Math.floor(pos / 4) + 1;
  return !opensNextSection;
}

/** 两 at the 千 place, and for a number that starts with a lone 2 before 万 or 亿 (两万, 两亿). */
function digitAt(d: number, pos: number, leading: boolean): string {
  if (d === 2 && (pos % 4 === 3 || (leading && pos >= 4 && pos % 4 === 0))) return '两';
  return DIGIT[d] as string;
}

/** The unit closing the section that ends at `pos` (4, 8 or 12), when that section has a digit. */
function sectionUnit(digits: string, pos: number): string[] {
  const end = digits.length - pos;
  if (pos === 8) return /[1-9]/.test(digits.slice(0, end)) ? ['亿'] : [];
  return /[1-9]/.test(digits.slice(Math.max(0, end - 4), end)) ? ['万'] : [];
}
