import { describe, expect, test } from 'bun:test';
import type { BlacklistEntry } from '../blacklist/blacklist-entry.ts';
import { compileBlacklist } from '../blacklist/blacklist-matcher.ts';
import { compileTimeCondition } from '../time-conditions/evaluate-time-condition.ts';
import { AreaLookup } from './area-lookup.ts';
import { type InboundContext, type InboundRule, routeInbound } from './inbound-router.ts';

const HOME = '0571';
const rule = (id: number, r: Partial<InboundRule>): InboundRule => ({
  id,
  did: '_',
  caller: '',
  area: '',
  destination: { hangup: true },
  time_condition: null,
  after_hours: [],
  announce_recording: false,
  ...r,
});

const ROUTES: InboundRule[] = [
  rule(1, { did: '_', destination: { ivr: 'default' } }),
  rule(2, { did: '4008001234', destination: { ivr: 'main' }, announce_recording: true }),
  rule(3, { did: '4008001234', area: '浙江', destination: { queue: '6001' } }),
  rule(4, { did: '4008001234', area: '杭州', destination: { queue: '6002' } }),
  rule(5, { did: '4008001234', caller: '_1380013XXXX', destination: { extension: '1001' } }),
  rule(6, { did: '4008001234', caller: '_138.', destination: { extension: '1002' } }),
  rule(7, { did: '4008001234', area: '北京', destination: { queue: '6003' } }),
  rule(8, {
    did: '057188886666',
    destination: { queue: '6001' },
    time_condition: 'office',
    after_hours: [{ external: '13900000000' }, { voicemail: '1001' }],
  }),
  rule(9, { did: '057188880000', destination: { queue: '6001' }, time_condition: 'gone', after_hours: [{ hangup: true }] }),
];

const blacklist: BlacklistEntry[] = [
  { id: 1, number: '13666666666', kind: 'number', direction: 'inbound', action: 'reject', note: '', created_at: '', updated_at: '' },
  { id: 2, number: '0755*', kind: 'prefix', direction: 'both', action: 'play', note: '', created_at: '', updated_at: '' },
  { id: 3, number: '075588880000', kind: 'number', direction: 'both', action: 'hangup', note: '', created_at: '', updated_at: '' },
  { id: 4, number: '13777777777', kind: 'number', direction: 'outbound', action: 'reject', note: '', created_at: '', updated_at: '' },
];

const MOBILE_RANGES: Record<string, string> = { '1390571': '0571', '1390010': '北京 北京', '1360574': '浙江/宁波' };
const areas = new AreaLookup({ regionOf: (m) => MOBILE_RANGES[m.slice(0, 7)] ?? null });
const office = compileTimeCondition({ name: 'office', weekly: { mon: ['09:00-18:00'] } });
const matcher = compileBlacklist(blacklist, HOME);

const ctx: InboundContext = {
  routes: ROUTES,
  homeAreaCode: HOME,
  blacklisted: (n) => matcher.check(n, 'inbound'),
  region: (n) => areas.lookup(n, HOME),
  timeCondition: (name) => (name === 'office' ? office : null),
};

/** Monday 2025-09-22 10:00 and 20:00 in Shanghai. */
const OPEN = new Date('2025-09-22T02:00:00Z');
const CLOSED = new Date('2025-09-22T12:00:00Z');

describe('routeInbound: which route', () => {
  test.each([
    ['a caller in the exact pattern', '4008001234', '13800130001', 5],
    ['a caller only in the broad pattern', '4008001234', '13812345678', 6],
    ['the pattern also matches the +86 form', '4008001234', '+8613800130001', 5],
    ['a Hangzhou mobile: city beats province', '4008001234', '13905711234', 4],
    ['a Ningbo mobile: province', '4008001234', '13605741234', 3],
    ['a Hangzhou fixed line by area code', '4008001234', '057187654321', 4],
    ['a local number without area code is from the home city', '4008001234', '87654321', 4],
    ['a Beijing fixed line', '4008001234', '01087654321', 7],
    ['a Beijing mobile from the range table', '4008001234', '13900101234', 7],
    ['a Shenzhen caller: no area route, the DID route', '4008001234', '02087654321', 2],
    ['an unknown mobile range: the DID route', '4008001234', '15000000000', 2],
    ['the DID as +86', '+864008001234', '02087654321', 2],
    ['another DID: the catch-all', '4009999999', '13800130001', 1],
  ])('%s (%s from %s) → route %d', (_name, did, caller, id) => {
    const result = routeInbound({ did, caller, at: OPEN }, ctx);
    expect(result.kind === 'route' ? result.routeId : result.kind).toBe(id);
  });

  test('no route and no catch-all → none', () => {
    expect(routeInbound({ did: '1', caller: '2', at: OPEN }, { ...ctx, routes: ROUTES.filter((r) => r.did !== '_') })).toMatchObject({ kind: 'none' });
  });

  test('the route says whether to announce recording', () => {
    expect(routeInbound({ did: '4008001234', caller: '02087654321', at: OPEN }, ctx)).toMatchObject({ announceRecording: true, destinations: [{ ivr: 'main' }] });
    expect(routeInbound({ did: '4009999999', caller: '02087654321', at: OPEN }, ctx)).toMatchObject({ announceRecording: false });
  });
});

describe('routeInbound: time conditions', () => {
  test.each([
    ['open: the destination', OPEN, true, [{ queue: '6001' }]],
    ['closed: the after-hours list, in order', CLOSED, false, [{ external: '13900000000' }, { voicemail: '1001' }]],
  ])('%s', (_name, at, open, destinations) => {
    expect(routeInbound({ did: '057188886666', caller: '02087654321', at }, ctx)).toMatchObject({ kind: 'route', open, destinations, timeCondition: 'office' });
  });

  test('a time condition that no longer exists counts as open', () => {
    expect(routeInbound({ did: '057188880000', caller: '02087654321', at: CLOSED }, ctx)).toMatchObject({ open: true, destinations: [{ queue: '6001' }] });
  });

  test('a route without a time condition reports open null', () => {
    expect(routeInbound({ did: '4008001234', caller: '02087654321', at: CLOSED }, ctx)).toMatchObject({ open: null });
  });
});

describe('routeInbound: the blacklist comes first', () => {
  test.each([
    ['an exact number, rejected with 603', '13666666666', 'reject', 603],
    ['the same number as +86', '+8613666666666', 'reject', 603],
    ['a prefix: told, then hung up', '075512345678', 'play', null],
    ['an exact number inside a blocked prefix wins', '075588880000', 'hangup', null],
  ])('%s (%s) → %s', (_name, caller, action, sipStatus) => {
    // The caller would otherwise match route 5 or the DID route.
    expect(routeInbound({ did: '4008001234', caller, at: OPEN }, ctx)).toMatchObject({ kind: 'blocked', action, sipStatus });
  });

  test('an entry for calls out does not block calls in', () => {
    expect(routeInbound({ did: '4008001234', caller: '13777777777', at: OPEN }, ctx)).toMatchObject({ kind: 'route', routeId: 2 });
  });
});
