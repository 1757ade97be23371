import { afterEach, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../system/fake-clock.ts';
import { systemScheduler } from '../../system/index.ts';
import { TEST_CERT, TestSmtpServer, type TestSmtpOptions } from '../test-support/test-smtp-server.ts';
import { dataBlock, sendMail, type SmtpServer } from './smtp-client.ts';
import { SmtpError, type SmtpFailure } from './smtp-errors.ts';
import { tcpSmtpConnector } from './smtp-socket.ts';

let server: TestSmtpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const MESSAGE = 'Subject: hi\r\n\r\nline one\r\n.starts with a dot\r\n..two dots\r\n';
const ENVELOPE = { from: 'box@example.com', to: ['bob@example.com'] };
const deps = { connect: tcpSmtpConnector, scheduler: systemScheduler, heloName: 'box.test' };

async function start(options: TestSmtpOptions, settings: Partial<SmtpServer> = {}): Promise<SmtpServer> {
  server = await TestSmtpServer.start(options);
  return { host: '127.0.0.1', port: server.port, secure: 'none', username: null, password: null, verifyCertificate: true, ca: TEST_CERT, ...settings };
}

async function failure(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SmtpError) return error;
    throw error;
  }
  throw new Error('expected an SmtpError');
}

describe('dataBlock', () => {
  test.each([
    ['dot-stuffs lines that start with a dot', 'a\r\n.b\r\n..c', 'a\r\n..b\r\n...c\r\n.\r\n'],
    ['turns bare LF into CRLF', 'a\nb\n', 'a\r\nb\r\n.\r\n'],
    ['a lone dot line cannot end the data early', 'x\r\n.\r\ny', 'x\r\n..\r\ny\r\n.\r\n'],
  ])('%s', (_name, input, wire) => {
    expect(dataBlock(input)).toBe(wire);
  });
});

describe('sendMail against a local server', () => {
  test('plain delivery: the dialogue in order and the message unstuffed as sent', async () => {
    const s = await start({});
    await sendMail(deps, s, ENVELOPE, MESSAGE);
    expect(server?.transcript).toEqual(['EHLO box.test', 'MAIL FROM:<box@example.com>', 'RCPT TO:<bob@example.com>', 'DATA', 'QUIT']);
    expect(server?.mails).toEqual([
      { from: 'box@example.com', to: ['bob@example.com'], data: 'Subject: hi\r\n\r\nline one\r\n.starts with a dot\r\n..two dots', encrypted: false, user: null },
    ]);
  });

  test.each([
    ['STARTTLS and AUTH PLAIN', { starttls: true, auth: { mechanisms: ['PLAIN' as const], user: 'box', password: 'pässword' } }, 'starttls' as const],
    ['STARTTLS and AUTH LOGIN', { starttls: true, auth: { mechanisms: ['LOGIN' as const], user: 'box', password: 'pässword' } }, 'starttls' as const],
    ['implicit TLS and AUTH PLAIN', { implicitTls: true, auth: { mechanisms: ['PLAIN' as const, 'LOGIN' as const], user: 'box', password: 'pässword' } }, 'tls' as const],
  ])('%s: the login happens encrypted and the mail arrives', async (_name, options, secure) => {
    const s = await start(options, { secure, username: 'box', password: 'pässword' });
    await sendMail(deps, s, ENVELOPE, MESSAGE);
    expect(server?.mails[0]).toMatchObject({ encrypted: true, user: 'box' });
    if (secure === 'starttls') expect(server?.transcript.slice(0, 3)).toEqual(['EHLO box.test', 'STARTTLS', 'EHLO box.test']);
  });

  test.each<[string, TestSmtpOptions, Partial<SmtpServer>, SmtpFailure, number | null]>([
    ['a wrong password', { starttls: true, auth: { mechanisms: ['PLAIN'], user: 'box', password: 'right' } }, { secure: 'starttls', username: 'box', password: 'wrong' }, 'smtp_auth', 535],
    ['STARTTLS asked for and not offered', {}, { secure: 'starttls' }, 'smtp_tls', null],
    ['a certificate that does not verify', { implicitTls: true }, { secure: 'tls', ca: undefined }, 'smtp_tls', null],
    ['a refused recipient', { refuse: { RCPT: '550 5.1.1 no such user' } }, {}, 'smtp_rejected', 550],
    ['a refused message', { refuse: { MESSAGE: '554 5.6.0 message refused' } }, {}, 'smtp_rejected', 554],
    ['a login offered no mechanism we speak', { starttls: true }, { secure: 'starttls', username: 'box', password: 'x' }, 'smtp_auth', null],
    ['a login over a connection in clear', {}, { username: 'box', password: 'x' }, 'smtp_config', null],
  ])('%s fails with its code', async (_name, options, settings, code, replyCode) => {
    const s = await start(options, settings);
    const error = await failure(sendMail(deps, s, ENVELOPE, MESSAGE));
    expect({ code: error.failure, replyCode: error.replyCode }).toEqual({ code, replyCode });
    expect(server?.mails).toEqual([]);
  });

  test('a port nobody listens on is smtp_connect', async () => {
    const s = await start({});
    const port = s.port;
    await server?.close();
    server = null;
    expect((await failure(sendMail(deps, { ...s, port }, ENVELOPE, MESSAGE))).failure).toBe('smtp_connect');
  });

  test('a server that never greets times out on the injected clock', async () => {
    const s = await start({ silent: true });
    const clock = new FakeClock();
    let settled = false;
    const sending = sendMail({ ...deps, scheduler: clock, timeoutMs: 10_000 }, s, ENVELOPE, MESSAGE).finally(() => {
      settled = true;
    });
    const result = failure(sending);
    // Fake time moves only here; each turn lets the connection make progress first.
    while (!settled) {
      await Bun.sleep(1);
      clock.advance(10_000);
    }
    const error = await result;
    expect(error.failure).toBe('smtp_timeout');
    expect(error.message).toBe('greeting: no answer within 10 s');
  });

  test.each([
    ['a sender with a line break', { from: 'a@b\r\nRCPT TO:<x@y>', to: ['bob@example.com'] }],
    ['no recipient', { from: 'box@example.com', to: [] }],
    ['a recipient that is not an address', { from: 'box@example.com', to: ['bob'] }],
  ])('%s is refused before connecting', async (_name, envelope) => {
    const s = await start({});
    expect((await failure(sendMail(deps, s, envelope, MESSAGE))).failure).toBe('smtp_config');
    expect(server?.transcript).toEqual([]);
  });
});
