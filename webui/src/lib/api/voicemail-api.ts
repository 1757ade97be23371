import type { ApiClient } from './api-client';
import type { Mailbox, MailboxUpdate, MailTestResult, MessageState, SmtpSettings, SmtpSettingsUpdate, VoicemailMessage } from './voicemail-types';

/** The voicemail routes under /api/voicemail. */
export class VoicemailApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async mailboxes(): Promise<Mailbox[]> {
    return (await this.#api.get<{ items: Mailbox[] }>('/api/voicemail/mailboxes')).items;
  }

  mailbox(number: string): Promise<Mailbox> {
    return this.#api.get<Mailbox>(`/api/voicemail/mailboxes/${encodeURIComponent(number)}`);
  }

  updateMailbox(number: string, body: MailboxUpdate): Promise<Mailbox> {
    return this.#api.put<Mailbox>(`/api/voicemail/mailboxes/${encodeURIComponent(number)}`, body);
  }

  /** Newest first. */
  async messages(number: string): Promise<VoicemailMessage[]> {
    return (await this.#api.get<{ items: VoicemailMessage[] }>(`/api/voicemail/mailboxes/${encodeURIComponent(number)}/messages`)).items;
  }

  /** Where the browser plays a message (an <audio> src); fetching it is audited as listening. */
  messageAudioUrl(id: number): string {
    return `/api/voicemail/messages/${id}/audio`;
  }

  setMessageState(id: number, state: MessageState): Promise<VoicemailMessage> {
    return this.#api.patch<VoicemailMessage>(`/api/voicemail/messages/${id}`, { state });
  }

  markHeard(id: number): Promise<VoicemailMessage> {
    return this.#api.patch<VoicemailMessage>(`/api/voicemail/messages/${id}`, { heard: true });
  }

  deleteMessage(id: number): Promise<void> {
    return this.#api.delete(`/api/voicemail/messages/${id}`);
  }

  smtp(): Promise<SmtpSettings> {
    return this.#api.get<SmtpSettings>('/api/voicemail/smtp');
  }

  updateSmtp(body: SmtpSettingsUpdate): Promise<SmtpSettings> {
    return this.#api.put<SmtpSettings>('/api/voicemail/smtp', body);
  }

  /** Sends a test email with the saved settings; a failure comes back as a reason, not an error. */
  testSmtp(to: string): Promise<MailTestResult> {
    return this.#api.post<MailTestResult>('/api/voicemail/smtp/test', { to });
  }
}
