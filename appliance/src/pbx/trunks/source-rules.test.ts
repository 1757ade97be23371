import { describe, expect, test } from 'bun:test';
import { normalizeAddress, parseSourceRule, ruleMatches, type SourceRule } from './source-rules.ts';

describe('trunk source rules', () => {
  test.each([
    ['203.0.113.7', { kind: 'address', address: '203.0.113.7', port: null }],
    ['203.0.113.7:5080', { kind: 'address', address: '203.0.113.7', port: 5080 }],
    ['[2001:DB8:0:0::1]:5060', { kind: 'address', address: '2001:db8::1', port: 5060 }],
    ['2001:db8::1', { kind: 'address', address: '2001:db8::1', port: null }],
    ['203.0.113.9/28', { kind: 'network', base: 0xcb007100, bits: 28, port: null }],
    ['10.0.0.0/8:5060', { kind: 'network', base: 0x0a000000, bits: 8, port: 5060 }],
    ['sbc.carrier.example', { kind: 'name', host: 'sbc.carrier.example', port: null }],
    ['sbc.carrier.example:5070', { kind: 'name', host: 'sbc.carrier.example', port: 5070 }],
  ] as [string, SourceRule][])('%s parses', (text, rule) => {
    expect(parseSourceRule(text)).toEqual(rule);
  });

  test.each(['300.1.1.1', '10.0.0.0/33', '1.2.3.4:0', '1.2.3.4:70000', 'bad host', '-x.example', '[zz::1]', '1.2.3.4/8/8', ''])(
    '%p is refused',
    (text) => {
      expect(parseSourceRule(text)).toBeNull();
    },
  );

  test.each([
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['10.1.2.3', '10.1.2.3'],
    ['host.example', null],
  ])('%s is normalized to %p', (text, normal) => {
    expect(normalizeAddress(text)).toBe(normal);
  });

  test.each([
    ['203.0.113.7', '203.0.113.7', 9999, true],
    ['203.0.113.7:5080', '203.0.113.7', 5080, true],
    ['203.0.113.7:5080', '203.0.113.7', 5060, false],
    ['203.0.113.0/28', '203.0.113.15', 5060, true],
    ['203.0.113.0/28', '203.0.113.16', 5060, false],
    ['0.0.0.0/0', '198.51.100.1', 1, true],
    ['2001:db8::1', '2001:db8::2', 5060, false],
    ['sbc.carrier.example', '203.0.113.7', 5060, false],
  ] as [string, string, number, boolean][])('%s admits %s:%d: %p', (text, address, port, expected) => {
    const rule = parseSourceRule(text);
    if (rule === null) throw new Error(`unparsable ${text}`);
    expect(ruleMatches(rule, address, port)).toBe(expected);
  });
});
