import { describe, expect, test } from 'bun:test';
import { type Message, translate } from '../../i18n/catalogue';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { DISPOSITION_WORDS, hangupCause, legLine } from './call-words';

function lines(message: Message): [string, string] {
  if ('text' in message) return [message.text, message.text];
  return [translate(zhCN, message.key, message.params), translate(en, message.key, message.params)];
}

describe('call words', () => {
  test('every disposition has the glossary word', () => {
    const words = Object.values(DISPOSITION_WORDS).map((key) => zhCN[key]);
    expect(words).toEqual(['已接听', '未接', '忙', '失败', '放弃']);
  });

  test.each<[string | null, string, string]>([
    ['callee_busy', '被叫忙', 'Callee busy'],
    ['admin_hangup', '管理员挂断', 'Hung up by an administrator'],
    ['sip_486', '对方返回 SIP 486', 'Remote side answered SIP 486'],
    ['cause_from_a_newer_release', 'cause_from_a_newer_release', 'cause_from_a_newer_release'],
    [null, '—', '—'],
  ])('cause %p reads %p / %p', (cause, zh, english) => {
    expect(lines(hangupCause(cause))).toEqual([zh, english]);
  });

  test('a leg names its number, direction and state; unknown states as sent', () => {
    const leg = { id: 'l1', number: '1001', direction: 'inbound' as const, state: 'up', rtp_port: 20000 };
    expect(lines(legLine(leg))).toEqual(['1001 · 呼入 · 通话中', '1001 · inbound · in call']);
    expect(lines(legLine({ ...leg, direction: 'outbound', state: 'parked' }))).toEqual(['1001 · 呼出 · parked', '1001 · outbound · parked']);
  });
});
