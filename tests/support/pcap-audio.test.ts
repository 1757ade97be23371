import { expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alawToLinear, readPcapAudio, ulawToLinear } from './pcap-audio.ts';
import { activeSeconds } from './test-audio.ts';

const G711A_PCAP = '/usr/share/sip-tester/g711a.pcap';

test.each([
  ['A-law', 0xd5, 8, alawToLinear],
  ['A-law', 0x55, -8, alawToLinear],
  ['A-law', 0xaa, 32256, alawToLinear],
  ['A-law', 0x2a, -32256, alawToLinear],
  ['μ-law', 0xff, 0, ulawToLinear],
  ['μ-law', 0x80, 32124, ulawToLinear],
  ['μ-law', 0x00, -32124, ulawToLinear],
] as const)('%s byte %d decodes to %d as G.711 says', (_law, byte, linear, decode) => {
  expect(decode(byte)).toBe(linear);
});

test.skipIf(!existsSync(G711A_PCAP))("decodes SIPp's g711a.pcap: 236 packets of 20 ms A-law, mostly speech", () => {
  const audio = readPcapAudio(G711A_PCAP);
  expect(audio.length).toBe(56_640);
  expect(activeSeconds(audio)).toBeGreaterThan(5);
});

test('rejects a file that is not a pcap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcap-audio-'));
  writeFileSync(join(dir, 'x.pcap'), 'definitely not a capture file');
  expect(() => readPcapAudio(join(dir, 'x.pcap'))).toThrow(/not a pcap/);
  rmSync(dir, { recursive: true, force: true });
});
