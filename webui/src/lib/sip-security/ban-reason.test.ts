import { expect, test } from 'bun:test';
import { banReason } from './ban-reason';

test.each([
  ['repeated authentication failures', { key: 'banReason.authFailures' }],
  ['repeated malformed messages', { key: 'banReason.malformed' }],
  ['scanner user-agent: friendly-scanner', { key: 'banReason.scanner', params: { agent: 'friendly-scanner' } }],
  ['scanner user-agent: ', { key: 'banReason.scanner', params: { agent: '' } }],
  ['manually banned by ops', { text: 'manually banned by ops' }],
  ['', { text: '' }],
])('the guard reason %p gets its own words, or is shown as sent', (reason, message) => {
  expect(banReason(reason)).toEqual(message as never);
});
