import { describe, expect, test } from 'bun:test';
import { DTMF_CHARS, eventCode, eventSymbol, isDtmfChar, readTelephoneEvent, type TelephoneEvent, writeTelephoneEvent } from './telephone-event.ts';

const fresh = (): TelephoneEvent => ({ event: 0, end: false, volume: 0, duration: 0 });

describe('telephone-event payload (RFC 4733 §2.3)', () => {
  test('reads event, E bit, volume and duration, ignoring R', () => {
    const out = fresh();
    expect(readTelephoneEvent(Uint8Array.of(0x0b, 0xca, 0x03, 0x20), 0, 4, out)).toBe(true);
    expect(out).toEqual({ event: 11, end: true, volume: 10, duration: 800 });
  });

  test('reads at an offset', () => {
    const out = fresh();
    expect(readTelephoneEvent(Uint8Array.of(0xff, 0xff, 0x05, 0x3f, 0xff, 0xff), 2, 4, out)).toBe(true);
    expect(out).toEqual({ event: 5, end: false, volume: 63, duration: 0xffff });
  });

  test('refuses fewer than four octets', () => {
    expect(readTelephoneEvent(Uint8Array.of(1, 2, 3), 0, 3, fresh())).toBe(false);
    expect(readTelephoneEvent(Uint8Array.of(1, 2, 3, 4), 1, 4, fresh())).toBe(false);
  });

  test('round-trips through the writer, with R zero', () => {
    const buf = new Uint8Array(4);
    const event = { event: 16, end: true, volume: 63, duration: 65535 };
    writeTelephoneEvent(buf, 0, event);
    expect([...buf]).toEqual([16, 0xbf, 0xff, 0xff]);
    const out = fresh();
    readTelephoneEvent(buf, 0, 4, out);
    expect(out).toEqual(event);
  });
});

describe('DTMF events (RFC 4733 §3.2)', () => {
  test.each([
    [0, '0'],
    [9, '9'],
    [10, '*'],
    [11, '#'],
    [12, 'A'],
    [15, 'D'],
    [16, 'flash'],
  ])('event %d is %s, and back', (code, symbol) => {
    expect(eventSymbol(code)).toBe(symbol as ReturnType<typeof eventSymbol>);
    expect(eventCode(symbol as Parameters<typeof eventCode>[0])).toBe(code);
  });

  test('codes beyond flash are not keys', () => {
    expect(eventSymbol(17)).toBeNull();
    expect(eventSymbol(255)).toBeNull();
    expect(eventSymbol(-1)).toBeNull();
  });

  test('isDtmfChar accepts exactly the sixteen characters', () => {
    expect([...DTMF_CHARS].every(isDtmfChar)).toBe(true);
    for (const text of ['', 'a', 'E', '12', ' 1', 'flash', '!']) expect(isDtmfChar(text)).toBe(false);
  });
});
