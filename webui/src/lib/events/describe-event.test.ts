import { describe, expect, test } from 'bun:test';
import { type Message, translate } from '../../i18n/catalogue';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { type AnyBusEvent, describeEvent, parseBusEvent } from './describe-event';

const AT = '2024-01-01T00:00:00Z';

/** What the event log shows, in both languages. */
function lines(message: Message): [string, string] {
  if ('text' in message) return [message.text, message.text];
  return [translate(zhCN, message.key, message.params), translate(en, message.key, message.params)];
}

describe('parseBusEvent', () => {
  test('keeps well-formed frames and drops the rest', () => {
    const frame = { seq: 1, name: 'system.alarm', at: '2024-01-01T00:00:00Z', data: { code: 'disk', severity: 'warning', message: 'low' } };
    expect(parseBusEvent(JSON.stringify(frame))).toEqual(frame as never);
    expect(parseBusEvent('not json')).toBeNull();
    expect(parseBusEvent('{"seq":"1","name":"x","at":"t","data":{}}')).toBeNull();
    expect(parseBusEvent('{"seq":1,"name":"x","at":"t"}')).toBeNull();
  });
});

describe('describeEvent', () => {
  test('a config change names the entity and action through the catalogue', () => {
    const event = {
      seq: 2,
      name: 'config.changed',
      at: '2024-01-01T00:00:00Z',
      data: { entity: 'extension', action: 'created', id: 3, label: '1001', actor: 'admin' },
    } as const;
    expect(describeEvent(event)).toEqual({
      key: 'event.configChangedBy',
      params: { entity: { key: 'entity.extension' }, action: { key: 'action.created' }, label: '1001', actor: 'admin' },
    });
  });
});

describe('describeEvent for registrations and SIP bans', () => {
  const contact = 'sip:1001@192.0.2.7:5062';
  test.each<[string, AnyBusEvent, string, string]>([
    [
      'a registration names the source',
      {
        seq: 3,
        name: 'extension.registered',
        at: AT,
        data: { extension: '1001', contact, source: '192.0.2.7:5062', transport: 'udp', user_agent: 'Yealink', expires: 300 },
      },
      '分机 1001 已注册，来自 192.0.2.7:5062（UDP）',
      'Extension 1001 registered from 192.0.2.7:5062 (UDP)',
    ],
    [
      'a phone that un-registered',
      { seq: 4, name: 'extension.unregistered', at: AT, data: { extension: '1001', contact, reason: 'removed' } },
      `分机 1001 已注销（${contact}）`,
      `Extension 1001 unregistered (${contact})`,
    ],
    [
      'an expired registration',
      { seq: 5, name: 'extension.unregistered', at: AT, data: { extension: '1001', contact, reason: 'expired' } },
      `分机 1001 的注册已过期（${contact}）`,
      `Registration of extension 1001 expired (${contact})`,
    ],
    [
      'a registration an admin cleared',
      { seq: 6, name: 'extension.unregistered', at: AT, data: { extension: '1001', contact, reason: 'admin' } },
      `管理员清除了分机 1001 的注册（${contact}）`,
      `An administrator cleared the registration of extension 1001 (${contact})`,
    ],
    [
      'a ban, with the reason in the catalogue\'s words',
      { seq: 7, name: 'sip.source_banned', at: AT, data: { address: '203.0.113.9', reason: 'scanner user-agent: friendly-scanner', until: AT } },
      '已封禁 SIP 来源地址 203.0.113.9，原因：扫描工具（User-Agent：friendly-scanner）',
      'SIP source 203.0.113.9 banned. Reason: Scanning tool (User-Agent: friendly-scanner)',
    ],
    [
      'a ban for a reason the UI does not know, as the server wrote it',
      { seq: 8, name: 'sip.source_banned', at: AT, data: { address: '203.0.113.9', reason: 'new rule', until: AT } },
      '已封禁 SIP 来源地址 203.0.113.9，原因：new rule',
      'SIP source 203.0.113.9 banned. Reason: new rule',
    ],
    [
      'a lifted ban',
      { seq: 9, name: 'sip.ban_lifted', at: AT, data: { address: '203.0.113.9' } },
      '已解除对 SIP 来源地址 203.0.113.9 的封禁',
      'SIP ban on 203.0.113.9 lifted',
    ],
  ])('%s', (_, event, zh, english) => {
    expect(lines(describeEvent(event))).toEqual([zh, english]);
  });
});

describe('describeEvent for calls', () => {
  test.each<[string, AnyBusEvent, string, string]>([
    [
      'a call that reached the box',
      { seq: 10, name: 'call.started', at: AT, data: { call_id: 'c1', from: '1001', to: '1002' } },
      '1001 呼叫 1002',
      'Call from 1001 to 1002',
    ],
    [
      'an answer names the agent',
      { seq: 11, name: 'call.answered', at: AT, data: { call_id: 'c1', from: '1001', to: '1002', agent: '1002' } },
      '1002 接听了 1001 的来电',
      '1002 answered the call from 1001',
    ],
    [
      'a resumed call',
      { seq: 12, name: 'call.hold', at: AT, data: { call_id: 'c1', extension: '1002', held: false } },
      '分机 1002 恢复了通话',
      'Extension 1002 resumed the call',
    ],
    [
      'an attended transfer',
      { seq: 13, name: 'call.transferred', at: AT, data: { call_id: 'c1', by: '1002', to: '1003', kind: 'attended' } },
      '1002 将通话转接到 1003（咨询转接）',
      '1002 transferred the call to 1003 (attended)',
    ],
    [
      'an ended call, in the glossary\'s words',
      { seq: 14, name: 'call.ended', at: AT, data: { call_id: 'c1', cdr_id: 3, disposition: 'abandoned', cause: 'caller_cancelled' } },
      '通话结束：放弃，主叫在接听前挂机',
      'Call ended: Abandoned, Caller hung up before the answer',
    ],
  ])('%s', (_, event, zh, english) => {
    expect(lines(describeEvent(event))).toEqual([zh, english]);
  });
});

describe('describeEvent for trunks and voicemail', () => {
  test.each<[string, AnyBusEvent, string, string]>([
    [
      'a trunk that registered and answers pings',
      { seq: 20, name: 'trunk.status', at: AT, data: { trunk: 'carrier', registration: 'registered', reachable: true, latency_ms: 12, reason: null } },
      '中继 carrier：已注册，可达',
      'Trunk carrier: Registered, Reachable',
    ],
    [
      'a failed registration names the reason in the catalogue\'s words',
      {
        seq: 21,
        name: 'trunk.status',
        at: AT,
        data: { trunk: 'carrier', registration: 'failed', reachable: false, latency_ms: null, reason: 'credentials_rejected' },
      },
      '中继 carrier：注册失败，不可达（认证用户名或密码错误）',
      'Trunk carrier: Registration failed, Unreachable (wrong user name or password)',
    ],
    [
      'a message left by a caller with a name',
      { seq: 22, name: 'voicemail.message', at: AT, data: { mailbox: '1002', message_id: 5, caller: '13800138000', caller_name: 'Li', duration_ms: 12_400 } },
      '13800138000 (Li) 给信箱 1002 留言（12 秒）',
      '13800138000 (Li) left a message in mailbox 1002 (12 s)',
    ],
    [
      'mailbox counts',
      { seq: 23, name: 'voicemail.mailbox', at: AT, data: { mailbox: '1002', new: 1, saved: 3 } },
      '信箱 1002：1 条新留言，3 条已保存',
      'Mailbox 1002: 1 new, 3 saved',
    ],
  ])('%s', (_, event, zh, english) => {
    expect(lines(describeEvent(event))).toEqual([zh, english]);
  });
});
