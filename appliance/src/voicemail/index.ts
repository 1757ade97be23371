/** Voicemail (语音信箱): mailboxes, leaving and retrieving messages, message-waiting lamps, message emails. */
export { type MailboxAccessDeps, MailboxAccess, type PinCheck } from './mailbox-access.ts';
export { type MessageMeta, MessageStore, type MessageStoreDeps, type Reservation } from './message-store.ts';
export { MwiNotifier } from './mwi-notifier.ts';
export { MwiSubscriptions } from './mwi-subscriptions.ts';
export { checkPinFormat, isValidPin, PIN_PATTERN } from './pin-hash.ts';
export type { VoicemailSpeech } from './prompt-player.ts';
export { SmtpError, type SmtpFailure } from './smtp/smtp-errors.ts';
export { type SmtpConnector, tcpSmtpConnector } from './smtp/smtp-socket.ts';
export { GREETING_UPLOAD_MAX_BYTES, normalizeGreeting } from './greeting-upload.ts';
export { VoicemailUnavailableError } from './voicemail-errors.ts';
export { type MailTestResult, VoicemailMailer } from './voicemail-mailer.ts';
export {
  Mailbox,
  type MailboxChanges,
  type MailboxRecord,
  type MessageCounts,
  MessageState,
  VoicemailMessage,
  VoicemailRepository,
} from './voicemail-repository.ts';
export { createVoicemail, type MessageWaiting, type MessageWaitingOptions, startMessageWaiting, type Voicemail, type VoicemailOptions } from './voicemail-runtime.ts';
export { VoicemailService, type VoicemailServiceDeps } from './voicemail-service.ts';
export {
  DEFAULT_VOICEMAIL_POLICY,
  type SmtpSettings,
  SmtpSettingsUpdate,
  SmtpSettingsView,
  smtpUpdateIssues,
  VoicemailPolicy,
  VoicemailSettingsStore,
} from './voicemail-settings.ts';
