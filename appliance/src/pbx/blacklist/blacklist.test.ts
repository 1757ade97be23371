import { afterAll, describe, expect, test } from 'bun:test';
import { ValidationError } from '../../errors.ts';
import { tempServices } from '../../testing/temp-services.ts';
import { parseDialPattern } from '../routing/dial-pattern.ts';
import { blacklistCsv, parseBlacklistCsv } from './blacklist-csv.ts';
import { type BlacklistEntry, parseBlacklistNumber } from './blacklist-entry.ts';
import { compileBlacklist } from './blacklist-matcher.ts';

const entry = (id: number, number: string, direction: BlacklistEntry['direction'], action: BlacklistEntry['action'] = 'reject'): BlacklistEntry => ({
  id,
  number,
  kind: 'number',
  direction,
  action,
  note: '',
  created_at: '',
  updated_at: '',
});

function validationIssues(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('blacklist numbers', () => {
  test.each([
    ['13800138000', 'number'],
    ['+8613800138000', 'number'],
    ['0571*', 'prefix'],
    ['_1380013XXXX', 'pattern'],
  ])('%s is a %s', (text, kind) => {
    expect(parseBlacklistNumber(text)).toMatchObject({ ok: true, kind });
  });

  test.each(['1', '138*0', '_9[', 'abc', '*'])('%s is refused', (text) => {
    expect(parseBlacklistNumber(text).ok).toBe(false);
  });
});

describe('compileBlacklist', () => {
  const matcher = compileBlacklist(
    [
      entry(1, '0571*', 'inbound', 'reject'),
      entry(2, '057188886666', 'both', 'play'),
      entry(3, '_1380013XXXX', 'both', 'hangup'),
      entry(4, '+8613900000000', 'outbound'),
      entry(5, '138*', 'inbound', 'play'),
    ],
    '0571',
  );
  test.each([
    ['a number under a prefix', '057187654321', 'inbound', 1],
    ['an exact number beats the prefix it is under', '057188886666', 'inbound', 2],
    ['the local form gets the home area code', '88886666', 'inbound', 2],
    ['the +86 form', '+8657188886666', 'inbound', 2],
    ['a pattern beats a shorter prefix', '13800131234', 'inbound', 3],
    ['only the prefix', '13811111111', 'inbound', 5],
    ['an inbound-only prefix does not block calls out', '057187654321', 'outbound', null],
    ['a +86 entry matches the domestic form', '13900000000', 'outbound', 4],
    ['an outbound entry does not block calls in', '13900000000', 'inbound', null],
    ['not listed', '02088886666', 'inbound', null],
  ] as const)('%s: %s %s → entry %p', (_name, number, direction, id) => {
    expect(matcher.check(number, direction)?.id ?? null).toBe(id);
  });

  test('the prefix pattern admits the prefix itself', () => {
    expect(parseDialPattern('_0571!').ok).toBe(true);
  });
});

describe('blacklist CSV', () => {
  test('reads the header in any order, BOM, CRLF, quotes and defaults', () => {
    const csv = '\uFEFFnote,number,action,direction\r\n"harasser, repeated",13800138000,play,inbound\r\n,0571*,,\r\n';
    expect(parseBlacklistCsv(csv)).toEqual([
      { number: '13800138000', direction: 'inbound', action: 'play', note: 'harasser, repeated' },
      { number: '0571*' },
    ]);
  });

  test('reads the Chinese header and values', () => {
    const utf8 = new TextEncoder().encode('号码,方向,处理方式,备注\n13800138000,呼入,挂断,骚扰\n');
    expect(parseBlacklistCsv(utf8)).toEqual([{ number: '13800138000', direction: 'inbound', action: 'hangup', note: '骚扰' }]);
  });

  test('reads a file saved as GBK', () => {
    // "浙江" in GBK is D5E3 BDAD; as UTF-8 these bytes are invalid.
    const gbk = new Uint8Array([...new TextEncoder().encode('number,note\n13800138000,'), 0xd5, 0xe3, 0xbd, 0xad, 0x0a]);
    expect(parseBlacklistCsv(gbk)).toEqual([{ number: '13800138000', note: '浙江' }]);
  });

  test('every bad line is reported with its line number', () => {
    const csv = 'number,direction,action,note\n13800138000,inbound,reject,\nabc,,,\n13800138001,sideways,,\n13800138002,,explode,\n13800138000,,,\n,,,x\n1390,,,,extra\n';
    expect(validationIssues(() => parseBlacklistCsv(csv))).toEqual([
      { path: 'line 3', message: expect.stringContaining('number: abc is not a number') },
      { path: 'line 4', message: expect.stringContaining('direction: "sideways" is not allowed (inbound, outbound, both)') },
      { path: 'line 5', message: expect.stringContaining('action: "explode" is not allowed (reject, play, hangup)') },
      { path: 'line 6', message: '13800138000 already on line 2' },
      { path: 'line 7', message: 'number is empty' },
      { path: 'line 8', message: expect.stringContaining('more cells than the header') },
    ]);
  });

  test.each([
    ['', 'line 1', 'the file is empty'],
    ['phone,note\n1,2\n', 'line 1', 'unknown column phone'],
    ['note\nx\n', 'line 1', 'no number column'],
  ])('a wrong header is refused: %j', (csv, path, message) => {
    expect(validationIssues(() => parseBlacklistCsv(csv))).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  test('export then import gives the same entries', () => {
    const entries = [{ ...entry(1, '13800138000', 'inbound', 'play'), note: 'says "hi", twice\nand more' }, entry(2, '0571*', 'both')];
    const csv = blacklistCsv(entries);
    expect(csv.startsWith('\uFEFFnumber,direction,action,note\r\n')).toBe(true);
    expect(parseBlacklistCsv(csv)).toEqual([
      { number: '13800138000', direction: 'inbound', action: 'play', note: 'says "hi", twice\nand more' },
      { number: '0571*', direction: 'both', action: 'reject' },
    ]);
  });
});

describe('BlacklistRepository (SQLite)', () => {
  const box = tempServices();
  afterAll(() => box.close());
  const repo = box.services.blacklist;

  test('create, check, update, delete; the check follows every write', () => {
    const e = repo.create({ number: '13800138000', direction: 'inbound', action: 'play' });
    expect(e).toMatchObject({ kind: 'number', direction: 'inbound', action: 'play', note: '' });
    expect(repo.check('+8613800138000', 'inbound', null)?.id).toBe(e.id);
    expect(repo.check('13800138000', 'outbound', null)).toBeNull();
    repo.update(e.id, { number: '13800138000', direction: 'both' });
    expect(repo.check('13800138000', 'outbound', null)?.action).toBe('reject');
    repo.delete(e.id);
    expect(repo.check('13800138000', 'inbound', null)).toBeNull();
  });

  test('a duplicate number is a conflict; a bad spelling names the field', () => {
    repo.create({ number: '0571*' });
    expect(() => repo.create({ number: '0571*' })).toThrow('already on the blacklist');
    expect(validationIssues(() => repo.create({ number: '_9[' }))).toEqual([{ path: 'number', message: expect.stringContaining('has no ]') }]);
  });

  test('import adds and updates by number, all in one go; re-import changes nothing', () => {
    const entries = parseBlacklistCsv('number,direction,action,note\n0571*,inbound,hangup,\n13900000000,,,new\n');
    expect(repo.importEntries(entries)).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(repo.importEntries(entries)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(repo.findByNumber('0571*')).toMatchObject({ direction: 'inbound', action: 'hangup', kind: 'prefix' });
  });
});
