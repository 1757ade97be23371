import { describe, expect, test } from 'bun:test';
import { blacklistBody, emptyBlacklistEntry, validateBlacklistEntry } from './blacklist-form';

describe('blacklist add form', () => {
  test.each(['13800138000', '+8613800138000', '0571*', '_1380013XXXX', '_0[1-3]X.'])('accepts %p', (number) => {
    expect(validateBlacklistEntry({ ...emptyBlacklistEntry(), number })).toEqual({});
  });

  test.each(['', '1', '0571**', '138-0013', '_', 'abc', '*'])('refuses %p', (number) => {
    expect(Object.keys(validateBlacklistEntry({ ...emptyBlacklistEntry(), number }))).toEqual(['number']);
  });

  test('a long note is refused; an empty one is left out of the body', () => {
    const values = { ...emptyBlacklistEntry(), number: ' 13800138000 ' };
    expect(Object.keys(validateBlacklistEntry({ ...values, note: 'x'.repeat(201) }))).toEqual(['note']);
    expect(blacklistBody(values)).toEqual({ number: '13800138000', direction: 'both', action: 'reject' });
  });
});
