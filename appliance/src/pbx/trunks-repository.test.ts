import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { ValidationError } from '../errors.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';

let box: TempServices;
beforeEach(() => {
  box = tempServices();
});
afterEach(() => box.close());

describe('trunks repository', () => {
  test('a new trunk has the defaults: no caller ID, no from_domain, built-in expiry and ping interval, no extra sources', () => {
    const t = box.services.trunks.create({ name: 'carrier', host: 'sip.carrier.example' });
    expect(t).toMatchObject({ caller_id: null, from_domain: null, register_expires: null, options_interval_s: null, match: [] });
  });

  test('caller ID, from_domain, expiry, ping interval and match entries are stored and read back', () => {
    const t = box.services.trunks.create({
      name: 'carrier',
      host: '203.0.113.7',
      register: true,
      username: 'acct',
      secret: 'pw',
      caller_id: '02150001234',
      from_domain: 'carrier.example',
      register_expires: 600,
      options_interval_s: 0,
      match: ['203.0.113.0/28', 'sbc.carrier.example:5070'],
    });
    expect(box.services.trunks.get(t.id)).toMatchObject({
      caller_id: '02150001234',
      from_domain: 'carrier.example',
      register_expires: 600,
      options_interval_s: 0,
      match: ['203.0.113.0/28', 'sbc.carrier.example:5070'],
    });
    expect(box.services.trunks.secretOf(t.id)).toBe('pw');
  });

  test('an update changes only what it names, and null clears', () => {
    const t = box.services.trunks.create({ name: 'carrier', host: '203.0.113.7', caller_id: '4008001234', match: ['10.0.0.1'] });
    const u = box.services.trunks.update(t.id, { register_expires: 120 });
    expect(u).toMatchObject({ caller_id: '4008001234', register_expires: 120, match: ['10.0.0.1'] });
    expect(box.services.trunks.update(t.id, { caller_id: null, match: [] })).toMatchObject({ caller_id: null, match: [] });
  });

  test('a match entry that is no address, network or host name is refused, naming the entry', () => {
    const attempt = () => box.services.trunks.create({ name: 'carrier', host: '203.0.113.7', match: ['10.0.0.1', '300.1.1.1'] });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow('match[1]: 300.1.1.1 is not an address[:port], a.b.c.d/n or a host name');
    expect(box.services.trunks.list()).toEqual([]);
  });
});
