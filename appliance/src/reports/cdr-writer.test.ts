import { Database } from 'bun:sqlite';
import { describe, expect, test } from 'bun:test';
import { GroupCommit } from '../store/group-commit.ts';
import { migrate } from '../store/migrate.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { FakeClock } from '../system/fake-clock.ts';
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
  const clock = new FakeClock();
  const repository = new CdrRepository(db);
  const writer = new CdrWriter(repository, new GroupCommit({ db, scheduler: clock, logger, windowMs: 10 }));
  return { repository, writer, clock };
}

describe('CdrWriter', () => {
  test('a record is on disk before its promise resolves', async () => {
    const { repository, writer, clock } = setup();
    let resolved = false;
    const pending = writer.write(cdr('a')).then((id) => {
      resolved = true;
      return id;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(repository.list({ limit: 10 })).toHaveLength(0);
    clock.advance(10);
    const id = await pending;
    expect(repository.get(id).call_id).toBe('a');
  });

  test('a bad record (duplicate call id) fails alone; the others are written', async () => {
    const { repository, writer, clock } = setup();
    repository.insert(cdr('dup'));
    const good = writer.write(cdr('fresh'));
    const bad = writer.write(cdr('dup'));
    clock.advance(10);
    expect(await good).toBeGreaterThan(0);
    await expect(bad).rejects.toThrow();
    expect(repository.list({ limit: 10 }).map((c) => c.call_id).sort()).toEqual(['dup', 'fresh']);
  });
});
