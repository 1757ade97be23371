import { describe, expect, test } from 'bun:test';
import { callerWords, messageLength, pinWords } from './voicemail-words';

test.each([
  [0, '0:00'],
  [1_400, '0:01'],
  [59_600, '1:00'],
  [65_400, '1:05'],
  [600_000, '10:00'],
])('%p ms lasts %p', (ms, text) => {
  expect(messageLength(ms)).toBe(text);
});

describe('callerWords', () => {
  test.each([
    [{ caller_number: '13800138000', caller_name: null }, { text: '13800138000' }],
    [{ caller_number: '1001', caller_name: 'Alice' }, { key: 'voicemail.callerNamed', params: { number: '1001', name: 'Alice' } }],
    [{ caller_number: '', caller_name: null }, { key: 'voicemail.withheld' }],
    [{ caller_number: '', caller_name: 'Bob' }, { text: 'Bob' }],
  ])('%#', (message, words) => {
    expect(callerWords(message)).toEqual(words as never);
  });
});

describe('pinWords', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  const format = (iso: string) => `at ${iso}`;
  test('a lock still ahead is shown with its end', () => {
    expect(pinWords({ has_pin: true, locked_until: '2024-05-01T10:15:00Z' }, now, format)).toEqual({
      key: 'voicemail.pinLocked',
      params: { until: 'at 2024-05-01T10:15:00Z' },
    });
  });
  test('a lock that ran out no longer counts', () => {
    expect(pinWords({ has_pin: true, locked_until: '2024-05-01T09:00:00Z' }, now, format)).toEqual({ key: 'voicemail.pinSet' });
    expect(pinWords({ has_pin: false, locked_until: null }, now, format)).toEqual({ key: 'voicemail.pinNotSet' });
  });
});
