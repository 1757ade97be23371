import { describe, expect, test } from 'bun:test';
import { compareWaiting, type WaitingCall, WaitingList } from './waiting-list.ts';

const call = (id: string, priority: number, enteredAt: number, seq: number): WaitingCall => ({
  id,
  queue: '6001',
  priority,
  enteredAt,
  seq,
  preferred: null,
  preferredUntil: 0,
  excluded: new Set(),
});
const ids = (list: WaitingList) => [...list].map((c) => c.id);

describe('waiting list', () => {
  test.each<[string, WaitingCall[], string[]]>([
    ['first come, first served', [call('a', 0, 10, 1), call('b', 0, 20, 2), call('c', 0, 30, 3)], ['a', 'b', 'c']],
    ['arrival order does not matter', [call('c', 0, 30, 3), call('a', 0, 10, 1), call('b', 0, 20, 2)], ['a', 'b', 'c']],
    ['a higher priority overtakes earlier callers', [call('a', 0, 10, 1), call('b', 0, 20, 2), call('vip', 5, 30, 3)], ['vip', 'a', 'b']],
    ['a callback keeps its old place by enteredAt', [call('a', 0, 10, 1), call('b', 0, 20, 2), call('cb', 0, 15, 3)], ['a', 'cb', 'b']],
    ['seq breaks a tie on enteredAt', [call('y', 0, 10, 2), call('x', 0, 10, 1), call('z', 0, 10, 3)], ['x', 'y', 'z']],
  ])('%s', (_name, calls, expected) => {
    const list = new WaitingList();
    for (const c of calls) list.add(c);
    expect(ids(list)).toEqual(expected);
    expect(list.head()?.id).toBe(expected[0]);
    expect(list.size).toBe(expected.length);
    expected.forEach((id, i) => {
      expect(list.positionOf(id)).toBe(i + 1);
      expect(list.at(i)?.id).toBe(id);
    });
  });

  test('remove takes a call out and returns it; absent ids give undefined and position 0', () => {
    const list = new WaitingList();
    for (const c of [call('a', 0, 10, 1), call('b', 0, 10, 2), call('c', 0, 10, 3)]) list.add(c);
    expect(list.remove('b')?.id).toBe('b');
    expect(list.remove('b')).toBeUndefined();
    expect(list.get('b')).toBeUndefined();
    expect(list.positionOf('b')).toBe(0);
    expect(ids(list)).toEqual(['a', 'c']);
    expect(list.positionOf('c')).toBe(2);
  });

  test('adding an id again replaces the listed call', () => {
    const list = new WaitingList();
    list.add(call('a', 0, 10, 1));
    list.add(call('b', 0, 20, 2));
    list.add(call('a', 0, 30, 3));
    expect(ids(list)).toEqual(['b', 'a']);
    expect(list.size).toBe(2);
  });

  test('an empty list has no head', () => {
    expect(new WaitingList().head()).toBeUndefined();
    expect(new WaitingList().size).toBe(0);
  });

  test('stays sorted through 10,000 random adds and removes, and quickly', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const list = new WaitingList();
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) list.add(call(`c${i}`, Math.floor(rnd() * 3), Math.floor(rnd() * 1_000), i));
    for (let i = 0; i < 10_000; i += 3) list.remove(`c${i}`);
    for (let i = 0; i < 2_000; i++) list.positionOf(`c${Math.floor(rnd() * 10_000)}`);
    const ms = performance.now() - t0;
    const all = [...list];
    expect(all.length).toBe(10_000 - 3_334);
    for (let i = 1; i < all.length; i++) expect(compareWaiting(all[i - 1] as WaitingCall, all[i] as WaitingCall)).toBeLessThan(0);
    expect(ms).toBeLessThan(500);
  });
});
