import { expect, test } from 'bun:test';
import { checkSayValue, isLeapYear, parseAmount, parseNumber, parseTime } from './say-value.ts';
import { SpeechInputError } from './speech-errors.ts';

test.each([
  [2024, true],
  [2026, false],
  [2000, true],
  [1900, false],
  [2100, false],
  [2400, true],
])('isLeapYear(%d) is %p', (year, leap) => {
  expect(isLeapYear(year)).toBe(leap);
});

test('numbers keep all sixteen digits exactly (no float rounding)', () => {
  expect(parseNumber('9007199254740993')).toEqual({ negative: false, integer: '9007199254740993', fraction: '' });
});

test('a minus sign on zero is dropped: nobody says 负零', () => {
  expect(parseNumber('-0.00').negative).toBe(false);
  expect(parseAmount('-0.00').negative).toBe(false);
  expect(parseAmount('-0.01')).toEqual({ negative: true, yuan: '0', jiao: 0, fen: 1 });
});

test('one decimal of an amount is 角, two are 角 and 分', () => {
  expect(parseAmount('3.5')).toEqual({ negative: false, yuan: '3', jiao: 5, fen: 0 });
  expect(parseAmount('003.05')).toEqual({ negative: false, yuan: '3', jiao: 0, fen: 5 });
});

test('seconds are optional in a time', () => {
  expect(parseTime('7:05')).toEqual({ hour: 7, minute: 5, second: null });
  expect(parseTime('07:05:09')).toEqual({ hour: 7, minute: 5, second: 9 });
});

test('checkSayValue validates every kind without a language', () => {
  expect(() => checkSayValue('date', '2024-02-29')).not.toThrow();
  expect(() => checkSayValue('date', '2023-02-29')).toThrow(SpeechInputError);
  expect(() => checkSayValue('digits', '1234#')).not.toThrow();
  expect(() => checkSayValue('number', '１２')).toThrow(SpeechInputError);
});
