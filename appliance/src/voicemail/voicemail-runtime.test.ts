import { afterEach, beforeEach, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { Speech } from '../ivr/speech/speech.ts';
import { silentLogger } from '../system/index.ts';
import type { VoicemailSpeech } from './prompt-player.ts';
import { tempServices } from '../testing/temp-services.ts';
import { FakeSpeech } from './test-support/fake-speech.ts';
import { binding, FakeLocation, FakeTransactions } from './test-support/fake-sip.ts';
import { ScriptedCallerPort } from './test-support/scripted-caller-port.ts';
import { countingRandom, type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { createVoicemail, startMessageWaiting } from './voicemail-runtime.ts';

/** The IVR's speech engine is what voicemail speaks through (checked by the compiler). */
export const speechFits = (speech: Speech): VoicemailSpeech => speech;

let f: VoicemailFixture;
beforeEach(() => {
  f = voicemailFixture(tempServices());
});
afterEach(() => f.close());

function wire() {
  const s = f.services;
  const connectAttempts: string[] = [];
  const vm = createVoicemail({
    dir: join(f.dir, 'vm'),
    repository: s.voicemail,
    settings: s.voicemailSettings,
    speech: new FakeSpeech(),
    bus: s.bus,
    clock: f.clock,
    scheduler: f.clock,
    logger: silentLogger,
    random: countingRandom(),
    connect: async (o) => {
      connectAttempts.push(o.host);
      throw new Error('no network in this test');
    },
    hostname: 'box.test',
  });
  const sip = new FakeTransactions();
  const location = new FakeLocation();
  location.bindings.push(binding('1002', 'sip:1002@192.168.1.20:5062', '192.168.1.20', 5062));
  const mwi = startMessageWaiting({
    repository: s.voicemail,
    bus: s.bus,
    transactions: sip,
    location,
    local: { host: '10.0.0.1', port: 5060, userAgent: 'Box/1' },
    scheduler: f.clock,
    random: countingRandom(),
    logger: silentLogger,
  });
  return { vm, sip, mwi, connectAttempts };
}

test('a message left through the service lights the lamp of every phone of the mailbox', async () => {
  const { vm, sip, mwi } = wire();
  // Unanswered calls reach a mailbox only once it is set up (saved by an administrator or its owner).
  expect(vm.service.takesUnanswered('1002')).toBe(false);
  f.services.voicemail.update('1002', { enabled: true });
  expect(vm.service.takesUnanswered('1002')).toBe(true);
  expect(await vm.service.leave(new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]), '1002')).toBe(true);
  expect(sip.sent.map((x) => x.request.uri)).toEqual(['sip:1002@192.168.1.20:5062']);
  expect(sip.sent[0]?.text).toContain('Voice-Message: 1/0 (0/0)');
  mwi.stop();
});

test("the extension's email is tried when an SMTP host is set, and the call does not wait for it", async () => {
  const { vm, connectAttempts, mwi } = wire();
  f.settings.setSmtp({ host: 'mail.example.com', port: 587, secure: 'starttls', username: null, from: 'vm@example.com' });
  expect(await vm.service.leave(new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }], '1002', '1001'), '1001')).toBe(true);
  // The email goes on after the call's part is done: wait for it to settle.
  for (let turn = 0; turn < 200 && vm.mailer.stats.failed === 0; turn++) await Bun.sleep(1);
  expect(connectAttempts).toEqual(['mail.example.com']);
  expect(vm.mailer.stats.failed).toBe(1);
  mwi.stop();
});

test('a disabled mailbox takes no unanswered calls and lights no lamp', () => {
  const { vm, sip, mwi } = wire();
  f.services.voicemail.update('1002', { enabled: false });
  expect(vm.service.takesUnanswered('1002')).toBe(false);
  expect(vm.service.takesUnanswered('1099')).toBe(false);
  mwi.notifier.onRegistered('1002', 'sip:1002@192.168.1.20:5062');
  expect(sip.sent).toEqual([]);
  mwi.stop();
});

test('the sweep follows the retention setting', async () => {
  const { vm, mwi } = wire();
  await vm.service.leave(new ScriptedCallerPort([{ record: { ms: 3000, endedBy: 'key' } }]), '1002');
  f.settings.setPolicy({ ...f.settings.policy(), retention_days: 7 });
  f.clock.advance(6 * 86_400_000);
  expect(vm.service.sweep().deleted).toBe(0);
  f.clock.advance(2 * 86_400_000);
  expect(vm.service.sweep().deleted).toBe(1);
  mwi.stop();
});
