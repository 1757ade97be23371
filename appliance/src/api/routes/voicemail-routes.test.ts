import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, writeFileSync } from 'node:fs';
import { hashPassword } from '../../auth/index.ts';
import { buildWavHeader } from '../../media/index.ts';
import { type VoicemailFixture, voicemailFixture } from '../../voicemail/test-support/voicemail-fixture.ts';
import { createApiApp } from '../app.ts';
import { tempServices } from '../../testing/temp-services.ts';

let f: VoicemailFixture;
let app: ReturnType<typeof createApiApp>['app'];
let admin: string;
let nobody: string;
let tested: string[];

// One box for the file: logging in hashes passwords, which is slow on purpose.
beforeAll(async () => {
  f = voicemailFixture(tempServices());
  const s = f.services;
  tested = [];
  const voicemail = { store: f.store, scratchDir: f.dir, mailer: {
      test: async (to: string) => {
        tested.push(to);
        return { ok: false as const, code: 'smtp_connect', message: 'cannot reach' };
      },
    }, };
  app = createApiApp(s, { version: 't', startedAt: 0, webRoot: f.dir, recordingsDir: f.dir, sessionTtlMs: 3600_000, voicemail }).app;
  const hash = await hashPassword('Correct-horse-1');
  s.users.create({ username: 'root', display_name: 'Root', password_hash: hash, role_id: s.roles.findByName('admin')?.id as number, enabled: true });
  s.users.create({ username: 'guest', display_name: 'Guest', password_hash: hash, role_id: s.roles.create({ name: 'nobody', permissions: [] }).id, enabled: true });
  admin = (await s.auth.login('root', 'Correct-horse-1', 't')).token;
  nobody = (await s.auth.login('guest', 'Correct-horse-1', 't')).token;
});
afterAll(() => f.close());

let nextNumber = 2000;
/** A new extension, so a test sees only its own messages. */
function freshBox(): string {
  const number = String(nextNumber++);
  f.services.extensions.create({ number, name: `Box ${number}`, secret: 'pw-box-xyz1' });
  return number;
}

async function call(method: string, path: string, o: { token?: string; body?: unknown; raw?: Uint8Array<ArrayBuffer> } = {}) {
  const headers: Record<string, string> = { 'content-type': o.raw ? 'audio/wav' : 'application/json' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const res = await app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  return { status: res.status, json, bytes, type: res.headers.get('content-type') };
}

function leave(mailbox = '1002', audio = new Uint8Array([1, 2, 3])): number {
  const r = f.store.reserveMessage(mailbox);
  writeFileSync(r.temp, audio);
  return f.store.commitMessage(r, { caller_number: '13800138000', caller_name: null, called_at: '2026-01-05T09:00:00.000Z', duration_ms: 3000, call_id: 'c' }).id;
}

function wav(seconds: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + seconds * 16000);
  bytes.set(buildWavHeader({ channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: seconds * 16000 }));
  return bytes;
}

const lastAudit = () => f.services.audit.list({ limit: 1 })[0];

describe('permissions', () => {
  test('every voicemail route refuses without a session (401) and without the permission (403)', async () => {
    const routes = app.routes.filter((r) => r.path.startsWith('/api/voicemail'));
    expect(routes.length).toBe(16);
    for (const r of routes) {
      const path = r.path.replace(':number', '1002').replace(':id', '1');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      expect({ route: `${r.method} ${r.path}`, status: (await call(r.method, path, { body })).status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      expect({ route: `${r.method} ${r.path}`, status: (await call(r.method, path, { body, token: nobody })).status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });
});

describe('mailboxes', () => {
  test('lists every extension with its counts', async () => {
    const box = freshBox();
    leave(box);
    f.store.setState(leave(box), 'saved');
    const res = await call('GET', '/api/voicemail/mailboxes', { token: admin });
    expect(res.json.items.map((m: { extension: string }) => m.extension)).toEqual(expect.arrayContaining(['1001', '1002', box]));
    expect(res.json.items.find((m: { extension: string }) => m.extension === box)).toMatchObject({ new_messages: 1, saved_messages: 1, has_pin: false });
  });

  test('a PIN is set but never shown or audited in clear', async () => {
    const res = await call('PUT', '/api/voicemail/mailboxes/1002', { token: admin, body: { pin: '482913', email: 'bob@example.com' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ has_pin: true, email: 'bob@example.com' });
    expect(JSON.stringify(res.json)).not.toContain('482913');
    expect(lastAudit()).toMatchObject({ action: 'voicemail.mailbox', target: 'mailbox:1002', details: { email: 'bob@example.com', pin: 'set' } });
    expect(JSON.stringify(lastAudit())).not.toContain('482913');
  });

  test.each([
    ['a PIN of letters', { pin: 'abcd' }, 'pin'],
    ['an email without @', { email: 'bob' }, 'email'],
  ])('%s is refused naming the field', async (_name, body, field) => {
    const res = await call('PUT', '/api/voicemail/mailboxes/1002', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  test('an unknown mailbox is 404', async () => {
    expect((await call('GET', '/api/voicemail/mailboxes/1099', { token: admin })).status).toBe(404);
  });
});

describe('messages', () => {
  test('listed newest first, and the audio served as audio/wav and audited', async () => {
    const box = freshBox();
    leave(box);
    const id = leave(box, new Uint8Array([9, 8, 7]));
    const list = await call('GET', `/api/voicemail/mailboxes/${box}/messages`, { token: admin });
    expect(list.json.items.map((m: { id: number }) => m.id)).toEqual([id, id - 1]);
    const audio = await call('GET', `/api/voicemail/messages/${id}/audio`, { token: admin });
    expect({ status: audio.status, type: audio.type, bytes: [...audio.bytes] }).toEqual({ status: 200, type: 'audio/wav', bytes: [9, 8, 7] });
    expect(lastAudit()).toMatchObject({ action: 'voicemail.listen', target: `voicemail:${id}` });
  });

  test('marking saved moves the counts; heard stamps the time', async () => {
    const box = freshBox();
    const id = leave(box);
    const res = await call('PATCH', `/api/voicemail/messages/${id}`, { token: admin, body: { state: 'saved', heard: true } });
    expect(res.json).toMatchObject({ state: 'saved', heard_at: '2026-01-05T09:00:00.000Z' });
    expect(f.eventsNamed('voicemail.mailbox').at(-1)).toEqual({ mailbox: box, new: 0, saved: 1 });
  });

  test('delete removes row and file and is audited', async () => {
    const id = leave();
    const path = f.store.audioFile(id);
    expect((await call('DELETE', `/api/voicemail/messages/${id}`, { token: admin })).json).toEqual({ ok: true });
    expect(existsSync(path)).toBe(false);
    expect((await call('GET', `/api/voicemail/messages/${id}`, { token: admin })).status).toBe(404);
    expect(lastAudit()).toMatchObject({ action: 'voicemail.delete', target: `voicemail:${id}`, details: { mailbox: '1002' } });
  });

  test('without the voicemail files (an HTTP-only box) the audio answers why', async () => {
    const bare = createApiApp(f.services, { version: 't', startedAt: 0, webRoot: f.dir, recordingsDir: f.dir, sessionTtlMs: 3600_000 }).app;
    const res = await bare.handle(new Request(`http://localhost/api/voicemail/messages/${leave()}/audio`, { headers: { authorization: `Bearer ${admin}` } }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('voicemail_unavailable');
  });
});

describe('greeting', () => {
  test('an uploaded WAV becomes the greeting and can be played back; DELETE returns to the default', async () => {
    const up = await call('PUT', '/api/voicemail/mailboxes/1002/greeting', { token: admin, raw: wav(2) });
    expect(up.json).toMatchObject({ has_greeting: true });
    const back = await call('GET', '/api/voicemail/mailboxes/1002/greeting/audio', { token: admin });
    expect({ status: back.status, type: back.type, length: back.bytes.length }).toEqual({ status: 200, type: 'audio/wav', length: 44 + 32000 });
    expect((await call('DELETE', '/api/voicemail/mailboxes/1002/greeting', { token: admin })).json).toMatchObject({ has_greeting: false });
  });

  test('a file that is not a usable WAV is refused with the reason', async () => {
    const res = await call('PUT', '/api/voicemail/mailboxes/1002/greeting', { token: admin, raw: new TextEncoder().encode('MZ not audio') });
    expect(res.status).toBe(422);
    expect(res.json.error.details[0].path).toBe('greeting');
    expect(res.json.error.message).toContain('not a WAV file');
  });
});

describe('settings', () => {
  test('the policy reads back as written', async () => {
    const policy = { ...(await call('GET', '/api/voicemail/settings', { token: admin })).json, max_message_s: 60, language: 'en' };
    expect((await call('PUT', '/api/voicemail/settings', { token: admin, body: policy })).json).toEqual(policy);
    expect((await call('PUT', '/api/voicemail/settings', { token: admin, body: { ...policy, max_message_s: 5 } })).status).toBe(422);
  });

  test('the SMTP password is write-only: kept when left out, shown only as has_password', async () => {
    const smtp = { host: 'mail.example.com', port: 587, secure: 'starttls', username: 'box', password: 's3cret-pw', from: 'vm@example.com' };
    const put = await call('PUT', '/api/voicemail/smtp', { token: admin, body: smtp });
    expect(put.json).toEqual({ host: 'mail.example.com', port: 587, secure: 'starttls', username: 'box', has_password: true, from: 'vm@example.com', verify_certificate: true });
    const { password: _p, ...withoutPassword } = smtp;
    await call('PUT', '/api/voicemail/smtp', { token: admin, body: { ...withoutPassword, port: 465, secure: 'tls' } });
    expect(f.settings.smtp()).toMatchObject({ port: 465, password: 's3cret-pw' });
    expect(JSON.stringify(f.services.audit.list({ limit: 10 }))).not.toContain('s3cret-pw');
    expect(f.services.db.query("SELECT value FROM settings WHERE key = 'voicemail_smtp'").get()).not.toMatchObject({ value: expect.stringContaining('s3cret-pw') });
  });

  test.each([
    ['a host without a sender', { host: 'mail.example.com', port: 25, secure: 'none', username: null, from: '' }, 'from'],
    ['a login in clear', { host: 'mail.example.com', port: 25, secure: 'none', username: 'box', from: 'vm@example.com' }, 'secure'],
  ])('%s is refused naming the field', async (_name, body, field) => {
    const res = await call('PUT', '/api/voicemail/smtp', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.json.error.details[0].path).toBe(field);
  });

  test('the test email answers the mailer’s verdict', async () => {
    tested.length = 0;
    const res = await call('POST', '/api/voicemail/smtp/test', { token: admin, body: { to: 'admin@example.com' } });
    expect(res.json).toEqual({ ok: false, code: 'smtp_connect', message: 'cannot reach' });
    expect(tested).toEqual(['admin@example.com']);
  });
});
