import type { MessageKey, MessageParams } from '../../i18n/catalogue';
import type { Registration, RegistrationContact } from '../../lib/api/types';

/** Contacts by extension number; an extension that is not in the map is not registered. */
export function indexRegistrations(items: readonly Registration[]): ReadonlyMap<string, readonly RegistrationContact[]> {
  return new Map(items.filter((item) => item.contacts.length > 0).map((item) => [item.extension, item.contacts]));
}

/** The parts of I18n a contact line needs. */
export interface ContactWords {
  t: (key: MessageKey, params?: MessageParams) => string;
  formatDateTime: (iso: string) => string;
}

/** One contact on one line, for the badge's tooltip: "192.0.2.7:5062 · UDP · Yealink T46U · expires …". */
export function contactLine(contact: RegistrationContact, words: ContactWords): string {
  return words.t('registrations.contactLine', {
    source: contact.source,
    transport: contact.transport.toUpperCase(),
    userAgent: contact.user_agent ?? words.t('common.none'),
    expires: words.formatDateTime(contact.expires_at),
  });
}
