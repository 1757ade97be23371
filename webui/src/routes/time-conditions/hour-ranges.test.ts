import { describe, expect, test } from 'bun:test';
import { formatRanges, parseRanges } from './hour-ranges';

describe('parseRanges', () => {
  test.each([
    ['', []],
    ['09:00-18:00', ['09:00-18:00']],
    ['09:00-12:00, 13:30-18:00', ['09:00-12:00', '13:30-18:00']],
    ['9:00 - 12:00；13:30－18:00', ['09:00-12:00', '13:30-18:00']],
    ['9：00至17：30', ['09:00-17:30']],
    ['22:00-06:00', ['22:00-06:00']],
    ['00:00-24:00', ['00:00-24:00']],
  ])('%p is read as %p', (text, ranges) => {
    expect(parseRanges(text)).toEqual({ ok: true, ranges });
  });

  test.each([
    ['9-18', 'format', '9-18'],
    ['09:00-18:00, 25:00-26:00', 'format', '25:00-26:00'],
    ['24:00-08:00', 'format', '24:00-08:00'],
    ['09:00-09:00', 'empty', '09:00-09:00'],
  ])('%p is refused (%s) naming %p', (text, problem, range) => {
    expect(parseRanges(text)).toEqual({ ok: false, problem, range } as never);
  });

  test('at most twelve ranges a day', () => {
    const thirteen = Array.from({ length: 13 }, (_, i) => `${String(i + 10)}:00-${String(i + 10)}:30`).join(',');
    expect(parseRanges(thirteen)).toMatchObject({ ok: false, problem: 'tooMany' });
  });
});

test('formatRanges writes what parseRanges reads back', () => {
  const ranges = ['09:00-12:00', '13:30-18:00'];
  expect(parseRanges(formatRanges(ranges))).toEqual({ ok: true, ranges });
  expect(formatRanges(undefined)).toBe('');
});
