import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ConflictError, ValidationError } from '../../errors.ts';
import { type TempServices, tempServices } from '../../testing/temp-services.ts';

let box: TempServices;
const s = () => box.services;

beforeAll(() => {
  box = tempServices();
  const { services } = box;
  services.settings.set('routing', { home_area_code: '0571' });
  services.trunks.create({ name: 'carrier', host: '127.0.0.1' });
  services.trunks.create({ name: 'backup', host: '127.0.0.2' });
  services.extensions.create({ number: '1001', name: 'A', secret: 'secret-1001' });
  services.extensions.create({ number: '1002', name: 'B', secret: 'secret-1002', call_permission: 'local' });
  services.extensions.create({ number: '1003', name: 'C', secret: 'secret-1003', call_permission: 'international', allow_premium: true });
  services.queues.create({ number: '6001', name: 'Service', strategy: 'ring_all', agents: ['1001'] });
  services.routes.saveOutbound({ pattern: '9X.', trunks: ['carrier', 'backup'], strip: 1 });
  services.blacklist.create({ number: '13777777777', direction: 'outbound' });
  services.blacklist.create({ number: '13666666666', direction: 'inbound', action: 'play' });
  services.timeConditions.create({ name: 'office', weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'] } });
  services.routes.saveInbound({
    did: '4008001234',
    destination: { queue: '6001' },
    time_condition: 'office',
    after_hours: [{ external: '13900000000' }, { extension: '1001' }],
    announce_recording: true,
  });
});
afterAll(() => box.close());

describe('RoutingService.outbound over the stored configuration', () => {
  test.each([
    ['the default class (long distance) may call another city', '901088886666', '1001', { ok: true, number: '01088886666', trunks: ['carrier', 'backup'] }],
    ['with the home area code set, 0571… is local', '9057188886666', '1002', { ok: true, number: '057188886666' }],
    ['a local-only extension may not call long distance', '901088886666', '1002', { ok: false, status: 403, reason: 'not_permitted' }],
    ['nobody gets international by default', '90014155550100', '1001', { ok: false, status: 403, reason: 'not_permitted' }],
    ['an extension allowed premium and international', '900979123456789', '1003', { ok: true }],
    ['an unknown caller gets the lowest class', '988886666', '5555', { ok: false, status: 403, reason: 'not_permitted' }],
    ['a configured destination is trusted', '90014155550100', null, { ok: true }],
    ['the outbound blacklist', '913777777777', '1003', { ok: false, status: 403, reason: 'blacklisted' }],
    ['no route', '7123', '1001', { ok: false, status: 404, reason: 'no_route' }],
  ])('%s', (_name, dialled, caller, expected) => {
    expect(s().routing.outbound(dialled, caller)).toMatchObject(expected);
  });

  test('changing an extension class takes effect on the next call', () => {
    const id = s().extensions.findByNumber('1002')?.id as number;
    s().extensions.update(id, { call_permission: 'long_distance' });
    expect(s().routing.outbound('901088886666', '1002').ok).toBe(true);
    s().extensions.update(id, { call_permission: 'local' });
  });
});

describe('RoutingService.inbound over the stored configuration', () => {
  // The fake clock starts on Monday 2026-01-05 09:00 UTC, 17:00 in Shanghai.
  test('open: the destination, with the recording notice', () => {
    expect(s().routing.inbound('4008001234', '02088886666')).toEqual({
      kind: 'route',
      destinations: [{ queue: '6001' }],
      announceRecording: true,
      routeId: expect.any(Number),
    });
  });

  test('after hours: the after-hours list, in order', () => {
    box.clock.advance(2 * 3600_000);
    expect(s().routing.inbound('4008001234', '02088886666')).toMatchObject({ destinations: [{ external: '13900000000' }, { extension: '1001' }] });
    box.clock.advance(-2 * 3600_000);
  });

  test('a blacklisted caller is blocked before any route', () => {
    expect(s().routing.inbound('4008001234', '+8613666666666')).toEqual({ kind: 'blocked', action: 'play', prompt: null });
  });

  test('no route → none', () => {
    expect(s().routing.inbound('4009999999', '02088886666')).toEqual({ kind: 'none' });
  });

  test('IVR branch nodes ask a time condition by name', () => {
    expect(s().timeConditions.isOpen('office', new Date('2026-01-05T02:00:00Z'))).toBe(true);
    expect(s().timeConditions.isOpen('office', new Date('2026-01-05T12:00:00Z'))).toBe(false);
    expect(s().timeConditions.isOpen('nope', new Date())).toBeUndefined();
  });
});

describe('stored rules are checked on the way in', () => {
  const issues = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ValidationError) return e.issues;
      throw e;
    }
    throw new Error('expected a ValidationError');
  };

  test.each([
    [{ did: '1', destination: { hangup: true as const }, time_condition: 'hours', after_hours: [{ hangup: true as const }] }, 'time_condition', 'no time condition "hours"'],
    [{ did: '2', destination: { hangup: true as const }, time_condition: 'office' }, 'after_hours', 'needs at least one destination for when office is closed'],
    [{ did: '3', caller: '_9[', destination: { hangup: true as const } }, 'caller', 'has no ]'],
  ])('inbound %j → %s', (input, path, message) => {
    expect(issues(() => s().routes.saveInbound(input))).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  test('an outbound pattern that does not parse is refused', () => {
    expect(issues(() => s().routes.saveOutbound({ pattern: '9[1-', trunks: ['carrier'] }))).toEqual([{ path: 'pattern', message: expect.stringContaining('has no ]') }]);
  });

  test('the same DID may have one route per caller area', () => {
    s().routes.saveInbound({ did: '4008001234', area: '浙江', destination: { extension: '1002' } });
    expect(s().routes.findInbound('4008001234', '', '浙江')).toMatchObject({ area: '浙江', time_condition: null, after_hours: [], announce_recording: false });
    expect(s().routing.inbound('4008001234', '057187654321')).toMatchObject({ destinations: [{ extension: '1002' }] });
  });

  test('a time condition in use cannot be deleted; a rename follows into the route', () => {
    const office = s().timeConditions.findByName('office');
    expect(() => s().timeConditions.delete(office?.id as number)).toThrow(ConflictError);
    s().timeConditions.update(office?.id as number, { name: 'office-hours', weekly: office?.weekly ?? {} });
    expect(s().routes.findInbound('4008001234', '')?.time_condition).toBe('office-hours');
  });
});
