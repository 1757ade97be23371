import { describe, expect, test } from 'bun:test';
import type { SayKind } from './speech.ts';
import { SpeechInputError } from './speech-errors.ts';
import { sayZh } from './say-zh.ts';

const CASES: [SayKind, string, string][] = [
  ['number', '0', '零'],
  ['number', '7', '七'],
  ['number', '2', '二'],
  ['number', '10', '十'],
  ['number', '15', '十五'],
  ['number', '20', '二十'],
  ['number', '100', '一百'],
  ['number', '110', '一百一十'],
  ['number', '101', '一百零一'],
  ['number', '200', '二百'],
  ['number', '1005', '一千零五'],
  ['number', '1050', '一千零五十'],
  ['number', '1200', '一千二百'],
  ['number', '1205', '一千二百零五'],
  ['number', '2000', '两千'],
  ['number', '2222', '两千二百二十二'],
  ['number', '10000', '一万'],
  ['number', '10005', '一万零五'],
  ['number', '10200', '一万零二百'],
  ['number', '12000', '一万两千'],
  ['number', '20000', '两万'],
  ['number', '120000', '十二万'],
  ['number', '100000', '十万'],
  ['number', '100010', '十万零一十'],
  ['number', '1000000', '一百万'],
  ['number', '10200000', '一千零二十万'],
  ['number', '100000000', '一亿'],
  ['number', '100000005', '一亿零五'],
  ['number', '100003000', '一亿零三千'],
  ['number', '120003000', '一亿两千万三千'],
  ['number', '120000300', '一亿两千万零三百'],
  ['number', '200000000', '两亿'],
  ['number', '1000010000', '十亿零一万'],
  ['number', '1000000000000', '一万亿'],
  ['number', '1000100000000', '一万零一亿'],
  ['number', '1000000000005', '一万亿零五'],
  ['number', '9999999999999999', '九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九'],
  ['number', '007', '七'],
  ['number', '-3.5', '负三点五'],
  ['number', '-0', '零'],
  ['number', '0.05', '零点零五'],
  ['number', '10.20', '十点二零'],
  ['amount', '1234.50', '一千二百三十四元五角'],
  ['amount', '1234.56', '一千二百三十四元五角六分'],
  ['amount', '1234.06', '一千二百三十四元零六分'],
  ['amount', '0.05', '五分'],
  ['amount', '0.5', '五角'],
  ['amount', '0.22', '两角两分'],
  ['amount', '12.00', '十二元整'],
  ['amount', '12', '十二元整'],
  ['amount', '2', '两元整'],
  ['amount', '0', '零元'],
  ['amount', '0.00', '零元'],
  ['amount', '-5.00', '负五元整'],
  ['amount', '100000000', '一亿元整'],
  ['digits', '13800138000', '幺三八零零幺三八零零零'],
  ['digits', '0', '零'],
  ['digits', '2', '二'],
  ['digits', '*9#', '星号九井号'],
  ['date', '2026-11-22', '二零二六年十一月二十二日'],
  ['date', '2024-02-29', '二零二四年二月二十九日'],
  ['date', '2000-01-01', '二零零零年一月一日'],
  ['date', '1999-12-31', '一九九九年十二月三十一日'],
  ['date', '2026-10-10', '二零二六年十月十日'],
  ['time', '14:05', '十四点零五分'],
  ['time', '14:00', '十四点整'],
  ['time', '00:00', '零点整'],
  ['time', '00:05', '零点零五分'],
  ['time', '02:30', '两点三十分'],
  ['time', '9:10', '九点十分'],
  ['time', '12:00:00', '十二点整'],
  ['time', '14:05:30', '十四点零五分三十秒'],
  ['time', '14:00:02', '十四点零分两秒'],
  ['time', '23:59:59', '二十三点五十九分五十九秒'],
];

describe('sayZh reads values the way Mandarin speakers say them', () => {
  test.each(CASES)('%s %s → %s', (kind, value, spoken) => {
    expect(sayZh(kind, value).join('')).toBe(spoken);
  });

  test('fragments are single characters, so each is rendered once and reused', () => {
    const all = CASES.flatMap(([kind, value]) => sayZh(kind, value));
    expect(all.every((f) => [...f].length === 1)).toBe(true);
    expect(new Set(all).size).toBeLessThan(40);
  });
});

const INVALID: [SayKind, string][] = [
  ['number', ''],
  ['number', '1,000'],
  ['number', '+5'],
  ['number', '1.'],
  ['number', '.5'],
  ['number', '12345678901234567'],
  ['number', '1.123456789'],
  ['amount', '12.345'],
  ['amount', '1e3'],
  ['amount', '¥12'],
  ['digits', ''],
  ['digits', '138-0013'],
  ['digits', '1'.repeat(33)],
  ['date', '2026-02-29'],
  ['date', '1900-02-29'],
  ['date', '2026-13-01'],
  ['date', '2026-04-31'],
  ['date', '0000-01-01'],
  ['date', '2026/11/22'],
  ['time', '24:00'],
  ['time', '12:60'],
  ['time', '12:00:60'],
  ['time', '1200'],
];

describe('sayZh refuses values that are not of their kind', () => {
  test.each(INVALID)('%s "%s"', (kind, value) => {
    expect(() => sayZh(kind, value)).toThrow(SpeechInputError);
  });

  test('the error names the field and the reason', () => {
    try {
      sayZh('date', '2026-02-29');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(SpeechInputError);
      expect((error as SpeechInputError).code).toBe('speech_input');
      expect((error as Error).message).toBe('date "2026-02-29": day 29 is not 1-28 in that month');
    }
  });
});
