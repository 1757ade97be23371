/**
 * The call harness proven without the box: baresip calls baresip and SIPp
 * calls SIPp (and each other) directly on 127.0.0.1, so that when a test
 * points the same peers at the appliance, a failure is the appliance's.
 * Skipped where baresip or SIPp is not installed, except under CI=true,
 * where a missing peer fails.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaresipOptions, type BaresipPhone, baresipAvailable, startBaresip } from '../support/baresip.ts';
import { readPcapAudio } from '../support/pcap-audio.ts';
import { runSippUac, type SippResult, sippAvailable, startSippUas } from '../support/sipp.ts';
import { activeSeconds, bestCorrelation, readWavMono, TEST_SAMPLE_RATE, writeTestSignalWav } from '../support/test-audio.ts';

const CI = process.env.CI === 'true';
const noBaresip = !baresipAvailable();
const noSipp = !sippAvailable();
const G711A_PCAP = '/usr/share/sip-tester/g711a.pcap';

function requirePeers(peers: { baresip?: boolean; sipp?: boolean }): void {
  if (peers.baresip && noBaresip) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
  if (peers.sipp && noSipp) throw new Error('sipp is not installed (Debian package sip-tester); npm test installs it');
}

const dir = mkdtempSync(join(tmpdir(), 'harness-selftest-'));
const running: BaresipPhone[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop().catch(() => {})));
  rmSync(dir, { recursive: true, force: true });
});

async function phone(o: Omit<BaresipOptions, 'register'>): Promise<BaresipPhone> {
  const p = await startBaresip({ ...o, register: false });
  running.push(p);
  return p;
}

/** Both phones' events since `since` include the call being up. */
async function established(phones: BaresipPhone[], since: number[]): Promise<void> {
  await Promise.all(phones.map((p, i) => p.waitForEvent('CALL_ESTABLISHED', { since: since[i], timeoutMs: 10_000 })));
}

const verdict = (r: SippResult) => ({ code: r.code, successful: r.successful, failed: r.failed });
const SECOND = TEST_SAMPLE_RATE;

describe.skipIf(noBaresip && !CI)('baresip calls baresip directly', () => {
  test('what A plays, B hears: the recording correlates with the signal at one lag, and not with B’s own', async () => {
    requirePeers({ baresip: true });
    // 12 s of signal for a ~4 s call: aufile hangs the call up when its file ends.
    const signalA = writeTestSignalWav(join(dir, 'a.wav'), { seconds: 12, seed: 1 });
    const signalB = writeTestSignalWav(join(dir, 'b.wav'), { seconds: 12, seed: 2 });
    const b = await phone({ extension: 'b', autoAnswer: true, audioSource: join(dir, 'b.wav'), recordDir: mkdtempSync(join(dir, 'rec-b-')) });
    const a = await phone({ extension: 'a', audioSource: join(dir, 'a.wav'), recordDir: mkdtempSync(join(dir, 'rec-a-')) });
    const since = [a.mark(), b.mark()];
    await a.dial(b.uri);
    await established([a, b], since);
    expect(b.events().find((e) => e.type === 'CALL_ESTABLISHED')?.peeruri).toBe('sip:a@127.0.0.1');
    await Bun.sleep(4000);
    await a.hangup();
    expect((await b.waitForEvent('CALL_CLOSED', { since: since[1] })).param).toBe('Connection reset by peer');

    const heardByB = readWavMono(await b.heardRecording(), TEST_SAMPLE_RATE).samples;
    const heardByA = readWavMono(await a.heardRecording(), TEST_SAMPLE_RATE).samples;
    expect(activeSeconds(heardByB)).toBeGreaterThan(2.5);
    const forward = bestCorrelation(signalA, heardByB, { maxLagSamples: 2 * SECOND });
    const backward = bestCorrelation(signalB, heardByA, { maxLagSamples: 2 * SECOND });
    const crossed = bestCorrelation(signalB, heardByB, { maxLagSamples: 2 * SECOND });
    expect(forward.coefficient).toBeGreaterThan(0.8);
    expect(Math.abs(forward.lag)).toBeLessThan(SECOND);
    expect(backward.coefficient).toBeGreaterThan(0.8);
    expect(crossed.coefficient).toBeLessThan(0.3);
  }, 40_000);

  test('answer, hold and resume by re-INVITE, then a blind transfer (REFER) to a third phone', async () => {
    requirePeers({ baresip: true });
    const b = await phone({ extension: 'b' });
    const c = await phone({ extension: 'c', autoAnswer: true });
    const a = await phone({ extension: 'a' });
    const since = [a.mark(), b.mark(), c.mark()];
    await a.dial(b.uri);
    await b.waitForEvent('CALL_INCOMING', { since: since[1] });
    await a.waitForEvent('CALL_RINGING', { since: since[0] });
    await b.answer();
    await established([a, b], since);

    const beforeHold = b.mark();
    await a.hold();
    expect((await b.waitForEvent('CALL_REMOTE_SDP', { since: beforeHold })).param).toBe('offer');
    const beforeResume = b.mark();
    await a.resume();
    expect((await b.waitForEvent('CALL_REMOTE_SDP', { since: beforeResume })).param).toBe('offer');

    await b.transfer(c.uri);
    expect((await a.waitForEvent('TRANSFER', { since: since[0] })).param).toBe(c.uri);
    expect((await b.waitForEvent('CALL_CLOSED', { since: since[1] })).param).toBe('Call transfered');
    expect((await c.waitForEvent('CALL_ESTABLISHED', { since: since[2] })).peeruri).toBe('sip:a@127.0.0.1');
    await a.hangup();
    await c.waitForEvent('CALL_CLOSED', { since: since[2] });
    // Without a call the in-call commands are gone from the menu.
    await expect(a.hold()).rejects.toThrow(/command not found|Invalid argument/);
  }, 40_000);
});

describe.skipIf(noSipp && !CI)('SIPp calls SIPp directly', () => {
  test('call-uac → call-uas: five calls with media all succeed on both sides', async () => {
    requirePeers({ sipp: true });
    const uas = await startSippUas({ scenario: 'call-uas.xml', calls: 5 });
    const uac = await runSippUac({ scenario: 'call-uac.xml', target: `127.0.0.1:${uas.port}`, called: '2002', rows: ['1001'], calls: 5, rate: 5, callMs: 1000 });
    expect(verdict(uac), uac.errors).toEqual({ code: 0, successful: 5, failed: 0 });
    expect(verdict(await uas.result)).toEqual({ code: 0, successful: 5, failed: 0 });
  }, 40_000);

  test('call-uas-busy answers 486, which call-uac-busy expects and ACKs and call-uac counts as a failed call', async () => {
    requirePeers({ sipp: true });
    const uas = await startSippUas({ scenario: 'call-uas-busy.xml' });
    const busy = await runSippUac({ scenario: 'call-uac-busy.xml', target: `127.0.0.1:${uas.port}`, called: '2002', rows: ['1001'], calls: 3 });
    const plain = await runSippUac({ scenario: 'call-uac.xml', target: `127.0.0.1:${uas.port}`, called: '2002', rows: ['1001'], calls: 1, timeoutSeconds: 10 });
    const served = await uas.stop();
    expect(verdict(busy), busy.errors).toEqual({ code: 0, successful: 3, failed: 0 });
    expect(verdict(plain)).toEqual({ code: 1, successful: 0, failed: 1 });
    expect(plain.errors).toContain('486 Busy Here');
    expect(served.successful).toBe(4);
  }, 40_000);

  test('call-uac-auth answers a digest challenge: the right password is let in, a wrong one is not', async () => {
    requirePeers({ sipp: true });
    const uas = await startSippUas({ scenario: 'call-uas-auth.xml', rows: ['1001;pw-1001-xyz', '1001;pw-1001-xyz'], calls: 2 });
    const uac = await runSippUac({
      scenario: 'call-uac-auth.xml',
      target: `127.0.0.1:${uas.port}`,
      called: '2002',
      rows: ['1001;[authentication username=1001 password=pw-1001-xyz]', '1001;[authentication username=1001 password=wrong]'],
      calls: 2,
      callMs: 500,
    });
    await uas.stop();
    expect(verdict(uac)).toEqual({ code: 1, successful: 1, failed: 1 });
    expect(uac.errors).toContain('403 Forbidden');
  }, 40_000);
});

describe.skipIf((noSipp || noBaresip) && !CI)('SIPp and baresip call each other directly', () => {
  // What SIPp plays, decoded; read in the tests, as the file comes with SIPp.
  const pcap = () => readPcapAudio(G711A_PCAP);

  test('baresip answers call-uac and hears the pcap SIPp plays', async () => {
    requirePeers({ sipp: true, baresip: true });
    const b = await phone({ extension: 'b', autoAnswer: true, recordDir: mkdtempSync(join(dir, 'rec-sipp-b-')) });
    const uac = await runSippUac({ scenario: 'call-uac.xml', target: `127.0.0.1:${b.sipPort}`, called: 'b', rows: ['1001'], callMs: 3000 });
    expect(verdict(uac), uac.errors).toEqual({ code: 0, successful: 1, failed: 0 });
    const heard = readWavMono(await b.heardRecording(), TEST_SAMPLE_RATE).samples;
    expect(bestCorrelation(pcap(), heard, { maxLagSamples: SECOND }).coefficient).toBeGreaterThan(0.8);
  }, 40_000);

  test('baresip calls call-uas and hears the pcap SIPp plays', async () => {
    requirePeers({ sipp: true, baresip: true });
    const uas = await startSippUas({ scenario: 'call-uas.xml', calls: 1 });
    const a = await phone({ extension: 'a', recordDir: mkdtempSync(join(dir, 'rec-sipp-a-')) });
    const since = a.mark();
    await a.dial(`sip:2002@127.0.0.1:${uas.port}`);
    await a.waitForEvent('CALL_ESTABLISHED', { since });
    await Bun.sleep(3000);
    await a.hangup();
    expect(verdict(await uas.result)).toEqual({ code: 0, successful: 1, failed: 0 });
    const heard = readWavMono(await a.heardRecording(), TEST_SAMPLE_RATE).samples;
    expect(bestCorrelation(pcap(), heard, { maxLagSamples: SECOND }).coefficient).toBeGreaterThan(0.8);
  }, 40_000);
});
