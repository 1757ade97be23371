/** RFC 4475 §3.1: every valid torture message parses; every invalid one is refused. */
import { describe, expect, test } from 'bun:test';
import { parseSipMessage, serializeMessage } from '../../appliance/src/sip/message/index.ts';
import { loadTortureMessages, tortureAvailable } from './torture-messages.ts';

const messages = loadTortureMessages();

describe('RFC 4475 torture messages through the parser', () => {
  test('the set is complete (13 valid, 19 invalid)', () => {
    if (!tortureAvailable()) return; // outside CI without ../shared there is nothing to check
    expect(messages.filter((m) => m.valid)).toHaveLength(13);
    expect(messages.filter((m) => !m.valid)).toHaveLength(19);
  });

  for (const m of messages) {
    test(`${m.label} (§${m.section} ${m.title}) is ${m.valid ? 'accepted' : 'refused'}`, () => {
      const result = parseSipMessage(m.bytes, { stream: false });
      expect({ label: m.label, kind: result.kind }).toEqual({ label: m.label, kind: m.valid ? 'message' : 'invalid' });
      if (result.kind === 'message') {
        const again = parseSipMessage(serializeMessage(result.message), { stream: false });
        expect(again.kind).toBe('message');
      }
    });
  }

  test('baddn is refused for its display name, not only for its missing final blank line', () => {
    const baddn = messages.find((m) => m.label === 'baddn');
    if (!baddn) return;
    const completed = Buffer.concat([baddn.bytes, Buffer.from('\r\n\r\n')]);
    const result = parseSipMessage(completed, { stream: false });
    expect(result.kind === 'invalid' ? result.error.message : result.kind).toMatch(/From|To/);
  });
});
