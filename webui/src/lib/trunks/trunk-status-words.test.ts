import { describe, expect, test } from 'bun:test';
import type { TrunkStatus } from '../api/types';
import { channelWords, reachabilityWords, registrationWords, trunkErrorWords } from './trunk-status-words';

const status = (change: Partial<TrunkStatus>): TrunkStatus => ({
  name: 'carrier',
  enabled: true,
  register: true,
  registration: 'registered',
  registered_until: null,
  reachable: true,
  latency_ms: 12,
  channels_in_use: 2,
  max_channels: 30,
  last_error: null,
  ...change,
});

describe('registrationWords', () => {
  test.each([
    [{}, { key: 'trunkStatus.registered' }, 'ok'],
    [{ registration: 'failed' as const }, { key: 'trunkStatus.failed' }, 'bad'],
    [{ registration: 'registering' as const }, { key: 'trunkStatus.registering' }, 'neutral'],
    [{ register: false, registration: 'unregistered' as const }, { key: 'trunkStatus.noRegister' }, 'neutral'],
    [{ enabled: false }, { key: 'trunkStatus.stopped' }, 'neutral'],
  ])('%p', (change, message, tone) => {
    expect(registrationWords(status(change))).toEqual({ message, tone } as never);
  });
});

describe('reachabilityWords', () => {
  test.each([
    [{}, { key: 'trunkStatus.reachableIn', params: { ms: 12 } }, 'ok'],
    [{ latency_ms: null }, { key: 'trunkStatus.reachable' }, 'ok'],
    [{ reachable: false }, { key: 'trunkStatus.unreachable' }, 'bad'],
    [{ reachable: null }, { key: 'trunkStatus.reachUnknown' }, 'neutral'],
  ])('%p', (change, message, tone) => {
    expect(reachabilityWords(status(change))).toEqual({ message, tone } as never);
  });
});

test('channels show the limit, or that there is none', () => {
  expect(channelWords(status({}))).toEqual({ key: 'trunkStatus.channels', params: { used: 2, max: 30 } });
  expect(channelWords(status({ max_channels: null }))).toEqual({ key: 'trunkStatus.channelsUnlimited', params: { used: 2 } });
});

test.each([
  [null, null],
  ['credentials_rejected', { key: 'trunkError.credentials_rejected' }],
  ['unresolved_host', { key: 'trunkError.unresolved_host' }],
  ['status_503', { key: 'trunkError.sipStatus', params: { status: 503 } }],
  ['something_new', { text: 'something_new' }],
])('last error %p reads %p', (reason, words) => {
  expect(trunkErrorWords(reason)).toEqual(words as never);
});
