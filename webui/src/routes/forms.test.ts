import { describe, expect, test } from 'bun:test';
import { secretFromBytes } from '../lib/forms/random-secret';
import { emptyExtension, extensionCreateBody, extensionUpdateBody, validateExtension } from './extensions/extension-form';
import { emptyTrunk, trunkCreateBody, trunkUpdateBody, validateTrunk } from './trunks/trunk-form';
import { emptyUser, userUpdateBody, validateUser } from './users/user-form';

describe('extension form', () => {
  const valid = { ...emptyExtension(), number: '1001', name: 'Alice', secret: 'pw-1001-xyz' };

  test('a complete form has no errors and posts only what was given', () => {
    expect(validateExtension(valid, true)).toEqual({});
    expect(extensionCreateBody(valid)).toEqual({
      number: '1001',
      name: 'Alice',
      secret: 'pw-1001-xyz',
      enabled: true,
      call_permission: 'long_distance',
      allow_premium: false,
    });
  });

  test.each([
    ['number', { number: '1' }],
    ['number', { number: '123456789' }],
    ['number', { number: '10a1' }],
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(65) }],
    ['secret', { secret: 'short' }],
    ['email', { email: 'not-an-email' }],
  ])('flags %p for %p', (field, change) => {
    expect(Object.keys(validateExtension({ ...valid, ...change }, true))).toEqual([field]);
  });

  test('on edit an empty secret keeps the stored one and a cleared email is null', () => {
    const values = { ...valid, secret: '', email: '' };
    expect(validateExtension(values, false)).toEqual({});
    expect(extensionUpdateBody(values)).toEqual({
      number: '1001',
      name: 'Alice',
      email: null,
      enabled: true,
      call_permission: 'long_distance',
      allow_premium: false,
    });
  });
});

test('call permission and premium numbers go to the server as chosen', () => {
  const values = { ...emptyExtension(), number: '1001', name: 'Alice', secret: 'pw-1001-xyz', call_permission: 'international' as const, allow_premium: true };
  expect(extensionCreateBody(values)).toMatchObject({ call_permission: 'international', allow_premium: true });
  expect(extensionUpdateBody({ ...values, call_permission: 'internal' })).toMatchObject({ call_permission: 'internal', allow_premium: true });
});

describe('trunk form', () => {
  const valid = { ...emptyTrunk(), name: 'carrier', host: 'sip.example.com' };

  test('defaults are valid and typed text becomes numbers', () => {
    expect(validateTrunk(valid)).toEqual({});
    expect(trunkCreateBody({ ...valid, max_channels: '30', codecs: ['G722', 'PCMA'] })).toMatchObject({
      port: 5060,
      max_channels: 30,
      codecs: ['G722', 'PCMA'],
    });
    expect(trunkUpdateBody(valid)).toMatchObject({ username: null, max_channels: null });
  });

  test('carrier options: typed text becomes numbers and a list; cleared ones go back to the defaults', () => {
    const options = {
      caller_id: '02150001234',
      from_domain: 'carrier.example',
      register_expires: '600',
      options_interval_s: '0',
      match: '203.0.113.0/28\nsbc.carrier.example:5070, [2001:db8::1]:5060',
    };
    expect(validateTrunk({ ...valid, ...options })).toEqual({});
    expect(trunkCreateBody({ ...valid, ...options })).toMatchObject({
      caller_id: '02150001234',
      from_domain: 'carrier.example',
      register_expires: 600,
      options_interval_s: 0,
      match: ['203.0.113.0/28', 'sbc.carrier.example:5070', '[2001:db8::1]:5060'],
    });
    expect(trunkCreateBody(valid)).not.toHaveProperty('match');
    expect(trunkUpdateBody(valid)).toMatchObject({ caller_id: null, from_domain: null, register_expires: null, options_interval_s: null, match: [] });
  });

  test.each([
    ['name', { name: 'has space' }],
    ['host', { host: 'bad host' }],
    ['host', { host: '' }],
    ['port', { port: '0' }],
    ['port', { port: '65536' }],
    ['port', { port: '50x' }],
    ['max_channels', { max_channels: '0' }],
    ['codecs', { codecs: [] }],
    ['username', { username: 'u'.repeat(65) }],
    ['secret', { secret: 's'.repeat(129) }],
    ['caller_id', { caller_id: '021-5000' }],
    ['from_domain', { from_domain: 'bad domain' }],
    ['register_expires', { register_expires: '5' }],
    ['options_interval_s', { options_interval_s: '3601' }],
    ['match', { match: '203.0.113.7 bad/host' }],
    ['match', { match: '203.0.113.7, 203.0.113.7' }],
  ])('flags %p for %p', (field, change) => {
    expect(Object.keys(validateTrunk({ ...valid, ...change }))).toEqual([field]);
  });
});

describe('user form', () => {
  const valid = { ...emptyUser('agent'), username: 'zhang.san', password: 'long-enough-1', password_confirm: 'long-enough-1' };

  test.each([
    ['username', { username: 'a' }],
    ['password', { password: 'short', password_confirm: 'short' }],
    ['password_confirm', { password_confirm: 'different-1' }],
    ['role', { role: '' }],
  ])('flags %p for %p', (field, change) => {
    expect(Object.keys(validateUser({ ...valid, ...change }, true))).toEqual([field]);
  });

  test('on edit empty passwords keep the current one', () => {
    const values = { ...valid, password: '', password_confirm: '' };
    expect(validateUser(values, false)).toEqual({});
    expect(userUpdateBody(values)).toEqual({ display_name: '', role: 'agent', enabled: true });
  });
});

test('generated secrets use 64 symbols, one per byte', () => {
  const secret = secretFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
  expect(secret).toMatch(/^[A-Za-z0-9_-]{16}$/);
  expect(secretFromBytes(Uint8Array.of(0, 63, 64, 255))).toBe('A_A_');
});
