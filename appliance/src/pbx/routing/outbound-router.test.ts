import { describe, expect, test } from 'bun:test';
import type { BlacklistEntry } from '../blacklist/blacklist-entry.ts';
import { compileBlacklist } from '../blacklist/blacklist-matcher.ts';
import type { CallPermission, CallRights } from './number-class.ts';
import { type OutboundContext, type OutboundRule, routeOutbound } from './outbound-router.ts';

const ROUTES: OutboundRule[] = [
  { id: 1, pattern: '9X.', trunks: ['carrier', 'backup'], strip: 1, prepend: '' },
  { id: 2, pattern: '900.', trunks: ['intl'], strip: 1, prepend: '' },
  { id: 3, pattern: '_91[3-9]XXXXXXXXX', trunks: ['mobile-gw', 'carrier'], strip: 1, prepend: '' },
  { id: 4, pattern: '8NXXXXXXX', trunks: ['ip'], strip: 1, prepend: '17951' },
  { id: 5, pattern: '110', trunks: ['carrier'], strip: 0, prepend: '' },
];

const BLACKLIST: BlacklistEntry[] = [
  { id: 1, number: '13777777777', kind: 'number', direction: 'outbound', action: 'reject', note: '', created_at: '', updated_at: '' },
  { id: 2, number: '13666666666', kind: 'number', direction: 'inbound', action: 'reject', note: '', created_at: '', updated_at: '' },
];
const blacklist = compileBlacklist(BLACKLIST, '0571');

const ctx: OutboundContext = {
  routes: ROUTES,
  classify: { homeAreaCode: '0571', isExtension: (n) => n === '1001' },
  blacklisted: (n) => blacklist.check(n, 'outbound'),
};
const rights = (call_permission: CallPermission, allow_premium = false): CallRights => ({ call_permission, allow_premium });

describe('routeOutbound: route, number sent and trunks', () => {
  test.each([
    ['a local number', '988886666', 1, '88886666', ['carrier', 'backup']],
    ['a mobile: the mobile route is more specific', '913800138000', 3, '13800138000', ['mobile-gw', 'carrier']],
    ['a long-distance number', '901088886666', 1, '01088886666', ['carrier', 'backup']],
    ['international goes to its own route', '90014155550100', 2, '0014155550100', ['intl']],
    ['prepend is added after strip', '888886666', 4, '1795188886666', ['ip']],
    ['an emergency number without access code', '110', 5, '110', ['carrier']],
    ['an emergency number with access code', '9110', 1, '110', ['carrier', 'backup']],
  ])('%s: %s → route %d sends %s via %j', (_name, dialled, routeId, number, trunks) => {
    expect(routeOutbound({ dialled, rights: rights('international') }, ctx)).toMatchObject({ ok: true, routeId, number, trunks });
  });
});

describe('routeOutbound: refusals', () => {
  test.each<[string, string, CallRights | null, string, number]>([
    ['no route', '7123', rights('international'), 'no_route', 404],
    ['strip leaves nothing', '9', rights('international'), 'no_route', 404],
    ['international without the right (toll-fraud guard)', '90014155550100', rights('long_distance'), 'not_permitted', 403],
    ['long distance for a local-only extension', '901088886666', rights('local'), 'not_permitted', 403],
    ['local for an internal-only extension', '988886666', rights('internal'), 'not_permitted', 403],
    ['premium without allow_premium', '916001234', rights('international'), 'not_permitted', 403],
    ['international premium with allow_premium but only long distance', '900979123456789', rights('long_distance', true), 'not_permitted', 403],
    ['a number blacklisted for calls out', '913777777777', rights('international', true), 'blacklisted', 403],
    ['blacklisted, also as typed without a route', '13777777777', rights('international'), 'blacklisted', 403],
  ])('%s (%s)', (_name, dialled, r, reason, sipStatus) => {
    expect(routeOutbound({ dialled, rights: r }, ctx)).toMatchObject({ ok: false, reason, sipStatus });
  });

  test.each<[string, string, CallRights | null]>([
    ['emergency for an internal-only extension', '9110', rights('internal')],
    ['premium with allow_premium', '916001234', rights('long_distance', true)],
    ['an inbound-only blacklist entry', '913666666666', rights('local')],
    ['an administrator-configured destination is trusted', '90014155550100', null],
  ])('allowed: %s', (_name, dialled, r) => {
    expect(routeOutbound({ dialled, rights: r }, ctx).ok).toBe(true);
  });

  test('the refusal names the extension, its class and the number, in Chinese and English', () => {
    const result = routeOutbound({ dialled: '901088886666', rights: rights('local'), caller: '1001' }, ctx);
    expect(result).toMatchObject({
      ok: false,
      message: {
        zh: '分机 1001 的呼叫权限（市话）不允许拨打国内长途 01088886666',
        en: "Extension 1001's call permission (local) does not allow long-distance number 01088886666",
      },
      numberClass: { kind: 'long_distance' },
      routeId: 1,
    });
  });

  test('a premium refusal says so', () => {
    const result = routeOutbound({ dialled: '916001234', rights: rights('international'), caller: '1001' }, ctx);
    expect(result.ok ? '' : result.message.zh).toContain('声讯');
  });
});
