import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { silentLogger } from '../system/index.ts';
import { MailboxAccess } from './mailbox-access.ts';
import type { RetrieveDeps } from './retrieve-deps.ts';
import { retrieveMessages } from './retrieve-messages.ts';
import { type ScriptStep, ScriptedCallerPort } from './test-support/scripted-caller-port.ts';
import { type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { tempServices } from '../testing/temp-services.ts';

let f: VoicemailFixture;
let deps: RetrieveDeps;

beforeEach(() => {
  f = voicemailFixture(tempServices());
  deps = {
    repository: f.repository,
    store: f.store,
    access: new MailboxAccess({ repository: f.repository, settings: f.settings, clock: f.clock }),
    settings: f.settings,
    prompts: f.prompts,
    clock: f.clock,
    logger: silentLogger,
  };
});
afterEach(() => f.close());

/** A message from `caller` left `minutesAgo` before now. */
function leave(mailbox: string, caller: string, minutesAgo = 0): number {
  const r = f.store.reserveMessage(mailbox);
  writeFileSync(r.temp, new Uint8Array(44));
  const calledAt = new Date(f.clock.now() - minutesAgo * 60_000).toISOString();
  return f.store.commitMessage(r, { caller_number: caller, caller_name: null, called_at: calledAt, duration_ms: 3000, call_id: null }).id;
}

async function session(script: ScriptStep[], own: string | null = '1002'): Promise<ScriptedCallerPort> {
  const port = new ScriptedCallerPort(script, own ?? '1001');
  await retrieveMessages(deps, port, own);
  return port;
}

const heard = (port: ScriptedCallerPort) => port.played.map((p) => p.replace(/^tts:zh:/, '')).map((p) => (p.includes('/1002/') ? 'AUDIO' : p));

describe('opening a mailbox', () => {
  test('the owner of a mailbox without a PIN sets one first, then hears the summary', async () => {
    const port = await session([{ keys: '4321#' }, { keys: '4321#' }, { keys: '#' }]);
    expect(heard(port)).toEqual([
      '您的信箱尚未设置密码。请输入四到八位数字的新密码，按井号键结束',
      '请再输入一次新密码，按井号键结束',
      '密码已设置',
      '您有',
      'say:number:0',
      '条新留言，',
      'say:number:0',
      '条已存留言',
      '您没有留言',
      '收听留言请按1，信箱设置请按0，退出请按井号键',
      '再见',
    ]);
    expect(await deps.access.check('1002', '4321')).toBe('ok');
  });

  test('the owner of a disabled mailbox is told it is not available', async () => {
    f.repository.update('1002', { enabled: false });
    const port = await session([{ keys: '1234#' }]);
    expect(heard(port)).toEqual(['对不起，该信箱暂不可用。再见。']);
  });

  test.each([
    ['too short', [{ keys: '12#' }], '密码应为四到八位数字'],
    ['not confirmed', [{ keys: '1234#' }, { keys: '9999#' }], '两次输入的密码不一致'],
  ])('a new PIN that is %s is asked again', async (_name, first, complaint) => {
    const port = await session([...(first as ScriptStep[]), { keys: '5678#' }, { keys: '5678#' }, 'hangup']);
    expect(heard(port)).toContain(complaint);
    expect(heard(port)).toContain('请输入四到八位数字的新密码，按井号键结束');
    expect(await deps.access.check('1002', '5678')).toBe('ok');
  });

  test('three wrong PINs end the call; the mailbox counts them', async () => {
    await deps.access.setPin('1002', '2468');
    const port = await session([{ keys: '1111#' }, { keys: '2222#' }, { keys: '3333#' }]);
    expect(heard(port).filter((p) => p === '密码错误')).toHaveLength(3);
    expect(heard(port).at(-1)).toBe('再见');
    expect(f.repository.find('1002')?.failedPins).toBe(3);
  });

  test('the lockout refuses even the right PIN until it runs out, then the right PIN clears the count', async () => {
    await deps.access.setPin('1002', '2468');
    f.settings.setPolicy({ ...f.settings.policy(), pin_max_failures: 4, pin_lockout_min: 10 });
    await session([{ keys: '1111#' }, { keys: '2222#' }, { keys: '3333#' }]);
    const locking = await session([{ keys: '4444#' }]);
    expect(heard(locking).at(-1)).toBe('密码错误次数过多，信箱已暂时锁定，请稍后再试。再见。');
    const refused = await session([{ keys: '2468#' }]);
    expect(heard(refused).at(-1)).toBe('密码错误次数过多，信箱已暂时锁定，请稍后再试。再见。');
    f.clock.advance(10 * 60_000);
    const opened = await session([{ keys: '2468#' }, { keys: '#' }]);
    expect(heard(opened)).toContain('您没有留言');
    expect(f.repository.find('1002')).toMatchObject({ failedPins: 0, lockedUntil: null });
  });

  test('from any phone the mailbox number is asked; an unknown one sounds like a wrong PIN', async () => {
    const port = await session([{ keys: '1099#' }, { keys: '1234#' }, { keys: '1234#' }, { keys: '1234#' }], null);
    expect(heard(port)[0]).toBe('请输入信箱号码，按井号键结束');
    expect(heard(port).filter((p) => p === '密码错误')).toHaveLength(3);
  });

  test('from any phone a mailbox without a PIN stays closed', async () => {
    const port = await session([{ keys: '1002#' }, { keys: '1234#' }], null);
    expect(heard(port).at(-1)).toBe('该信箱尚未设置密码，请在本分机话机上设置。再见。');
  });

  test('from any phone the right mailbox and PIN open it', async () => {
    await deps.access.setPin('1002', '2468');
    leave('1002', '13912345678');
    const port = await session([{ keys: '1002#' }, { keys: '2468#' }, { keys: '#' }], null);
    expect(heard(port)).toContain('say:digits:13912345678');
  });
});

describe('listening', () => {
  beforeEach(async () => {
    await deps.access.setPin('1002', '2468');
  });

  test('the summary, then each message with its caller and local time, then the menu', async () => {
    leave('1002', '13912345678', 30);
    const port = await session([{ keys: '2468#' }, { keys: '#' }]);
    expect(heard(port).slice(1)).toEqual([
      '您有',
      'say:number:1',
      '条新留言，',
      'say:number:0',
      '条已存留言',
      '第',
      'say:number:1',
      '条留言，',
      '来电号码',
      'say:digits:13912345678',
      '，时间',
      'say:date:2026-01-05',
      'say:time:16:30',
      'AUDIO',
      '重听请按1，保存请按2，删除请按3，上一条请按4，下一条请按6，信箱设置请按0，返回主菜单请按星号键，退出请按井号键',
      '再见',
    ]);
  });

  test('a message heard to its end is kept as saved and the lamp count follows', async () => {
    const id = leave('1002', '13912345678');
    await session([{ keys: '2468#' }, { keys: '#' }]);
    expect(f.repository.message(id)).toMatchObject({ state: 'saved', heard_at: '2026-01-05T09:00:00.000Z' });
    expect(f.eventsNamed('voicemail.mailbox').at(-1)).toEqual({ mailbox: '1002', new: 0, saved: 1 });
  });

  test('new messages come first, oldest first; 6 moves on, 4 goes back', async () => {
    const saved = leave('1002', '111', 90);
    f.store.setState(saved, 'saved');
    leave('1002', '333', 10);
    leave('1002', '222', 20);
    const port = await session([{ keys: '2468#' }, { keys: '6' }, { keys: '6' }, { keys: '4' }, { keys: '#' }]);
    const callers = heard(port).filter((p) => p.startsWith('say:digits:'));
    expect(callers).toEqual(['say:digits:222', 'say:digits:333', 'say:digits:111', 'say:digits:333']);
  });

  test('3 deletes the message and its file, and the next one moves up', async () => {
    const first = leave('1002', '111', 20);
    leave('1002', '222', 10);
    const port = await session([{ keys: '2468#' }, { keys: '3' }, { keys: '#' }]);
    expect(heard(port)).toContain('留言已删除');
    expect(heard(port).filter((p) => p.startsWith('say:digits:'))).toEqual(['say:digits:111', 'say:digits:222']);
    expect(() => f.repository.message(first)).toThrow();
    expect(f.repository.messageCount('1002')).toBe(1);
  });

  test('a key during a message cuts it and is taken as the answer', async () => {
    leave('1002', '111', 20);
    const second = leave('1002', '222', 10);
    const port = await session([{ keys: '2468#' }, { interrupt: '6', when: '.wav' }, { interrupt: '3', when: '.wav' }, { keys: '#' }]);
    expect(heard(port).filter((p) => p.startsWith('say:digits:'))).toEqual(['say:digits:111', 'say:digits:222']);
    expect(() => f.repository.message(second)).toThrow();
  });

  test('a key during the summary answers the main menu', async () => {
    leave('1002', '111');
    const port = await session([{ keys: '2468#' }, { interrupt: '#' }]);
    expect(heard(port).at(-1)).toBe('再见');
    expect(heard(port)).not.toContain('say:digits:111');
  });

  test('after the last message the owner is back in the main menu', async () => {
    leave('1002', '111');
    const port = await session([{ keys: '2468#' }, { keys: '6' }, { keys: '#' }]);
    expect(heard(port).slice(-3)).toEqual(['没有更多留言', '收听留言请按1，信箱设置请按0，退出请按井号键', '再见']);
  });

  test('an invalid key is answered and the menu said again', async () => {
    const port = await session([{ keys: '2468#' }, { keys: '9' }, { keys: '#' }]);
    expect(heard(port).slice(-4)).toEqual(['收听留言请按1，信箱设置请按0，退出请按井号键', '输入有误，请重新输入', '收听留言请按1，信箱设置请按0，退出请按井号键', '再见']);
  });

  test('three silences in a row say goodbye', async () => {
    const port = await session([{ keys: '2468#' }, { silence: true }, { silence: true }, { silence: true }, { keys: '1' }]);
    expect(heard(port).at(-1)).toBe('再见');
    expect(port.remaining).toEqual([{ keys: '1' }]);
  });

  test('a hang-up in the middle ends the session quietly', async () => {
    leave('1002', '111');
    const port = await session([{ keys: '2468#' }, 'hangup']);
    expect(port.log.at(-1)).toBe('hangup');
  });
});

describe('mailbox options', () => {
  beforeEach(async () => {
    await deps.access.setPin('1002', '2468');
  });

  test('0 1 records a greeting that later callers hear; 3 goes back to the default', async () => {
    await session([{ keys: '2468#' }, { keys: '0' }, { keys: '1' }, { record: { ms: 4000, endedBy: 'key', key: '#' } }, { keys: '#' }]);
    expect(f.store.greetingFile('1002')).toMatch(/greeting-/);
    const port = await session([{ keys: '2468#' }, { keys: '0' }, { keys: '3' }, { keys: '#' }]);
    expect(heard(port)).toContain('已恢复默认问候语');
    expect(f.store.greetingFile('1002')).toBeNull();
  });

  test('a greeting shorter than a second keeps the old one', async () => {
    const port = await session([{ keys: '2468#' }, { keys: '0' }, { keys: '1' }, { record: { ms: 500, endedBy: 'key' } }, { keys: '#' }]);
    expect(heard(port)).toContain('录音太短，问候语未保存');
    expect(f.store.greetingFile('1002')).toBeNull();
  });

  test('0 2 changes the PIN', async () => {
    await session([{ keys: '2468#' }, { keys: '0' }, { keys: '2' }, { keys: '13579#' }, { keys: '13579#' }, { keys: '#' }]);
    expect(await deps.access.check('1002', '13579')).toBe('ok');
  });
});
