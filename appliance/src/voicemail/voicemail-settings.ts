/**
 * Box-wide voicemail settings and the SMTP server for message emails, kept
 * in the settings table under `voicemail` and `voicemail_smtp`. The SMTP
 * password is sealed with the box key and never read back by the API.
 */
import { type Static, Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FieldIssue } from '../errors.ts';
import type { SecretBox } from '../store/index.ts';
import type { SettingsRepository } from '../system/index.ts';

export const VoicemailPolicy = T.Object(
  {
    /** Longest message, seconds. */
    max_message_s: T.Integer({ minimum: 10, maximum: 600 }),
    /** Shorter messages are discarded (a caller who hung up at the beep). */
    min_message_ms: T.Integer({ minimum: 0, maximum: 10_000 }),
    /** Recording stops after this much silence once the caller has spoken; 0 never. */
    silence_s: T.Integer({ minimum: 0, maximum: 60 }),
    /** A full mailbox takes no more messages. */
    max_messages: T.Integer({ minimum: 1, maximum: 10_000 }),
    /** Messages older than this are deleted by the sweep. */
    retention_days: T.Integer({ minimum: 1, maximum: 3650 }),
    /** Wrong PINs in a row before the mailbox locks. */
    pin_max_failures: T.Integer({ minimum: 3, maximum: 100 }),
    pin_lockout_min: T.Integer({ minimum: 1, maximum: 1440 }),
    /** Language of the prompts callers and mailbox owners hear. */
    language: T.Union([T.Literal('zh'), T.Literal('en')]),
    /** Time zone the message time is read out in (IANA name). */
    time_zone: T.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' }),
  },
  { additionalProperties: false },
);
export type VoicemailPolicy = Static<typeof VoicemailPolicy>;

export const DEFAULT_VOICEMAIL_POLICY: VoicemailPolicy = {
  max_message_s: 120,
  min_message_ms: 1000,
  silence_s: 5,
  max_messages: 100,
  retention_days: 180,
  pin_max_failures: 5,
  pin_lockout_min: 15,
  language: 'zh',
  time_zone: 'Asia/Shanghai',
};

export const SmtpSecurity = T.Union([T.Literal('none'), T.Literal('starttls'), T.Literal('tls')]);
export type SmtpSecurity = Static<typeof SmtpSecurity>;

/** The SMTP settings as the API shows them: the password only as `has_password`. */
export const SmtpSettingsView = T.Object({
  /** Empty: emails are off. */
  host: T.String({ maxLength: 253 }),
  port: T.Integer({ minimum: 1, maximum: 65535 }),
  secure: SmtpSecurity,
  username: T.Union([T.String({ minLength: 1, maxLength: 254 }), T.Null()]),
  has_password: T.Boolean(),
  from: T.String({ maxLength: 254 }),
  verify_certificate: T.Boolean(),
});
export type SmtpSettingsView = Static<typeof SmtpSettingsView>;

const EMAIL_OR_EMPTY = '^([^@\\s<>]+@[^@\\s<>]+)?$';

/** A change of the SMTP settings: password absent keeps it, null clears it. */
export const SmtpSettingsUpdate = T.Object(
  {
    host: T.String({ maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]*$', description: 'host name or address; empty turns emails off' }),
    port: T.Integer({ minimum: 1, maximum: 65535 }),
    secure: SmtpSecurity,
    username: T.Union([T.String({ minLength: 1, maxLength: 254 }), T.Null()]),
    password: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 256 }), T.Null()])),
    from: T.String({ maxLength: 254, pattern: EMAIL_OR_EMPTY, description: 'sender address, name@domain' }),
    verify_certificate: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
export type SmtpSettingsUpdate = Static<typeof SmtpSettingsUpdate>;

/** What the schema cannot say: a server needs a sender, a login needs an encrypted connection. */
export function smtpUpdateIssues(update: SmtpSettingsUpdate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (update.host !== '' && update.from === '') issues.push({ path: 'from', message: 'is required when host is set' });
  if (update.username !== null && update.secure === 'none') {
    issues.push({ path: 'secure', message: 'must be starttls or tls when a username is set (the password would travel in clear)' });
  }
  return issues;
}

const StoredSmtp = T.Object({
  host: T.String(),
  port: T.Integer(),
  secure: SmtpSecurity,
  username: T.Union([T.String(), T.Null()]),
  password_enc: T.Union([T.String(), T.Null()]),
  from: T.String(),
  verify_certificate: T.Boolean(),
});
type StoredSmtp = Static<typeof StoredSmtp>;

const NO_SMTP: StoredSmtp = { host: '', port: 587, secure: 'starttls', username: null, password_enc: null, from: '', verify_certificate: true };

/** What the mailer needs to connect: the password opened. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: SmtpSecurity;
  username: string | null;
  password: string | null;
  from: string;
  verifyCertificate: boolean;
}

const POLICY_KEY = 'voicemail';
const SMTP_KEY = 'voicemail_smtp';

export class VoicemailSettingsStore {
  constructor(
    private readonly settings: Pick<SettingsRepository, 'readJson' | 'writeJson'>,
    private readonly box: SecretBox,
  ) {}

  policy(): VoicemailPolicy {
    const stored = this.read(POLICY_KEY);
    return Value.Check(VoicemailPolicy, stored) ? stored : structuredClone(DEFAULT_VOICEMAIL_POLICY);
  }

  /** Returns false when nothing changed. */
  setPolicy(policy: VoicemailPolicy): boolean {
    return this.write(POLICY_KEY, policy);
  }

  smtpView(): SmtpSettingsView {
    const { password_enc, ...rest } = this.storedSmtp();
    return { ...rest, has_password: password_enc !== null };
  }

  smtp(): SmtpSettings {
    const s = this.storedSmtp();
    return {
      host: s.host,
      port: s.port,
      secure: s.secure,
      username: s.username,
      password: s.password_enc === null ? null : this.box.open(s.password_enc),
      from: s.from,
      verifyCertificate: s.verify_certificate,
    };
  }

  setSmtp(update: SmtpSettingsUpdate): boolean {
    const current = this.storedSmtp();
    const password_enc = update.password === undefined ? current.password_enc : update.password === null ? null : this.box.seal(update.password);
    return this.write(SMTP_KEY, {
      host: update.host,
      port: update.port,
      secure: update.secure,
      username: update.username,
      password_enc,
      from: update.from,
      verify_certificate: update.verify_certificate ?? current.verify_certificate,
    } satisfies StoredSmtp);
  }

  private storedSmtp(): StoredSmtp {
    const stored = this.read(SMTP_KEY);
    return Value.Check(StoredSmtp, stored) ? stored : structuredClone(NO_SMTP);
  }

  private read(key: string): unknown {
    return this.settings.readJson(key);
  }

  private write(key: string, value: unknown): boolean {
    return this.settings.writeJson(key, value);
  }
}
