import { expect, test } from 'bun:test';
import { ChannelCounter } from './channel-counter.ts';

test('channels are taken up to max_channels, given back, and never counted below zero', () => {
  const c = new ChannelCounter();
  expect([c.acquire('a', 2), c.acquire('a', 2), c.acquire('a', 2)]).toEqual([true, true, false]);
  expect(c.inUse('a')).toBe(2);
  c.release('a');
  expect(c.acquire('a', 2)).toBe(true);
  c.release('b');
  expect(c.inUse('b')).toBe(0);
  for (let i = 0; i < 100; i++) expect(c.acquire('unlimited', null)).toBe(true);
  expect(c.inUse('unlimited')).toBe(100);
});
