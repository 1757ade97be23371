import { describe, expect, test } from 'bun:test';
import { moveItem, removeAt } from './ordered-list';

describe('moveItem', () => {
  test.each([
    ['up one', 2, 1, ['a', 'c', 'b', 'd']],
    ['down one', 0, 1, ['b', 'a', 'c', 'd']],
    ['to the end', 0, 3, ['b', 'c', 'd', 'a']],
    ['past the top changes nothing', 0, -1, ['a', 'b', 'c', 'd']],
    ['past the bottom changes nothing', 3, 4, ['a', 'b', 'c', 'd']],
  ] as const)('%s', (_, from, to, expected) => {
    const items = ['a', 'b', 'c', 'd'];
    expect(moveItem(items, from, to)).toEqual([...expected]);
    expect(items).toEqual(['a', 'b', 'c', 'd']);
  });
});

test('removeAt drops one item and leaves the input alone', () => {
  const items = ['a', 'b', 'c'];
  expect(removeAt(items, 1)).toEqual(['a', 'c']);
  expect(removeAt(items, 5)).toEqual(['a', 'b', 'c']);
  expect(items).toHaveLength(3);
});
