import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordOutcome } from '../pbx/index.ts';
import { silentLogger } from '../system/index.ts';
import { type LeaveMessageDeps, leaveMessage } from './leave-message.ts';
import { PromptPlayer } from './prompt-player.ts';
import type { VoicemailMessage } from './voicemail-repository.ts';
import { ScriptedCallerPort } from './test-support/scripted-caller-port.ts';
import { type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { tempServices } from '../testing/temp-services.ts';

let f: VoicemailFixture;
let kept: { message: VoicemailMessage; file: string }[];
let deps: LeaveMessageDeps;

beforeEach(() => {
  f = voicemailFixture(tempServices());
  kept = [];
  deps = {
    repository: f.repository,
    store: f.store,
    settings: f.settings,
    prompts: f.prompts,
    clock: f.clock,
    logger: silentLogger,
    onMessage: (message, file) => kept.push({ message, file }),
  };
});
afterEach(() => f.close());

const filesIn = (box: string) => (existsSync(join(f.dir, box)) ? readdirSync(join(f.dir, box)) : []);

describe('leaving a message', () => {
  test('default greeting says the extension digits, then a beep, then the recording is kept', async () => {
    const port = new ScriptedCallerPort([{ record: { ms: 4000, endedBy: 'key', key: '#' } }]);
    expect(await leaveMessage(deps, port, '1002')).toBe(true);
    expect(port.log.slice(0, 5)).toEqual([
      'play tts:zh:您拨打的分机',
      'play say:digits:1002',
      'play tts:zh:无人接听，请在提示音后留言，按井号键结束',
      'beep',
      expect.stringMatching(/^record .*\/1002\/20260105-090000-00000001\.part\.wav$/),
    ]);
    expect(port.played.at(-1)).toBe('tts:zh:您的留言已保存。再见。');
    const [message] = f.repository.messages('1002', { limit: 10 });
    expect(message).toMatchObject({ mailbox: '1002', caller_number: '13800138000', caller_name: null, duration_ms: 4000, state: 'new', heard_at: null });
    expect(filesIn('1002')).toEqual(['20260105-090000-00000001.wav']);
    expect(kept.map((k) => k.file)).toEqual([join(f.dir, '1002', '20260105-090000-00000001.wav')]);
  });

  test('publishes the message and the new counts', async () => {
    await leaveMessage(deps, new ScriptedCallerPort([{ record: { ms: 2000, endedBy: 'silence' } }]), '1002');
    expect(f.eventsNamed('voicemail.message')).toEqual([
      { mailbox: '1002', message_id: 1, caller: '13800138000', caller_name: null, duration_ms: 2000 },
    ]);
    expect(f.eventsNamed('voicemail.mailbox')).toEqual([{ mailbox: '1002', new: 1, saved: 0 }]);
  });

  test('a caller who hangs up to finish leaves the message, and hears nothing more', async () => {
    const port = new ScriptedCallerPort([{ record: { ms: 6000, endedBy: 'hung-up' } }], '1001');
    expect(await leaveMessage(deps, port, '1002')).toBe(true);
    expect(port.log.at(-1)).toBe('hangup');
    expect(f.repository.messages('1002', { limit: 10 })[0]).toMatchObject({ caller_number: '1001', caller_name: 'Alice' });
  });

  test.each([
    ['shorter than the minimum', { record: { ms: 600, endedBy: 'hung-up' as const } }],
    ['of nothing (the caller hung up at the beep)', { record: { ms: 0, endedBy: 'hung-up' as const } }],
  ])('a recording %s is dropped with its file', async (_name, step) => {
    expect(await leaveMessage(deps, new ScriptedCallerPort([step]), '1002')).toBe(false);
    expect(f.repository.messages('1002', { limit: 10 })).toEqual([]);
    expect(filesIn('1002')).toEqual([]);
    expect(kept).toEqual([]);
    expect(f.eventsNamed('voicemail.mailbox')).toEqual([]);
  });

  test('a caller who hangs up during the greeting is not recorded', async () => {
    const port = new ScriptedCallerPort(['hangup']);
    expect(await leaveMessage(deps, port, '1002')).toBe(false);
    expect(port.log.some((l) => l.startsWith('record'))).toBe(false);
  });

  test("a key skips the greeting to the beep", async () => {
    const port = new ScriptedCallerPort([{ interrupt: '#' }, { record: { ms: 3000, endedBy: 'max' } }]);
    expect(await leaveMessage(deps, port, '1002')).toBe(true);
    expect(port.log.slice(0, 2)).toEqual(['play tts:zh:您拨打的分机', 'beep']);
  });

  test('the recording is limited by the settings', async () => {
    f.settings.setPolicy({ ...f.settings.policy(), max_message_s: 30 });
    await leaveMessage(deps, new ScriptedCallerPort([{ record: { ms: 90_000, endedBy: 'max' } }]), '1002');
    expect(f.repository.messages('1002', { limit: 10 })[0]?.duration_ms).toBe(30_000);
  });

  test("the mailbox's own greeting replaces the spoken default", async () => {
    f.store.installGreeting('1002', new Uint8Array(44));
    const port = new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]);
    await leaveMessage(deps, port, '1002');
    expect(port.played[0]).toMatch(/\/1002\/greeting-20260105-090000-[0-9a-f]{8}\.wav$/);
  });

  test('a full mailbox takes no message', async () => {
    f.settings.setPolicy({ ...f.settings.policy(), max_messages: 1 });
    await leaveMessage(deps, new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]), '1002');
    const port = new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]);
    expect(await leaveMessage(deps, port, '1002')).toBe(false);
    expect(port.played).toEqual(['tts:zh:对不起，该信箱已满，无法留言。再见。']);
    expect(f.repository.messageCount('1002')).toBe(1);
  });

  test.each([
    ['an unknown mailbox', '1009'],
    ['a disabled mailbox', '1001'],
  ])('%s is refused with a prompt', async (_name, mailbox) => {
    f.repository.update('1001', { enabled: false });
    const port = new ScriptedCallerPort([]);
    expect(await leaveMessage(deps, port, mailbox)).toBe(false);
    expect(port.played).toEqual(['tts:zh:对不起，该信箱暂不可用。再见。']);
  });

  test('a recording whose file never appeared (the media engine failed) is not stored', async () => {
    class NoFilePort extends ScriptedCallerPort {
      override async record(): Promise<RecordOutcome> {
        return { durationMs: 3000, endedBy: 'key' };
      }
    }
    expect(await leaveMessage(deps, new NoFilePort([]), '1002')).toBe(false);
    expect(f.repository.messageCount('1002')).toBe(0);
  });

  test('a speech engine that fails leaves out the words, not the message', async () => {
    f.speech.failing.add('无人接听，请在提示音后留言，按井号键结束');
    const port = new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]);
    expect(await leaveMessage(deps, port, '1002')).toBe(true);
    expect(port.log.slice(0, 3)).toEqual(['play tts:zh:您拨打的分机', 'play say:digits:1002', 'beep']);
  });

  test('a failing follow-up (email) does not undo the message', async () => {
    deps.onMessage = () => {
      throw new Error('mailer broken');
    };
    expect(await leaveMessage(deps, new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]), '1002')).toBe(true);
    expect(f.repository.messageCount('1002')).toBe(1);
  });

  test('english prompts follow the language of the player', async () => {
    deps.prompts = new PromptPlayer(f.speech, 'en', silentLogger);
    const port = new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]);
    await leaveMessage(deps, port, '1002');
    expect(port.played[0]).toBe('tts:en:Extension');
  });
});
