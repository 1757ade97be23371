/** The server's JSON shapes for voicemail (语音信箱). */

/** An extension's mailbox with its message counts. */
export interface Mailbox {
  extension: string;
  name: string;
  enabled: boolean;
  has_pin: boolean;
  has_greeting: boolean;
  /** Where message emails go; null: the extension's own email, if any. */
  email: string | null;
  attach_audio: boolean;
  /** Until when wrong PINs have locked the mailbox; null when open. */
  locked_until: string | null;
  new_messages: number;
  saved_messages: number;
}

export interface MailboxUpdate {
  enabled?: boolean;
  email?: string | null;
  attach_audio?: boolean;
  /** 4 to 8 digits; null removes the PIN. Setting one also lifts a lockout. */
  pin?: string | null;
}

export type MessageState = 'new' | 'saved';

export interface VoicemailMessage {
  id: number;
  mailbox: string;
  /** Empty when the caller withheld the number. */
  caller_number: string;
  caller_name: string | null;
  called_at: string;
  duration_ms: number;
  state: MessageState;
  heard_at: string | null;
}

export const SMTP_SECURITIES = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITIES)[number];

/** The SMTP server for message emails; the password only as `has_password`. */
export interface SmtpSettings {
  /** Empty: emails are off. */
  host: string;
  port: number;
  secure: SmtpSecurity;
  username: string | null;
  has_password: boolean;
  from: string;
  verify_certificate: boolean;
}

export interface SmtpSettingsUpdate {
  host: string;
  port: number;
  secure: SmtpSecurity;
  username: string | null;
  /** Left out: keep the stored one; null: remove it. */
  password?: string | null;
  from: string;
  verify_certificate?: boolean;
}

export type MailTestResult = { ok: true } | { ok: false; code: string; message: string };
