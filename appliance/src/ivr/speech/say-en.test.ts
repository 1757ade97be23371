import { describe, expect, test } from 'bun:test';
import { sayEn } from './say-en.ts';
import type { SayKind } from './speech.ts';
import { SpeechInputError } from './speech-errors.ts';

const CASES: [SayKind, string, string][] = [
  ['number', '0', 'zero'],
  ['number', '7', 'seven'],
  ['number', '10', 'ten'],
  ['number', '13', 'thirteen'],
  ['number', '21', 'twenty one'],
  ['number', '100', 'one hundred'],
  ['number', '101', 'one hundred one'],
  ['number', '1205', 'one thousand two hundred five'],
  ['number', '20000', 'twenty thousand'],
  ['number', '100000', 'one hundred thousand'],
  ['number', '1000001', 'one million one'],
  ['number', '100000000', 'one hundred million'],
  ['number', '1000010000', 'one billion ten thousand'],
  [
    'number',
    '9999999999999999',
    'nine quadrillion nine hundred ninety nine trillion nine hundred ninety nine billion nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine',
  ],
  ['number', '-3.5', 'minus three point five'],
  ['number', '0.05', 'zero point zero five'],
  ['number', '-0.0', 'zero point zero'],
  ['amount', '1234.50', 'one thousand two hundred thirty four yuan and fifty fen'],
  ['amount', '1.01', 'one yuan and one fen'],
  ['amount', '0.05', 'five fen'],
  ['amount', '0.5', 'fifty fen'],
  ['amount', '12.00', 'twelve yuan'],
  ['amount', '0', 'zero yuan'],
  ['amount', '-5', 'minus five yuan'],
  ['digits', '13800138000', 'one three eight zero zero one three eight zero zero zero'],
  ['digits', '*0#', 'star zero pound'],
  ['date', '2026-11-22', 'November twenty second twenty twenty six'],
  ['date', '2024-02-29', 'February twenty ninth twenty twenty four'],
  ['date', '2026-03-01', 'March first twenty twenty six'],
  ['date', '2026-03-03', 'March third twenty twenty six'],
  ['date', '2026-03-11', 'March eleventh twenty twenty six'],
  ['date', '2026-03-12', 'March twelfth twenty twenty six'],
  ['date', '2026-03-20', 'March twentieth twenty twenty six'],
  ['date', '2026-03-30', 'March thirtieth twenty twenty six'],
  ['date', '2000-01-01', 'January first two thousand'],
  ['date', '2009-07-04', 'July fourth two thousand nine'],
  ['date', '2010-07-04', 'July fourth twenty ten'],
  ['date', '1999-12-31', 'December thirty first nineteen ninety nine'],
  ['date', '1905-05-05', 'May fifth nineteen oh five'],
  ['date', '1900-05-05', 'May fifth nineteen hundred'],
  ['date', '0999-05-05', 'May fifth nine hundred ninety nine'],
  ['time', '14:05', 'two oh five p.m.'],
  ['time', '14:00', 'two p.m.'],
  ['time', '09:45', 'nine forty five a.m.'],
  ['time', '00:00', 'twelve midnight'],
  ['time', '00:30', 'twelve thirty a.m.'],
  ['time', '12:00', 'twelve noon'],
  ['time', '12:15', 'twelve fifteen p.m.'],
  ['time', '23:59:59', 'eleven fifty nine p.m. and fifty nine seconds'],
  ['time', '08:00:01', 'eight a.m. and one second'],
  ['time', '08:00:00', 'eight a.m.'],
];

describe('sayEn reads values in plain American English', () => {
  test.each(CASES)('%s %s → %s', (kind, value, spoken) => {
    expect(sayEn(kind, value).join(' ')).toBe(spoken);
  });

  test('fragments are single words, so each is rendered once and reused', () => {
    const all = CASES.flatMap(([kind, value]) => sayEn(kind, value));
    expect(all.some((f) => f.includes(' '))).toBe(false);
  });
});

const INVALID: [SayKind, string][] = [
  ['number', 'twelve'],
  ['number', '--1'],
  ['amount', '0.001'],
  ['digits', '12a'],
  ['date', '2026-00-10'],
  ['date', '2026-11-22T00:00'],
  ['time', '-1:00'],
  ['time', '7 pm'],
];

test.each(INVALID)('sayEn refuses %s "%s"', (kind, value) => {
  expect(() => sayEn(kind, value)).toThrow(SpeechInputError);
});
