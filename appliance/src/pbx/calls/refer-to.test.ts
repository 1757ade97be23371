import { describe, expect, test } from 'bun:test';
import { parseReferTo } from './refer-to.ts';

describe('parseReferTo', () => {
  test('a blind transfer names the number', () => {
    expect(parseReferTo('<sip:1003@192.0.2.1>')).toEqual({ number: '1003', replaces: null });
    expect(parseReferTo('sip:1003@box;user=phone')).toEqual({ number: '1003', replaces: null });
  });

  test('an attended transfer carries the dialog to replace, escaped (RFC 3891 §6.1)', () => {
    const value = '<sip:1003@box?Replaces=abc%40host%3Bto-tag%3D11%3Bfrom-tag%3D22>';
    expect(parseReferTo(value)).toEqual({ number: '1003', replaces: { callId: 'abc@host', toTag: '11', fromTag: '22' } });
  });

  test('garbage is refused', () => {
    expect(parseReferTo(undefined)).toBeNull();
    expect(parseReferTo('<mailto:x@y>')).toBeNull();
  });
});
