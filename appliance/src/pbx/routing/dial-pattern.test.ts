import { describe, expect, test } from 'bun:test';
import { compareSpecificity, compileDialPattern, mostSpecific, parseDialPattern } from './dial-pattern.ts';

describe('dial pattern matching', () => {
  test.each([
    ['9X.', '901', true],
    ['9X.', '90', false],
    ['9X.', '9', false],
    ['9X.', '91', false],
    ['_9X.', '912', true],
    ['9X!', '91', true],
    ['9!', '9', true],
    ['NXXXXXXX', '88886666', true],
    ['NXXXXXXX', '18886666', false],
    ['ZXX', '100', true],
    ['ZXX', '010', false],
    ['1[3-9]XXXXXXXXX', '13800138000', true],
    ['1[3-9]XXXXXXXXX', '12800138000', false],
    ['[135-7]', '6', true],
    ['[135-7]', '4', false],
    ['138-0013-XXXX', '13800138000', true],
    ['+86.', '+8613800138000', true],
    ['+86.', '8613800138000', false],
    ['*7X', '*72', true],
    ['#1', '#1', true],
    ['1001', '1001', true],
    ['1001', '10011', false],
  ])('%s against %s → %p', (source, number, expected) => {
    expect(compileDialPattern(source).matches(number)).toBe(expected);
  });

  test.each([
    ['', 'is empty'],
    ['_', 'is empty'],
    ['9[1-', 'has no ]'],
    ['9[a]', 'is not a set of digits'],
    ['9[5-1]', 'is not a set of digits'],
    ['9.X', 'must be the last character'],
    ['9Y', 'Y has no meaning'],
    ['---', 'has no digits'],
  ])('refuses %p (%s)', (source, reason) => {
    const result = parseDialPattern(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('specificity: the most specific matching pattern wins', () => {
  const routes = ['9X.', '90X.', '9NXXXXXXX', '9X!', '_9[01]X.'].map((source) => ({ source, pattern: compileDialPattern(source) }));
  test.each([
    // 9 + 8 digits starting 2-9: N is narrower than X at position 2.
    ['988886666', '9NXXXXXXX'],
    // 9 + 0: the literal 0 is narrower than [01] and X.
    ['9012345', '90X.'],
    ['9112345', '_9[01]X.'],
    // Too long for the fixed-length pattern: falls back to 9X.
    ['9888866661', '9X.'],
    // Only `!` admits a bare 9 + one digit ending.
    ['95', '9X!'],
  ])('%s is routed by %s', (number, expected) => {
    expect(mostSpecific(routes, number)?.source).toBe(expected);
  });

  test('the order is total and independent of the input order', () => {
    const sources = ['9X.', '90X.', '9NXXXXXXX', '9X!', '9XX', '9X', '_9X.'];
    const sorted = (list: string[]) => list.map(compileDialPattern).sort(compareSpecificity).map((p) => p.source);
    expect(sorted(sources)).toEqual(sorted([...sources].reverse()));
    expect(sorted(sources)).toEqual(['90X.', '9NXXXXXXX', '9X', '9XX', '9X.', '_9X.', '9X!']);
  });

  test('no match gives null', () => {
    expect(mostSpecific(routes, '8123')).toBeNull();
  });
});
