import { expect, test } from 'bun:test';
import { logFilter } from './log-filter.ts';

test('only the filters given become conditions, in order, with their values bound', () => {
  expect(logFilter([])).toEqual({ where: '', args: [] });
  expect(logFilter([['queue = ?', '6001'], ['event = ?', undefined], ['at >= ?', ''], ['at < ?', '2026-12-07']])).toEqual({
    where: 'WHERE queue = ? AND at < ?',
    args: ['6001', '2026-12-07'],
  });
});
