import { describe, expect, test } from 'bun:test';
import { fillPlaceholders, translate } from './catalogue';
import { en } from './en';
import { zhCN } from './zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  test('en has exactly the keys of zh-CN', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  test('every en text uses the same placeholders as its zh-CN text', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      expect({ key, names: placeholders(en[key as keyof typeof zhCN]) }).toEqual({ key, names: placeholders(text) });
    }
  });

  test('no text is empty', () => {
    for (const text of [...Object.values(zhCN), ...Object.values(en)]) expect(text.trim()).not.toBe('');
  });
});

describe('fillPlaceholders', () => {
  test.each([
    ['分机 {number} 已被使用', { number: '1001' }, '分机 1001 已被使用'],
    ['{d} d {h} h', { d: 1, h: 0 }, '1 d 0 h'],
    ['left {alone}', {}, 'left {alone}'],
    ['no params', undefined, 'no params'],
  ] as const)('%p with %p gives %p', (template, params, expected) => {
    expect(fillPlaceholders(template, params)).toBe(expected);
  });
});

describe('translate', () => {
  test('fills placeholders, translating those that are messages with their own params', () => {
    expect(translate(zhCN, 'extensions.conflict', { number: '1001' })).toBe('分机号 1001 已被使用');
    const reason = { key: 'banReason.scanner', params: { agent: 'sipvicious' } } as const;
    expect(translate(en, 'event.sipSourceBanned', { address: '203.0.113.9', reason })).toBe(
      'SIP source 203.0.113.9 banned. Reason: Scanning tool (User-Agent: sipvicious)',
    );
    expect(translate(en, 'event.configChanged', { entity: { key: 'entity.trunk' }, label: 'carrier', action: { key: 'action.deleted' } })).toBe(
      'Trunk carrier deleted',
    );
  });
});
