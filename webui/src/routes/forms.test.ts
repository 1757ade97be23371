import { describe, expect, test } from 'bun:test';
import { secretFromBytes } from '../lib/forms/random-secret';
import { emptyExtension, extensionCreateBody, extensionUpdateBody, validateExtension } from './extensions/extension-form';
import { emptyTrunk, trunkCreateBody, trunkUpdateBody, validateTrunk } from './trunks/trunk-form';
import { emptyUser, userUpdateBody, validateUser } from './users/user-form';

describe('extension form', () => {
  const valid = { ...emptyExtension(), number: '1001', name: 'Alice', secret: 'pw-1001-xyz' };

  test('a complete form has no errors and posts only what was given', () => {
    expect(validateExtension(valid, true)).toEqual({});
    expect(extensionCreateBody(valid)).toEqual({ number: '1001', name: 'Alice', secret: 'pw-1001-xyz', enabled: true });
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
    expect(extensionUpdateBody(values)).toEqual({ number: '1001', name: 'Alice', email: null, enabled: true });
  });
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
