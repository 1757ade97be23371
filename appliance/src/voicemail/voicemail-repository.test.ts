import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { NotFoundError } from '../errors.ts';
import { MailboxAccess, type PinCheck } from './mailbox-access.ts';
import { type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { tempServices } from '../testing/temp-services.ts';

let f: VoicemailFixture;
let access: MailboxAccess;
beforeEach(() => {
  f = voicemailFixture(tempServices());
  access = new MailboxAccess({ repository: f.repository, settings: f.settings, clock: f.clock });
});
afterEach(() => f.close());

function leave(mailbox: string): number {
  const r = f.store.reserveMessage(mailbox);
  writeFileSync(r.temp, '');
  return f.store.commitMessage(r, { caller_number: '', caller_name: null, called_at: new Date(f.clock.now()).toISOString(), duration_ms: 1, call_id: null }).id;
}

describe('mailboxes', () => {
  test('an extension without a row has an enabled mailbox with no PIN', () => {
    expect(f.repository.get('1002')).toEqual({
      extension: '1002',
      name: 'Bob',
      enabled: true,
      has_pin: false,
      has_greeting: false,
      email: null,
      attach_audio: true,
      locked_until: null,
      new_messages: 0,
      saved_messages: 0,
    });
    expect(f.repository.find('1002')).toMatchObject({ enabled: true, pinHash: null, attachAudio: true });
  });

  test('the list has every extension with its counts', () => {
    leave('1002');
    f.store.setState(leave('1002'), 'saved');
    expect(f.repository.list().map((m) => [m.extension, m.new_messages, m.saved_messages])).toEqual([
      ['1001', 0, 0],
      ['1002', 1, 1],
    ]);
  });

  test("message emails go to the mailbox's address, else the extension's", () => {
    expect(f.repository.find('1001')?.email).toBe('alice@example.com');
    f.repository.update('1001', { email: 'desk@example.com', attach_audio: false });
    expect(f.repository.find('1001')).toMatchObject({ email: 'desk@example.com', attachAudio: false });
    expect(f.repository.get('1001').email).toBe('desk@example.com');
  });

  test('unknown mailboxes are NotFoundError', () => {
    expect(f.repository.find('1099')).toBeNull();
    expect(() => f.repository.get('1099')).toThrow(NotFoundError);
    expect(() => f.repository.update('1099', { enabled: false })).toThrow(NotFoundError);
    expect(() => f.repository.messages('1099', { limit: 10 })).toThrow(NotFoundError);
  });

  test('deleting the extension takes its mailbox and messages with it', () => {
    leave('1002');
    f.repository.update('1002', { enabled: false });
    const ext = f.services.extensions.findByNumber('1002');
    f.services.extensions.delete(ext?.id as number);
    expect(f.services.db.query('SELECT count(*) AS n FROM voicemail_messages').get()).toEqual({ n: 0 });
    expect(f.services.db.query('SELECT count(*) AS n FROM voicemail_boxes').get()).toEqual({ n: 0 });
  });
});

describe('PIN access', () => {
  test.each<[string, string, string, PinCheck]>([
    ['an unknown mailbox sounds like a wrong PIN', '1099', '1234', 'wrong'],
    ['a mailbox without a PIN says so', '1001', '1234', 'no-pin'],
    ['the right PIN opens', '1002', '2468', 'ok'],
    ['a wrong PIN does not', '1002', '1357', 'wrong'],
  ])('%s', async (_name, mailbox, pin, verdict) => {
    await access.setPin('1002', '2468');
    expect(await access.check(mailbox, pin)).toBe(verdict);
  });

  test('the PIN is stored salted: two mailboxes with the same PIN have different hashes', async () => {
    await access.setPin('1001', '2468');
    await access.setPin('1002', '2468');
    const [a, b] = [f.repository.find('1001'), f.repository.find('1002')];
    expect(a?.pinHash).not.toBe(b?.pinHash);
    expect(a?.pinHash).not.toContain('2468');
  });

  test('the Nth wrong PIN in a row locks the box for the lockout time, whatever is typed', async () => {
    f.settings.setPolicy({ ...f.settings.policy(), pin_max_failures: 3, pin_lockout_min: 5 });
    await access.setPin('1002', '2468');
    expect(await access.check('1002', '0000')).toBe('wrong');
    expect(await access.check('1002', '0001')).toBe('wrong');
    expect(await access.check('1002', '0002')).toBe('locked');
    expect(f.repository.get('1002').locked_until).toBe('2026-01-05T09:05:00.000Z');
    f.clock.advance(5 * 60_000 - 1);
    expect(await access.check('1002', '2468')).toBe('locked');
    f.clock.advance(1);
    expect(await access.check('1002', '2468')).toBe('ok');
    expect(f.repository.get('1002').locked_until).toBeNull();
  });

  test('a right PIN resets the count of wrong ones', async () => {
    f.settings.setPolicy({ ...f.settings.policy(), pin_max_failures: 3 });
    await access.setPin('1002', '2468');
    await access.check('1002', '0000');
    await access.check('1002', '0001');
    await access.check('1002', '2468');
    expect(await access.check('1002', '0002')).toBe('wrong');
  });

  test('setting a PIN lifts a lock; clearing it leaves the box without one', async () => {
    f.settings.setPolicy({ ...f.settings.policy(), pin_max_failures: 3 });
    await access.setPin('1002', '2468');
    for (const pin of ['0', '1', '2']) await access.check('1002', pin);
    await access.setPin('1002', '8642');
    expect(await access.check('1002', '8642')).toBe('ok');
    await access.setPin('1002', null);
    expect(await access.check('1002', '8642')).toBe('no-pin');
  });

  test.each(['123', '123456789', '12a4', ''])('%p is not a PIN', async (pin) => {
    await expect(access.setPin('1002', pin)).rejects.toThrow('pin: must be 4 to 8 digits');
  });
});
