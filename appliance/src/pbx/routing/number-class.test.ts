import { describe, expect, test } from 'bun:test';
import { type CallPermission, type CallRights, classifyNumber, type NumberKind, permits } from './number-class.ts';
import { nationalForm, numberForms } from './national-number.ts';

const ctx = { homeAreaCode: '0571', isExtension: (n: string) => n === '1001' || n === '8001' };

describe('classifyNumber (home area 0571)', () => {
  test.each<[string, NumberKind, CallPermission | null, boolean]>([
    ['110', 'emergency', null, false],
    ['119', 'emergency', null, false],
    ['120', 'emergency', null, false],
    ['122', 'emergency', null, false],
    ['1001', 'internal', 'internal', false],
    ['114', 'service', 'local', false],
    ['10086', 'service', 'local', false],
    ['12345', 'service', 'local', false],
    ['95588', 'service', 'local', false],
    ['96345', 'service', 'local', false],
    ['4008001234', 'service', 'local', false],
    ['8008101234', 'service', 'local', false],
    ['88886666', 'local', 'local', false],
    ['5886666', 'local', 'local', false],
    ['057188886666', 'local', 'local', false],
    ['13800138000', 'mobile', 'local', false],
    ['19912345678', 'mobile', 'local', false],
    ['16612345678', 'mobile', 'local', false],
    ['013800138000', 'mobile', 'local', false],
    ['+8613800138000', 'mobile', 'local', false],
    ['008613800138000', 'mobile', 'local', false],
    ['01088886666', 'long_distance', 'long_distance', false],
    ['02083336666', 'long_distance', 'long_distance', false],
    ['075583336666', 'long_distance', 'long_distance', false],
    ['+861088886666', 'long_distance', 'long_distance', false],
    ['+8657188886666', 'local', 'local', false],
    ['0014155550100', 'international', 'international', false],
    ['+442079460000', 'international', 'international', false],
    ['16001234', 'premium', 'long_distance', true],
    ['16091234', 'premium', 'long_distance', true],
    ['16812345', 'premium', 'long_distance', true],
    ['12590123', 'premium', 'long_distance', true],
    ['12595', 'premium', 'long_distance', true],
    ['0086160012345', 'premium', 'long_distance', true],
    ['00979123456789', 'premium', 'international', true],
    ['+8707630000000', 'premium', 'international', true],
    ['008816312345', 'premium', 'international', true],
    ['1795101088886666', 'unknown', 'international', false],
    ['1234567', 'unknown', 'international', false],
    ['8888*', 'unknown', 'international', false],
    ['0571123', 'unknown', 'international', false],
  ])('%s is %s (needs %s, premium %p)', (number, kind, requires, premium) => {
    expect(classifyNumber(number, ctx)).toMatchObject({ kind, requires, premium });
  });

  test('without a home area code every 0-prefixed fixed line is long distance', () => {
    expect(classifyNumber('057188886666', { ...ctx, homeAreaCode: null })).toMatchObject({ kind: 'long_distance', areaCode: '0571' });
  });

  test('the area code dialled is reported', () => {
    expect(classifyNumber('075583336666', ctx).areaCode).toBe('0755');
    expect(classifyNumber('01088886666', ctx).areaCode).toBe('010');
  });
});

describe('permits', () => {
  const rights = (call_permission: CallPermission, allow_premium = false): CallRights => ({ call_permission, allow_premium });
  test.each<[CallPermission, boolean, string, boolean]>([
    ['internal', false, '110', true],
    ['internal', false, '1001', true],
    ['internal', false, '88886666', false],
    ['local', false, '88886666', true],
    ['local', false, '13800138000', true],
    ['local', false, '01088886666', false],
    ['long_distance', false, '01088886666', true],
    ['long_distance', false, '0014155550100', false],
    ['international', false, '0014155550100', true],
    ['international', false, '16001234', false],
    ['international', false, '00979123456789', false],
    ['local', true, '16001234', false],
    ['long_distance', true, '16001234', true],
    ['long_distance', true, '00979123456789', false],
    ['international', true, '00979123456789', true],
    ['long_distance', false, '1234567', false],
    ['international', false, '1234567', true],
  ])('%s (premium %p) dialling %s → %p', (permission, premium, number, expected) => {
    expect(permits(rights(permission, premium), classifyNumber(number, ctx))).toBe(expected);
  });
});

describe('number forms', () => {
  test.each([
    ['+8613800138000', '13800138000'],
    ['008657188886666', '057188886666'],
    ['+86057188886666', '057188886666'],
    ['+442079460000', '+442079460000'],
    ['+864008001234', '4008001234'],
    ['+8641188886666', '041188886666'],
    ['88886666', '88886666'],
  ])('%s in domestic form is %s', (number, expected) => {
    expect(nationalForm(number)).toBe(expected);
  });

  test('a local number also gets the home area code', () => {
    expect(numberForms('88886666', '0571')).toEqual(['88886666', '057188886666']);
    expect(numberForms('+8657188886666', '0571')).toEqual(['+8657188886666', '057188886666']);
    expect(numberForms('88886666', null)).toEqual(['88886666']);
  });
});
