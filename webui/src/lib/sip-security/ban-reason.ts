import type { Message, MessageKey } from '../../i18n/catalogue';

/** The reasons the SIP guard writes (appliance/src/pbx/sip-guard/sip-guard.ts), in the catalogue's words. */
const FIXED: Readonly<Record<string, MessageKey>> = {
  'repeated authentication failures': 'banReason.authFailures',
  'repeated malformed messages': 'banReason.malformed',
};
const SCANNER = /^scanner user-agent:\s*(.*)$/s;

/**
 * Why an address was banned, in the current language. The server sends
 * English text, not a code, so reasons it may add later are shown as sent.
 */
export function banReason(reason: string): Message {
  const key = FIXED[reason];
  if (key) return { key };
  const scanner = SCANNER.exec(reason);
  if (scanner) return { key: 'banReason.scanner', params: { agent: scanner[1]?.trim() ?? '' } };
  return { text: reason };
}
