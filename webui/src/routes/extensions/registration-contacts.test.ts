import { describe, expect, test } from 'bun:test';
import { type MessageKey, type MessageParams, translate } from '../../i18n/catalogue';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import type { RegistrationContact } from '../../lib/api/types';
import { contactLine, indexRegistrations } from './registration-contacts';

const contact: RegistrationContact = {
  contact: 'sip:1001@192.0.2.7:5062',
  source: '192.0.2.7:5062',
  transport: 'udp',
  user_agent: 'Yealink SIP-T46U',
  registered_at: '2024-05-01T08:00:00.000Z',
  expires_at: '2024-05-01T08:05:00.000Z',
};

describe('indexRegistrations', () => {
  test('finds contacts by extension number; others are not registered', () => {
    const second = { ...contact, contact: 'sip:1001@198.51.100.2:5060', transport: 'tcp' as const };
    const index = indexRegistrations([
      { extension: '1001', contacts: [contact, second] },
      { extension: '1002', contacts: [] },
    ]);
    expect(index.get('1001')).toEqual([contact, second]);
    expect(index.has('1002')).toBe(false);
    expect(index.get('1003')).toBeUndefined();
  });
});

describe('contactLine', () => {
  const words = (catalogue: typeof en) => ({
    t: (key: MessageKey, params?: MessageParams) => translate(catalogue, key, params),
    formatDateTime: (iso: string) => iso.slice(11, 16),
  });

  test('puts address, transport, user agent and expiry on one line in either language', () => {
    expect(contactLine(contact, words(en))).toBe('192.0.2.7:5062 · UDP · Yealink SIP-T46U · expires 08:05');
    expect(contactLine(contact, words(zhCN))).toBe('192.0.2.7:5062 · UDP · Yealink SIP-T46U · 08:05 到期');
  });

  test('a phone that sent no User-Agent gets a dash', () => {
    expect(contactLine({ ...contact, user_agent: null }, words(en))).toBe('192.0.2.7:5062 · UDP · — · expires 08:05');
  });
});
