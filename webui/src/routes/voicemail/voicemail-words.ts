import type { Message } from '../../i18n/catalogue';
import type { Mailbox, VoicemailMessage } from '../../lib/api/voicemail-types';

/** A message's length as m:ss (65 400 ms → 1:05), rounded to the nearest second. */
export function messageLength(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Who left a message: number and name when known, or that the number was withheld. */
export function callerWords(message: Pick<VoicemailMessage, 'caller_number' | 'caller_name'>): Message {
  const name = message.caller_name?.trim() ?? '';
  if (message.caller_number === '') return name === '' ? { key: 'voicemail.withheld' } : { text: name };
  return name === '' ? { text: message.caller_number } : { key: 'voicemail.callerNamed', params: { number: message.caller_number, name } };
}

/** The PIN's state: none yet, set, or locked by wrong PINs until a time (only while that time is ahead). */
export function pinWords(mailbox: Pick<Mailbox, 'has_pin' | 'locked_until'>, nowMs: number, formatTime: (iso: string) => string): Message {
  const until = mailbox.locked_until === null ? Number.NaN : Date.parse(mailbox.locked_until);
  if (mailbox.locked_until !== null && until > nowMs) return { key: 'voicemail.pinLocked', params: { until: formatTime(mailbox.locked_until) } };
  return { key: mailbox.has_pin ? 'voicemail.pinSet' : 'voicemail.pinNotSet' };
}
