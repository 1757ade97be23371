import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { silentLogger, systemScheduler } from '../system/index.ts';
import { tcpSmtpConnector } from './smtp/smtp-socket.ts';
import { TEST_CERT, TestSmtpServer } from './test-support/test-smtp-server.ts';
import { type VoicemailFixture, voicemailFixture } from './test-support/voicemail-fixture.ts';
import { VoicemailMailer } from './voicemail-mailer.ts';
import type { VoicemailMessage } from './voicemail-repository.ts';
import { tempServices } from '../testing/temp-services.ts';

let f: VoicemailFixture;
let server: TestSmtpServer;
let mailer: VoicemailMailer;

beforeEach(async () => {
  f = voicemailFixture(tempServices());
  server = await TestSmtpServer.start({ starttls: true, auth: { mechanisms: ['PLAIN'], user: 'box', password: 'mail-pw' } });
  f.settings.setSmtp({ host: '127.0.0.1', port: server.port, secure: 'starttls', username: 'box', password: 'mail-pw', from: 'voicemail@example.com' });
  mailer = new VoicemailMailer({
    settings: f.settings,
    connect: tcpSmtpConnector,
    scheduler: systemScheduler,
    clock: f.clock,
    bus: f.services.bus,
    logger: silentLogger,
    hostname: 'box.test',
    ca: TEST_CERT,
  });
});
afterEach(async () => {
  await server.close();
  f.close();
});

/** A 1 s message in 1001's mailbox with recognisable audio bytes. */
function leave(mailbox = '1001'): { message: VoicemailMessage; file: string; audio: Uint8Array<ArrayBuffer> } {
  const audio = new Uint8Array(8044).map((_, i) => (i * 31) & 0xff);
  const r = f.store.reserveMessage(mailbox);
  writeFileSync(r.temp, audio);
  const message = f.store.commitMessage(r, { caller_number: '13800138000', caller_name: null, called_at: '2026-01-05T09:00:00.000Z', duration_ms: 35_400, call_id: null });
  return { message, file: f.store.audioFile(message.id), audio };
}

/** The decoded parts of a received email: headers of the whole, and each part's headers and body. */
function parse(data: string): { headers: string; parts: { headers: string; body: Buffer }[] } {
  const [headers = '', rest = ''] = data.split(/\r\n\r\n([\s\S]*)/);
  const boundary = /boundary="([^"]+)"/.exec(headers)?.[1] ?? '';
  const parts = rest
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [h = '', b = ''] = p.replace(/^\r\n/, '').split(/\r\n\r\n([\s\S]*)/);
      return { headers: h, body: Buffer.from(b.replace(/\r\n/g, ''), 'base64') };
    });
  return { headers, parts };
}

describe('message emails', () => {
  test("go to the extension's address with the text in Chinese and the WAV attached, byte for byte", async () => {
    const { message, file, audio } = leave();
    await mailer.messageLeft(message, file, f.repository.find('1001') as never);
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0];
    expect(mail).toMatchObject({ from: 'voicemail@example.com', to: ['alice@example.com'], encrypted: true, user: 'box' });
    const { headers, parts } = parse(mail?.data ?? '');
    expect(headers).toContain('Subject: =?UTF-8?B?');
    const text = parts[0]?.body.toString('utf8') ?? '';
    expect(text).toContain('分机 1001（Alice）有一条新的语音留言。');
    expect(text).toContain('来电号码：13800138000');
    expect(text).toContain('时间：2026-01-05 17:00');
    expect(text).toContain('时长：35 秒');
    expect(parts[1]?.headers).toContain('Content-Type: audio/wav');
    expect(new Uint8Array(parts[1]?.body ?? [])).toEqual(audio);
    expect(mailer.stats).toEqual({ sent: 1, failed: 0 });
  });

  test('without attach_audio only the text goes', async () => {
    f.repository.update('1001', { attach_audio: false });
    const { message, file } = leave();
    await mailer.messageLeft(message, file, f.repository.find('1001') as never);
    expect(server.mails[0]?.data).not.toContain('multipart');
    expect(server.mails[0]?.data).toContain('Content-Type: text/plain; charset=UTF-8');
  });

  test.each([
    ['a mailbox without an address', '1002', () => {}],
    ['a box without an SMTP host', '1001', () => f.settings.setSmtp({ host: '', port: 25, secure: 'none', username: null, from: '' })],
  ])('%s sends nothing', async (_name, mailbox, arrange) => {
    arrange();
    const { message, file } = leave(mailbox);
    await mailer.messageLeft(message, file, f.repository.find(mailbox) as never);
    expect(server.transcript).toEqual([]);
    expect(mailer.stats).toEqual({ sent: 0, failed: 0 });
  });

  test('failures are counted and raise one alarm an hour', async () => {
    f.settings.setSmtp({ ...f.settings.smtpView(), username: 'box', password: 'wrong' });
    const { message, file } = leave();
    const box = f.repository.find('1001') as never;
    await mailer.messageLeft(message, file, box);
    await mailer.messageLeft(message, file, box);
    f.clock.advance(3600_000);
    await mailer.messageLeft(message, file, box);
    expect(mailer.stats).toEqual({ sent: 0, failed: 3 });
    const alarms = f.eventsNamed('system.alarm');
    expect(alarms).toHaveLength(2);
    expect(alarms[0]).toEqual({ code: 'voicemail_email_failed', severity: 'warning', message: expect.stringContaining('语音留言邮件发送失败（smtp_auth）') });
  });
});

describe('test email', () => {
  test('reaches the address given', async () => {
    expect(await mailer.test('admin@example.com')).toEqual({ ok: true });
    expect(server.mails[0]?.to).toEqual(['admin@example.com']);
  });

  test('answers the reason when it fails', async () => {
    f.settings.setSmtp({ ...f.settings.smtpView(), port: 1, username: 'box' });
    const result = await mailer.test('admin@example.com');
    expect(result).toMatchObject({ ok: false, code: 'smtp_connect' });
  });
});
