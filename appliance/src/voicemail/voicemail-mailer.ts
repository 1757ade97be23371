/**
 * Emails a new message to the mailbox owner, with the WAV attached when the
 * mailbox says so. Sending runs beside the call, never in its way: a
 * failure is logged and counted, and raises a `voicemail_email_failed`
 * alarm at most once an hour, so a dead mail server does not flood the
 * operator with one alarm per message.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { EventBus } from '../events/index.ts';
import type { Clock, Logger, Scheduler } from '../system/index.ts';
import { localTime } from './message-time.ts';
import { buildMime } from './smtp/mime-message.ts';
import { sendMail } from './smtp/smtp-client.ts';
import { SmtpError } from './smtp/smtp-errors.ts';
import type { SmtpConnector } from './smtp/smtp-socket.ts';
import type { MailboxRecord, VoicemailMessage } from './voicemail-repository.ts';
import type { SmtpSettings, VoicemailPolicy, VoicemailSettingsStore } from './voicemail-settings.ts';

export interface VoicemailMailerDeps {
  settings: Pick<VoicemailSettingsStore, 'smtp' | 'policy'>;
  connect: SmtpConnector;
  scheduler: Scheduler;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /** The box's name in EHLO and Message-ID. */
  hostname: string;
  /** Extra trusted CA (PEM) for the SMTP server; tests use it for their own certificate. */
  ca?: string;
  random?: (size: number) => Uint8Array;
}

export type MailTestResult = { ok: true } | { ok: false; code: string; message: string };

const ALARM_INTERVAL_MS = 3600_000;

export class VoicemailMailer {
  readonly stats = { sent: 0, failed: 0 };
  private lastAlarmAt: number | null = null;
  private readonly random: (size: number) => Uint8Array;

  constructor(private readonly deps: VoicemailMailerDeps) {
    this.random = deps.random ?? ((n) => randomBytes(n));
  }

  /** Whether emails would be sent at all (an SMTP host is set). */
  get configured(): boolean {
    return this.deps.settings.smtp().host !== '';
  }

  /**
   * Emails a new message, if the box sends emails and the mailbox has an
   * address. Never rejects; the call does not wait for it (tests do).
   */
  messageLeft(message: VoicemailMessage, file: string, box: MailboxRecord): Promise<void> {
    const smtp = this.deps.settings.smtp();
    if (smtp.host === '' || box.email === null) return Promise.resolve();
    return this.deliver(smtp, message, file, box).then(
      () => {
        this.stats.sent++;
        this.deps.logger.info('voicemail email sent', { mailbox: box.number, message: message.id });
      },
      (error) => this.failed(error, box.number),
    );
  }

  /** A test email to `to`, for the settings page: the reason on failure rather than a throw. */
  async test(to: string): Promise<MailTestResult> {
    const smtp = this.deps.settings.smtp();
    const english = this.deps.settings.policy().language === 'en';
    try {
      await this.send(smtp, [to], {
        subject: english ? 'Voicemail email test' : '语音信箱邮件测试',
        text: english ? 'The voicemail emails of the call-center appliance reach this address.\n' : '呼叫中心设备的语音留言邮件可以发送到此地址。\n',
      });
      return { ok: true };
    } catch (error) {
      const e = error instanceof SmtpError ? error : new SmtpError('smtp_connect', String((error as Error)?.message ?? error), null, { cause: error });
      return { ok: false, code: e.failure, message: e.message };
    }
  }

  private async deliver(smtp: SmtpSettings, message: VoicemailMessage, file: string, box: MailboxRecord): Promise<void> {
    const content = messageEmail(message, box, this.deps.settings.policy());
    const attachment = box.attachAudio ? { filename: `voicemail-${box.number}-${basename(file)}`, contentType: 'audio/wav', bytes: await Bun.file(file).bytes() } : undefined;
    await this.send(smtp, [box.email as string], { ...content, ...(attachment ? { attachment } : {}) });
  }

  private async send(smtp: SmtpSettings, to: string[], content: { subject: string; text: string; attachment?: Parameters<typeof buildMime>[0]['attachment'] }): Promise<void> {
    if (smtp.host === '') throw new SmtpError('smtp_config', 'no SMTP host set');
    const hex = (n: number) => Buffer.from(this.random(n)).toString('hex');
    const mime = buildMime({
      from: smtp.from,
      to,
      ...content,
      date: this.deps.clock.now(),
      messageId: `<${hex(12)}@${this.deps.hostname}>`,
      boundary: `=_vm_${hex(12)}`,
    });
    await sendMail(
      { connect: this.deps.connect, scheduler: this.deps.scheduler, heloName: this.deps.hostname },
      { ...smtp, ...(this.deps.ca ? { ca: this.deps.ca } : {}) },
      { from: smtp.from, to },
      mime,
    );
  }

  private failed(error: unknown, mailbox: string): void {
    this.stats.failed++;
    const e = error instanceof SmtpError ? error : null;
    const reason = error instanceof Error ? error.message : String(error);
    this.deps.logger.warn('voicemail email failed', { mailbox, code: e?.failure ?? 'unknown', reason });
    const now = this.deps.clock.now();
    if (this.lastAlarmAt !== null && now - this.lastAlarmAt < ALARM_INTERVAL_MS) return;
    this.lastAlarmAt = now;
    this.deps.bus.publish('system.alarm', {
      code: 'voicemail_email_failed',
      severity: 'warning',
      message: `语音留言邮件发送失败（${e?.failure ?? 'unknown'}）：${reason}`,
    });
  }
}

/** The subject and text of a message email, in the box's prompt language. */
export function messageEmail(message: VoicemailMessage, box: MailboxRecord, policy: VoicemailPolicy): { subject: string; text: string } {
  const when = localTime(Date.parse(message.called_at), policy.time_zone);
  const seconds = Math.round(message.duration_ms / 1000);
  const caller = message.caller_number === '' ? null : message.caller_number;
  if (policy.language === 'en') {
    return {
      subject: `New voicemail for ${box.number} from ${caller ?? 'an unknown number'}`,
      text: [
        `Extension ${box.number} (${box.name}) has a new voicemail message.`,
        '',
        `Caller: ${caller ?? 'unknown'}${message.caller_name ? ` (${message.caller_name})` : ''}`,
        `Time: ${when.date} ${when.time}`,
        `Length: ${seconds} s`,
        '',
        box.attachAudio ? 'The recording is attached.' : 'Listen to it from the phone (*97) or in the web interface.',
        '',
      ].join('\n'),
    };
  }
  return {
    subject: `新语音留言：来自 ${caller ?? '未知号码'}（分机 ${box.number}）`,
    text: [
      `分机 ${box.number}（${box.name}）有一条新的语音留言。`,
      '',
      `来电号码：${caller ?? '未知'}${message.caller_name ? `（${message.caller_name}）` : ''}`,
      `时间：${when.date} ${when.time}`,
      `时长：${seconds} 秒`,
      '',
      box.attachAudio ? '留言录音见附件。' : '请在话机上（*97）或网页界面中收听留言。',
      '',
    ].join('\n'),
  };
}
