/**
 * Calls through carrier trunks, with SIPp as the carrier: a call to the
 * business number hears the IVR and a key (RFC 4733, or in-band tones)
 * sends it to the right extension; a blacklisted caller is refused before
 * the IVR; outside business hours the route's after-hours list takes the
 * call; an extension dialling 9 + number goes out through the first trunk,
 * prefix stripped, and on to the second trunk when the first answers 503.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioWriter } from '../support/sipp-scenario.ts';
import { type CallFixture, startCallFixture } from '../support/call-fixture.ts';
import { freeUdpPort } from '../support/free-ports.ts';
import { dtmfTones, writePcmuPcap } from '../support/pcap-writer.ts';
import { runSipp, runSippUac, type SippUas, sippAvailable, startSippUas } from '../support/sipp.ts';
import { THREE_PHONES_ROWS, THREE_PHONES_YAML } from '../support/three-phones.ts';

const DID = '4008001234';
const AFTER_HOURS_DID = '4008005678';
const BLOCKED = '13900000009';
const QUEUE_DID = '4008006001';

let f: CallFixture;
let carrierPort: number;
const carriers: SippUas[] = [];
const dir = mkdtempSync(join(tmpdir(), 'trunk-calls-'));

const scenario = scenarioWriter(dir);

const RFC4733_OFFER = ['m=audio [media_port] RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16'].join('\n      ');
const AUDIO_ONLY_OFFER = ['m=audio [media_port] RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'].join('\n      ');

/** The carrier (SIPp on the trunk's address) calls `did` from `caller` and plays `pcap` after `pressAfterMs`. */
function carrierCall(o: { did: string; caller: string; offer: string; pcap: string; pressAfterMs: number; holdMs: number }) {
  return runSipp({
    scenario: scenario('carrier-uac-dtmf.xml', { MEDIA_FORMATS: o.offer, PCAP_FILE: o.pcap, PRESS_AFTER_MS: String(o.pressAfterMs) }),
    target: `127.0.0.1:${f.box.sipPort}`,
    rows: [o.caller],
    calls: 1,
    localPort: carrierPort,
    timeoutSeconds: 30,
    extra: ['-s', o.did, '-d', String(o.holdMs), '-mp', String(30_000 + 4 * Math.floor(Math.random() * 500))],
  });
}

/** Yesterday, today and tomorrow in the box's time zone, as holidays: closed now, even across midnight. */
const holidays = () =>
  [-1, 0, 1]
    .map((d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + d * 86_400_000)))
    .map((date) => `{ date: "${date}" }`)
    .join(', ');

beforeAll(async () => {
  carrierPort = await freeUdpPort();
  // The outbound carriers must be listening before the box is provisioned with their ports.
  const overloaded = await startSippUas({ scenario: 'carrier-uas-503.xml', timeoutSeconds: 120 });
  carriers.push(overloaded);
  const provision = `${THREE_PHONES_YAML}
trunks:
  # No OPTIONS pings: a SIPp scenario fails on a request it does not expect (real carriers answer them).
  - { name: carrier, type: sip, host: 127.0.0.1, port: ${carrierPort}, options_interval_s: 0 }
  - { name: busy-carrier, type: sip, host: 127.0.0.1, port: ${overloaded.port}, options_interval_s: 0 }
  - { name: backup-carrier, type: sip, host: 127.0.0.1, port: BACKUP_PORT, options_interval_s: 0 }
  - { name: auth-carrier, type: sip, host: 127.0.0.1, port: AUTH_PORT, options_interval_s: 0, username: "0571888800", secret: carrier-pw-9, caller_id: "057188880000", codecs: [PCMA, telephone-event] }
ivrs:
  - { name: main, greeting: { tts: "您好，欢迎致电。服务请按1。" }, options: { "1": { extension: "1002" } }, timeout: 5 }
queues:
  - { number: "6001", name: "Service", strategy: round_robin, agents: ["1003", "1002"], ring_timeout: 5, max_wait: 60 }
time_conditions:
  - { name: hours, time_zone: Asia/Shanghai, weekly: { mon: ["00:00-23:59"], tue: ["00:00-23:59"], wed: ["00:00-23:59"], thu: ["00:00-23:59"], fri: ["00:00-23:59"], sat: ["00:00-23:59"], sun: ["00:00-23:59"] }, holidays: [${holidays()}] }
blacklist:
  - { number: "${BLOCKED}", direction: inbound, action: reject }
inbound_routes:
  - { did: "${DID}", destination: { ivr: main } }
  - { did: "${QUEUE_DID}", destination: { queue: "6001" } }
  - { did: "${AFTER_HOURS_DID}", destination: { extension: "1001" }, time_condition: hours, after_hours: [{ extension: "1003" }] }
outbound_routes:
  - { pattern: "9X.", trunks: [busy-carrier, backup-carrier], strip: 1 }
  - { pattern: "8NXXXXXXX", trunks: [auth-carrier], strip: 1 }
`;
  const backup = await startSippUas({ scenario: scenario('carrier-uas-answer.xml', { EXPECTED_NUMBER: '013800138000' }), timeoutSeconds: 120 });
  carriers.push(backup);
  const authenticating = await startSippUas({ scenario: 'carrier-uas-auth.xml', rows: ['0571888800;carrier-pw-9'], timeoutSeconds: 120 });
  carriers.push(authenticating);
  f = await startCallFixture({ rtpPorts: '34000-34999', provision: provision.replace('BACKUP_PORT', String(backup.port)).replace('AUTH_PORT', String(authenticating.port)) });
}, 60_000);

afterAll(async () => {
  await Promise.all(carriers.map((c) => c.stop(1000).catch(() => {})));
  await f?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!sippAvailable())('calls from and to carrier trunks', () => {
  test('a carrier call to the business number hears the IVR; key 1 as RFC 4733 lands on extension 1002', async () => {
    const callee = await f.sippCallee({ extension: '1002', scenario: 'call-uas.xml', calls: 1 });
    const mark = f.events.mark();
    const call = await carrierCall({ did: DID, caller: '13800000001', offer: RFC4733_OFFER, pcap: '/usr/share/sip-tester/dtmf_2833_1.pcap', pressAfterMs: 1500, holdMs: 3000 });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ from: '13800000001', to: DID, disposition: 'answered', agent: '1002' });
    expect((await callee.result).code).toBe(0);
  }, 40_000);

  test('the same with the key sent as in-band tones (no telephone-event offered)', async () => {
    const callee = await f.sippCallee({ extension: '1002', scenario: 'call-uas.xml', calls: 1 });
    const pcap = join(dir, 'inband-1.pcap');
    writePcmuPcap(pcap, dtmfTones('1', { leadMs: 200, toneMs: 120, gapMs: 400 }));
    const mark = f.events.mark();
    const call = await carrierCall({ did: DID, caller: '13800000002', offer: AUDIO_ONLY_OFFER, pcap, pressAfterMs: 1500, holdMs: 3000 });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ from: '13800000002', to: DID, disposition: 'answered', agent: '1002' });
    expect((await callee.result).code).toBe(0);
  }, 40_000);

  test('a blacklisted caller is refused (603) before the IVR answers', async () => {
    const mark = f.events.mark();
    const call = await runSipp({
      scenario: scenario('carrier-uac-refused.xml', { EXPECTED_STATUS: '603' }),
      target: `127.0.0.1:${f.box.sipPort}`,
      rows: [BLOCKED],
      calls: 1,
      localPort: carrierPort,
      timeoutSeconds: 15,
      extra: ['-s', DID, '-mp', String(30_000 + 4 * Math.floor(Math.random() * 500))],
    });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ from: BLOCKED, to: DID, answer: null, hangup_cause: 'caller_blacklisted' });
  }, 30_000);

  test('on a holiday the route sends the call to its after-hours list (1003), not to 1001', async () => {
    const callee = await f.sippCallee({ extension: '1003', scenario: 'call-uas.xml', calls: 1 });
    const mark = f.events.mark();
    const call = await carrierCall({ did: AFTER_HOURS_DID, caller: '13800000003', offer: RFC4733_OFFER, pcap: '/usr/share/sip-tester/dtmf_2833_9.pcap', pressAfterMs: 500, holdMs: 1500 });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ to: AFTER_HOURS_DID, disposition: 'answered', agent: '1003' });
    expect((await callee.result).code).toBe(0);
  }, 40_000);

  test('a queue rings its agents in turn (round robin): 1003 cannot be reached, 1002 answers', async () => {
    // 1003's binding (from the test before) points at a SIPp that has exited: that agent fails, the next is rung.
    const callee = await f.sippCallee({ extension: '1002', scenario: 'call-uas.xml', calls: 1 });
    const mark = f.events.mark();
    // The box answers a queue caller at once (hold music); the caller stays long enough for 1003's 5 s ring to time out.
    const call = await carrierCall({ did: QUEUE_DID, caller: '13800000004', offer: RFC4733_OFFER, pcap: '/usr/share/sip-tester/dtmf_2833_9.pcap', pressAfterMs: 500, holdMs: 9000 });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ to: QUEUE_DID, disposition: 'answered', agent: '1002', queue: '6001' });
    // 1003 first; then 1002 (one leg per registered contact: earlier tests registered 1002 from several ports).
    const peers = cdr.legs.map((l) => l.peer);
    expect(peers.slice(0, 2)).toEqual(['13800000004', '1003']);
    expect(peers.length).toBeGreaterThan(2);
    expect(peers.slice(2).every((p) => p === '1002')).toBe(true);
    expect((await callee.result).code).toBe(0);
  }, 40_000);

  test('toll-fraud guard: an extension of the default class (long distance) dialling an international number gets 403, no call, no trunk', async () => {
    const mark = f.events.mark();
    const call = await runSipp({
      scenario: scenario('call-uac-auth-refused.xml', { EXPECTED_STATUS: '403' }),
      target: `127.0.0.1:${f.box.sipPort}`,
      rows: [THREE_PHONES_ROWS[0] as string],
      calls: 1,
      localPort: await freeUdpPort(),
      timeoutSeconds: 15,
      extra: ['-s', '900441632960000', '-auth_uri', `900441632960000@127.0.0.1:${f.box.sipPort}`, '-mp', String(30_000 + 4 * Math.floor(Math.random() * 500))],
    });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    await Bun.sleep(200);
    expect(f.events.all(mark).filter((e) => e.name.startsWith('call.'))).toEqual([]);
  }, 30_000);

  test('a carrier that challenges the INVITE gets the trunk’s credentials (digest checked by SIPp) and takes the call', async () => {
    const mark = f.events.mark();
    const call = await runSippUac({
      scenario: 'call-uac-auth.xml',
      target: `127.0.0.1:${f.box.sipPort}`,
      called: '888880000',
      rows: [THREE_PHONES_ROWS[0] as string],
      callMs: 1000,
      timeoutSeconds: 20,
      extra: ['-auth_uri', `888880000@127.0.0.1:${f.box.sipPort}`],
    });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    expect(await f.endedCdr(mark)).toMatchObject({ from: '1001', to: '888880000', disposition: 'answered' });
    expect(await (carriers[2] as SippUas).stop(1000)).toMatchObject({ successful: 1, failed: 0 });
  }, 30_000);

  test('9 + number goes out with the 9 stripped; the first trunk answers 503 and the second takes the call', async () => {
    const mark = f.events.mark();
    const call = await runSippUac({
      scenario: 'call-uac-auth.xml',
      target: `127.0.0.1:${f.box.sipPort}`,
      called: '9013800138000',
      rows: [THREE_PHONES_ROWS[0] as string],
      callMs: 1500,
      timeoutSeconds: 20,
      extra: ['-auth_uri', `9013800138000@127.0.0.1:${f.box.sipPort}`],
    });
    expect(call.code, call.output.slice(-1500)).toBe(0);
    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ from: '1001', to: '9013800138000', disposition: 'answered' });
    const [overloaded, backup] = await Promise.all(carriers.slice(0, 2).map((c) => c.stop(1000)));
    expect(overloaded?.output).toMatch(/503/);
    // The backup carrier checked the number it was asked for (013800138000: the 9 stripped) and took the call.
    expect(backup).toMatchObject({ successful: 1, failed: 0 });
  }, 40_000);
});
