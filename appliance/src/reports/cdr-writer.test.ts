import { Database } from 'bun:sqlite';
import { describe, expect, test } from 'bun:test';
import { migrate } from '../store/migrate.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { createLogger } from '../system/index.ts';
import { CdrRepository, type NewCdr } from './cdr-repository.ts';
import { CdrWriter } from './cdr-writer.ts';

const logger = createLogger({ level: 'error', format: 'json', write: () => {} });

function cdr(callId: string): NewCdr {
  return {
    call_id: callId,
    start: '2026-01-05T09:00:00.000Z',
    answer: null,
    end: '2026-01-05T09:00:05.000Z',
    from: '1001',
    to: '1002',
    disposition: 'no_answer',
    agent: null,
    queue: null,
    recording: null,
    hangup_cause: 'caller_cancelled',
    legs: [],
  };
}

function setup() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  const repository = new CdrRepository(db);
  const deferred: (() => void)[] = [];
  const writer = new CdrWriter(repository, logger, (task) => deferred.push(task));
  return { db, repository, writer, runDeferred: () => {
      for (const task of deferred.splice(0)) task();
    }, };
}

describe('CdrWriter', () => {
  test('records of calls ending together are committed in one transaction, then every promise resolves', async () => {
    const { db, writer, runDeferred } = setup();
    let commits = 0;
    const original = db.transaction.bind(db);
    db.transaction = ((fn: (...a: unknown[]) => unknown) => {
      commits++;
      return original(fn);
    }) as typeof db.transaction;
    const pending = [writer.write(cdr('a')), writer.write(cdr('b')), writer.write(cdr('c'))];
    let resolved = false;
    void Promise.all(pending).then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    runDeferred();
    const ids = await Promise.all(pending);
    expect(ids).toHaveLength(3);
    expect(commits).toBe(1);
  });

  test('a bad record (duplicate call id) fails alone; the others are written', async () => {
    const { repository, writer, runDeferred } = setup();
    repository.insert(cdr('dup'));
    const good = writer.write(cdr('fresh'));
    const bad = writer.write(cdr('dup'));
    runDeferred();
    expect(await good).toBeGreaterThan(0);
    await expect(bad).rejects.toThrow();
    expect(repository.list({ limit: 10 }).map((c) => c.call_id).sort()).toEqual(['dup', 'fresh']);
  });
});
