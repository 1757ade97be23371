/**
 * The message-summary body of RFC 3842 §5, for voice messages only:
 *
 *   Messages-Waiting: yes            ← "yes" while there are new messages (§5.2)
 *   Message-Account: sip:1002@box    ← the mailbox's account URI
 *   Voice-Message: 2/8 (0/0)         ← new/old (urgent new/urgent old)
 *
 * Lines end in CRLF. The box has no urgent messages, so the urgent counts
 * are always 0.
 */

export const MESSAGE_SUMMARY_EVENT = 'message-summary';
export const MESSAGE_SUMMARY_TYPE = 'application/simple-message-summary';

export interface SummaryCounts {
  /** Messages not yet heard and kept (state new). */
  new: number;
  /** Saved messages. */
  old: number;
}

export function messageSummary(account: string, counts: SummaryCounts): Uint8Array {
  const text = `Messages-Waiting: ${counts.new > 0 ? 'yes' : 'no'}\r\nMessage-Account: ${account}\r\nVoice-Message: ${counts.new}/${counts.old} (0/0)\r\n`;
  return new TextEncoder().encode(text);
}
