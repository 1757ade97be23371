import { expect, test } from 'bun:test';
import { messageSummary } from './mwi-summary.ts';

const cases: [string, { new: number; old: number }, string][] = [
  ['new messages wait', { new: 2, old: 8 }, 'Messages-Waiting: yes\r\nMessage-Account: sip:1002@10.0.0.1\r\nVoice-Message: 2/8 (0/0)\r\n'],
  ['only saved ones: the lamp goes out', { new: 0, old: 3 }, 'Messages-Waiting: no\r\nMessage-Account: sip:1002@10.0.0.1\r\nVoice-Message: 0/3 (0/0)\r\n'],
  ['an empty mailbox', { new: 0, old: 0 }, 'Messages-Waiting: no\r\nMessage-Account: sip:1002@10.0.0.1\r\nVoice-Message: 0/0 (0/0)\r\n'],
];

test.each(cases)('%s', (_name, counts, body) => {
  expect(new TextDecoder().decode(messageSummary('sip:1002@10.0.0.1', counts))).toBe(body);
});
