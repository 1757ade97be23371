import { expect, test } from 'bun:test';
import { compileCallerPattern } from './caller-pattern.ts';

test.each([
  ['138', '13800138000', true],
  ['138', '13900138000', false],
  ['_1[3-9]XXXXXXXXX', '13800138000', true],
  ['_1[3-9]XXXXXXXXX', '12800138000', false],
  ['_1[3-9]XXXXXXXXX', '1380013800', false],
  ['_010.', '01088886666', true],
  ['_010.', '010', false],
  ['_010!', '010', true],
  ['_NXXXXXXX', '88886666', true],
  ['_NXXXXXXX', '18886666', false],
  ['_ZXX', '100', true],
  ['_ZXX', '010', false],
  ['_[135]X', '32', true],
  ['_[135]X', '22', false],
  ['_+86.', '+8613800138000', true],
])('%s against %s → %p', (pattern, number, expected) => {
  const compiled = compileCallerPattern(pattern);
  if (!compiled.ok) throw new Error(compiled.reason);
  expect(compiled.test(number)).toBe(expected);
});

test.each([
  ['_1[3-9', '_1[3-9: [ without ]'],
  ['_1[a]', '_1[a]: [a] is not a digit set'],
  ['_1Q', '_1Q: Q has no meaning in a pattern'],
  ['13X', '13X: a prefix holds only digits, +, * and #'],
])('refuses %s', (pattern, reason) => {
  expect(compileCallerPattern(pattern)).toEqual({ ok: false, reason });
});
