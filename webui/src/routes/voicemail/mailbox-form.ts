import type { Mailbox, MailboxUpdate } from '../../lib/api/voicemail-types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the mailbox settings form edits; an empty email means the extension's own. */
export interface MailboxValues extends Record<string, unknown> {
  enabled: boolean;
  email: string;
  attach_audio: boolean;
}

export interface PinValues extends Record<string, unknown> {
  pin: string;
}

const EMAIL_PATTERN = /^[^@\s<>]+@[^@\s<>]+$/;
const PIN_PATTERN = /^[0-9]{4,8}$/;

export function mailboxValues(mailbox: Mailbox): MailboxValues {
  return { enabled: mailbox.enabled, email: mailbox.email ?? '', attach_audio: mailbox.attach_audio };
}

export function validateMailbox(values: MailboxValues): FieldErrors<MailboxValues> {
  const email = values.email.trim();
  return email !== '' && (email.length > 254 || !EMAIL_PATTERN.test(email)) ? { email: { key: 'voicemail.errEmail' } } : {};
}

export function mailboxBody(values: MailboxValues): MailboxUpdate {
  const email = values.email.trim();
  return { enabled: values.enabled, email: email === '' ? null : email, attach_audio: values.attach_audio };
}

export function validatePin(values: PinValues): FieldErrors<PinValues> {
  return PIN_PATTERN.test(values.pin) ? {} : { pin: { key: 'voicemail.errPin' } };
}
