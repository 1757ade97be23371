import { Database } from 'bun:sqlite';
import { describe, expect, test } from 'bun:test';
import { FakeClock } from '../system/fake-clock.ts';
import { createLogger } from '../system/index.ts';
import { GroupCommit } from './group-commit.ts';

const logger = createLogger({ level: 'error', format: 'json', write: () => {} });

function setup(windowMs = 10) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  const clock = new FakeClock();
  let transactions = 0;
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...a: unknown[]) => unknown) => {
    transactions++;
    return original(fn);
  }) as typeof db.transaction;
  const group = new GroupCommit({ db, scheduler: clock, logger, windowMs });
  const insert = (k: string) => group.run(() => db.query('INSERT INTO t VALUES (?) RETURNING k').get(k) as { k: string });
  return { db, clock, group, insert, transactions: () => transactions };
}

describe('GroupCommit', () => {
  test('nothing resolves before the commit; writes within the window share one transaction', async () => {
    const { clock, insert, transactions } = setup();
    const settled: string[] = [];
    const a = insert('a').then((r) => settled.push(r.k));
    clock.advance(5);
    const b = insert('b').then((r) => settled.push(r.k));
    await Promise.resolve();
    expect(settled).toEqual([]);
    clock.advance(5);
    await Promise.all([a, b]);
    expect(settled).toEqual(['a', 'b']);
    expect(transactions()).toBe(1);
  });

  test('a failing write fails alone; the rest of its group is committed', async () => {
    const { db, clock, insert } = setup();
    await Promise.all([insert('dup'), Promise.resolve(clock.advance(10))]);
    const good = insert('fresh');
    const bad = insert('dup');
    clock.advance(10);
    expect((await good).k).toBe('fresh');
    await expect(bad).rejects.toThrow();
    expect((db.query('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k)).toEqual(['dup', 'fresh']);
  });

  test('flush() commits at once (shutdown)', async () => {
    const { db, group, insert } = setup(1000);
    const pending = insert('x');
    group.flush();
    expect((await pending).k).toBe('x');
    expect(db.query('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });
});
