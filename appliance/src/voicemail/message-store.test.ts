import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../errors.ts';
import { type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { tempServices } from '../testing/temp-services.ts';

let f: VoicemailFixture;
beforeEach(() => {
  f = voicemailFixture(tempServices());
});
afterEach(() => f.close());

function leave(mailbox = '1002', daysAgo = 0): number {
  const r = f.store.reserveMessage(mailbox);
  writeFileSync(r.temp, new Uint8Array(44));
  const calledAt = new Date(f.clock.now() - daysAgo * 86_400_000).toISOString();
  return f.store.commitMessage(r, { caller_number: '139', caller_name: null, called_at: calledAt, duration_ms: 2000, call_id: 'c1' }).id;
}

const files = (box: string) => (existsSync(join(f.dir, box)) ? readdirSync(join(f.dir, box)).sort() : []);

/** Makes a file look as old as the fake clock minus `hours`. */
function age(path: string, hours: number): void {
  const t = (f.clock.now() - hours * 3600_000) / 1000;
  utimesSync(path, t, t);
}

describe('message files and rows stay in step', () => {
  test('a kept recording is renamed from its .part name and its row points at it', () => {
    const id = leave();
    expect(files('1002')).toEqual(['20260105-090000-00000001.wav']);
    expect(f.repository.pathOf(id)).toBe('1002/20260105-090000-00000001.wav');
    expect(f.store.audioFile(id)).toBe(join(f.dir, '1002', '20260105-090000-00000001.wav'));
  });

  test('when the file cannot be moved no row is kept', () => {
    const r = f.store.reserveMessage('1002');
    expect(() => f.store.commitMessage(r, { caller_number: '1', caller_name: null, called_at: 'x', duration_ms: 1, call_id: null })).toThrow();
    expect(f.repository.messageCount('1002')).toBe(0);
    expect(f.eventsNamed('voicemail.message')).toEqual([]);
  });

  test('delete removes row and file and announces the counts', () => {
    const id = leave();
    f.store.delete(id);
    expect(files('1002')).toEqual([]);
    expect(() => f.repository.message(id)).toThrow(NotFoundError);
    expect(f.eventsNamed('voicemail.mailbox').at(-1)).toEqual({ mailbox: '1002', new: 0, saved: 0 });
  });

  test('a state change is announced only when it changes something', () => {
    const id = leave();
    f.store.setState(id, 'saved');
    f.store.setState(id, 'saved');
    expect(f.eventsNamed('voicemail.mailbox')).toEqual([
      { mailbox: '1002', new: 1, saved: 0 },
      { mailbox: '1002', new: 0, saved: 1 },
    ]);
  });

  test('a missing audio file is a NotFoundError, not a crash', () => {
    const id = leave();
    f.store.delete(id);
    expect(() => f.store.audioFile(id)).toThrow(NotFoundError);
  });

  test('a new greeting replaces the old file', () => {
    f.store.installGreeting('1002', new Uint8Array([1]));
    const first = files('1002');
    f.clock.advance(1000);
    f.store.installGreeting('1002', new Uint8Array([2]));
    expect(files('1002')).toHaveLength(1);
    expect(files('1002')).not.toEqual(first);
    f.store.clearGreeting('1002');
    expect(files('1002')).toEqual([]);
  });

  test('a stored path that leaves the directory is refused', () => {
    f.store.installGreeting('1002', new Uint8Array([1]));
    f.services.db.run("UPDATE voicemail_boxes SET greeting_path = '../../secret.key'");
    expect(() => f.store.greetingFile('1002')).toThrow(NotFoundError);
  });
});

describe('sweep', () => {
  test('deletes messages past the retention, keeps the rest, and announces the boxes it touched', () => {
    const old = leave('1002', 31);
    const recent = leave('1002', 29);
    const other = leave('1001', 40);
    expect(f.store.sweep(30)).toEqual({ deleted: 2, strays: 0 });
    expect(() => f.repository.message(old)).toThrow(NotFoundError);
    expect(() => f.repository.message(other)).toThrow(NotFoundError);
    expect(f.repository.message(recent).id).toBe(recent);
    expect(files('1002')).toHaveLength(1);
    expect(f.eventsNamed('voicemail.mailbox').slice(-2)).toEqual(
      expect.arrayContaining([
        { mailbox: '1002', new: 1, saved: 0 },
        { mailbox: '1001', new: 0, saved: 0 },
      ]),
    );
  });

  test('removes day-old files no row points at, and leaves recordings in progress', () => {
    leave('1002');
    f.store.installGreeting('1002', new Uint8Array([1]));
    const stray = join(f.dir, '1002', 'crashed.part.wav');
    const recording = join(f.dir, '1002', 'now.part.wav');
    const orphanBox = join(f.dir, '1077');
    writeFileSync(stray, '');
    writeFileSync(recording, '');
    mkdirSync(orphanBox);
    writeFileSync(join(orphanBox, 'x.wav'), '');
    for (const p of [stray, join(orphanBox, 'x.wav'), ...readdirSync(join(f.dir, '1002')).map((n) => join(f.dir, '1002', n))]) age(p, 48);
    age(recording, 1);
    expect(f.store.sweep(30)).toEqual({ deleted: 0, strays: 2 });
    expect(files('1002')).toEqual(expect.arrayContaining(['now.part.wav']));
    expect(files('1002')).toHaveLength(3);
    expect(files('1077')).toEqual([]);
  });
});
