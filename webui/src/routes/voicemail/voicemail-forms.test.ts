import { describe, expect, test } from 'bun:test';
import { mailboxBody, validateMailbox, validatePin } from './mailbox-form';
import { smtpBody, smtpValues, validateSmtp } from './smtp-form';

describe('mailbox form', () => {
  test('an empty email falls back to the extension and is sent as null', () => {
    const values = { enabled: true, email: ' ', attach_audio: false };
    expect(validateMailbox(values)).toEqual({});
    expect(mailboxBody(values)).toEqual({ enabled: true, email: null, attach_audio: false });
    expect(Object.keys(validateMailbox({ ...values, email: 'not an email' }))).toEqual(['email']);
  });

  test.each([
    ['1234', true],
    ['12345678', true],
    ['123', false],
    ['123456789', false],
    ['12a4', false],
  ])('PIN %p is accepted: %p', (pin, ok) => {
    expect(Object.keys(validatePin({ pin })).length === 0).toBe(ok);
  });
});

describe('SMTP form', () => {
  const saved = smtpValues({
    host: 'smtp.example.com',
    port: 587,
    secure: 'starttls',
    username: 'box',
    has_password: true,
    from: 'box@example.com',
    verify_certificate: true,
  });

  test('an untouched password is kept: it is left out of the body', () => {
    expect(validateSmtp(saved)).toEqual({});
    expect(smtpBody(saved)).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: 'starttls',
      username: 'box',
      from: 'box@example.com',
      verify_certificate: true,
    });
  });

  test('a new password is sent; clearing sends null', () => {
    expect(smtpBody({ ...saved, password: 'pw' }).password).toBe('pw');
    expect(smtpBody({ ...saved, clear_password: true }).password).toBeNull();
  });

  test.each([
    ['host', { host: 'bad host' }],
    ['port', { port: '0' }],
    ['from', { from: 'nobody' }],
    ['from', { from: '' }],
    ['secure', { secure: 'none' as const }],
  ])('flags %p for %p', (field, change) => {
    expect(Object.keys(validateSmtp({ ...saved, ...change }))).toEqual([field]);
  });

  test('emails off: no host needs no sender', () => {
    expect(validateSmtp({ ...saved, host: '', from: '', username: '' })).toEqual({});
  });
});
