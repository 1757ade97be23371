import { expect, test } from 'bun:test';
import { EventBus } from '../../events/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import type { Extension } from '../extensions-repository.ts';
import { ExtensionLookup } from './extension-lookup.ts';

function setup() {
  const bus = new EventBus(new FakeClock(), silentLogger);
  const rows = new Map<string, Extension>([['1001', { id: 1, number: '1001', name: 'Alice', enabled: true } as Extension]]);
  let reads = 0;
  const lookup = new ExtensionLookup(
    {
      findByNumber: (n) => {
        reads++;
        return rows.get(n) ?? null;
      },
    },
    bus,
  );
  return { bus, rows, lookup, reads: () => reads };
}

test('an extension is read once, then served from memory', () => {
  const { lookup, reads } = setup();
  expect(lookup.find('1001')?.name).toBe('Alice');
  expect(lookup.find('1001')?.name).toBe('Alice');
  expect(reads()).toBe(1);
});

test('a change to any extension is seen at the next lookup', () => {
  const { bus, rows, lookup } = setup();
  lookup.find('1001');
  rows.set('1001', { id: 1, number: '1001', name: 'Alice', enabled: false } as Extension);
  bus.publish('config.changed', { entity: 'extension', action: 'updated', id: 1, label: '1001' } as never);
  expect(lookup.find('1001')?.enabled).toBe(false);
});

test('unknown numbers are asked again each time and never kept', () => {
  const { rows, lookup, reads } = setup();
  expect(lookup.find('1999')).toBeNull();
  rows.set('1999', { id: 9, number: '1999', name: 'New', enabled: true } as Extension);
  expect(lookup.find('1999')?.name).toBe('New');
  expect(reads()).toBe(2);
});
