import type { SmtpSecurity, SmtpSettings, SmtpSettingsUpdate } from '../../lib/api/voicemail-types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the SMTP form edits; the port as typed, the password only when a new one is typed. */
export interface SmtpValues extends Record<string, unknown> {
  host: string;
  port: string;
  secure: SmtpSecurity;
  username: string;
  password: string;
  /** Removes the stored password (when no new one is typed). */
  clear_password: boolean;
  from: string;
  verify_certificate: boolean;
}

const HOST_PATTERN = /^[A-Za-z0-9.:[\]-]*$/;
const EMAIL_PATTERN = /^[^@\s<>]+@[^@\s<>]+$/;

export function smtpValues(settings: SmtpSettings): SmtpValues {
  return {
    host: settings.host,
    port: String(settings.port),
    secure: settings.secure,
    username: settings.username ?? '',
    password: '',
    clear_password: false,
    from: settings.from,
    verify_certificate: settings.verify_certificate,
  };
}

export function validateSmtp(values: SmtpValues): FieldErrors<SmtpValues> {
  const errors: FieldErrors<SmtpValues> = {};
  const host = values.host.trim();
  if (host.length > 253 || !HOST_PATTERN.test(host)) errors.host = { key: 'smtp.errHost' };
  const port = Number(values.port.trim());
  if (!/^[0-9]+$/.test(values.port.trim()) || port < 1 || port > 65535) errors.port = { key: 'smtp.errPort' };
  const from = values.from.trim();
  if (from !== '' && !EMAIL_PATTERN.test(from)) errors.from = { key: 'smtp.errFrom' };
  else if (host !== '' && from === '') errors.from = { key: 'smtp.errFromNeeded' };
  // A login over a plain connection would send the password in clear.
  if (values.username.trim() !== '' && values.secure === 'none') errors.secure = { key: 'smtp.errSecure' };
  if (values.password.length > 256) errors.password = { key: 'smtp.errPassword' };
  return errors;
}

export function smtpBody(values: SmtpValues): SmtpSettingsUpdate {
  const username = values.username.trim();
  const body: SmtpSettingsUpdate = {
    host: values.host.trim(),
    port: Number(values.port.trim()),
    secure: values.secure,
    username: username === '' ? null : username,
    from: values.from.trim(),
    verify_certificate: values.verify_certificate,
  };
  if (values.password !== '') body.password = values.password;
  else if (values.clear_password) body.password = null;
  return body;
}
