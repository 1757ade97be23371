import { describe, expect, test } from 'bun:test';
import { compactNtp, type ReportBlock, type RtcpReport, rtcpReportSize, writeRtcpBye, writeRtcpReport } from './rtcp.ts';
import { parseRtcp } from './rtcp-parse.ts';

const hex = (text: string) => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));

const BLOCK: ReportBlock = { ssrc: 0x22222222, fractionLost: 0x40, cumulativeLost: 5, highestSeq: 0x10064, jitter: 10, lsr: 0x12345678, dlsr: 0x10000 };

function written(report: RtcpReport): Uint8Array {
  const buf = new Uint8Array(1500);
  const end = writeRtcpReport(buf, 0, report);
  expect(end).toBe(rtcpReportSize(report));
  return buf.subarray(0, end);
}

describe('writeRtcpReport', () => {
  test('RR with one block and SDES CNAME, octet for octet', () => {
    expect(written({ ssrc: 0x11111111, sender: null, reports: [BLOCK], cname: 'ab' })).toEqual(
      hex(`81c90007 11111111
           22222222 40000005 00010064 0000000a 12345678 00010000
           81ca0003 11111111 01026162 00000000`),
    );
  });

  test('SR without blocks when we sent media, CNAME padded to the word', () => {
    const sender = { ntpSeconds: 0xe8a1b2c3, ntpFraction: 0x80000000, rtpTimestamp: 8000, packetCount: 100, octetCount: 16000 };
    expect(written({ ssrc: 0x11111111, sender, reports: [], cname: 'host@example' })).toEqual(
      hex(`80c80006 11111111 e8a1b2c3 80000000 00001f40 00000064 00003e80
           81ca0005 11111111 010c686f 73744065 78616d70 6c650000`),
    );
  });

  test('negative cumulative loss travels as 24-bit two’s complement', () => {
    const bytes = written({ ssrc: 1, sender: null, reports: [{ ...BLOCK, fractionLost: 0, cumulativeLost: -2 }], cname: 'a' });
    expect([...bytes.subarray(12, 16)]).toEqual([0x00, 0xff, 0xff, 0xfe]);
  });

  test('a CNAME whose item ends on a word boundary still gets a terminating word', () => {
    // ssrc + type + length + 2 octets = 8: the end octet needs a word of its own.
    const bytes = written({ ssrc: 1, sender: null, reports: [], cname: 'xy' });
    expect(bytes.subarray(8)).toEqual(hex('81ca0003 00000001 01027879 00000000'));
  });

  test('more than 31 blocks continue in further RR packets (§6.4.2)', () => {
    const reports = Array.from({ length: 33 }, (_, i) => ({ ...BLOCK, ssrc: i + 1 }));
    const sender = { ntpSeconds: 1, ntpFraction: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5 };
    const bytes = written({ ssrc: 9, sender, reports, cname: 'c' });
    const parsed = parseRtcp(bytes, bytes.length);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.packets.map((p) => [p.type, 'reports' in p ? p.reports.length : 0])).toEqual([
      ['sr', 31],
      ['rr', 2],
      ['sdes', 0],
    ]);
    const second = parsed.packets[1];
    expect(second?.type === 'rr' && second.ssrc === 9 && second.reports[1]?.ssrc === 33).toBe(true);
  });

  test('writes at an offset and refuses a buffer that is too small', () => {
    const report: RtcpReport = { ssrc: 1, sender: null, reports: [BLOCK], cname: 'ab' };
    const buf = new Uint8Array(4 + rtcpReportSize(report));
    expect(writeRtcpReport(buf, 4, report)).toBe(buf.length);
    expect(() => writeRtcpReport(buf, 5, report)).toThrow(RangeError);
  });

  test('refuses a CNAME longer than 255 octets', () => {
    expect(() => writeRtcpReport(new Uint8Array(1500), 0, { ssrc: 1, sender: null, reports: [], cname: 'x'.repeat(256) })).toThrow(RangeError);
  });
});

describe('writeRtcpBye', () => {
  test('without a reason', () => {
    const buf = new Uint8Array(8);
    expect(writeRtcpBye(buf, 0, [0x11111111])).toBe(8);
    expect(buf).toEqual(hex('81cb0001 11111111'));
  });

  test('with a reason padded to the word', () => {
    const buf = new Uint8Array(16);
    expect(writeRtcpBye(buf, 0, [0x11111111], 'hangup')).toBe(16);
    expect(buf).toEqual(hex('81cb0003 11111111 0668616e 67757000'));
  });

  test('follows a report in one compound packet', () => {
    const buf = new Uint8Array(200);
    let end = writeRtcpReport(buf, 0, { ssrc: 7, sender: null, reports: [], cname: 'me' });
    end = writeRtcpBye(buf, end, [7], 'bye');
    const parsed = parseRtcp(buf, end);
    expect(parsed.ok && parsed.packets.map((p) => p.type)).toEqual(['rr', 'sdes', 'bye']);
    expect(parsed.ok && parsed.packets[2]).toEqual({ type: 'bye', ssrcs: [7], reason: 'bye' });
  });
});

describe('compactNtp', () => {
  test('takes the low 16 bits of the seconds and the high 16 of the fraction', () => {
    expect(compactNtp(0xe8a1b2c3, 0x80004000)).toBe(0xb2c38000);
  });
});
