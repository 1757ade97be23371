/**
 * A supervisor listening in (监听) on a queue call, with real audio: three
 * baresip phones, each playing its own generated signal — the customer
 * calling the queue's DID through the carrier trunk (baresip without a
 * registration, sending from the trunk's address: an extension cannot dial
 * a queue number, the dial plan knows extensions and feature codes only),
 * agent 8002 logged in at extension 1002 (auto-answer), and the supervisor
 * at 1003 (auto-answer, as the box's answer-after=0 hint asks). In listen
 * mode the supervisor hears both parties and neither party hears the
 * supervisor.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baresipAvailable, type BaresipPhone, startBaresip } from '../support/baresip.ts';
import { type CallFixture, type Phone, startCallFixture } from '../support/call-fixture.ts';
import { activeRms, activeSeconds, bestCorrelation, readWavMono, TEST_SAMPLE_RATE, writeTestSignalWav } from '../support/test-audio.ts';
import { THREE_PHONES_YAML } from '../support/three-phones.ts';

const CI = process.env.CI === 'true';
const SECOND = TEST_SAMPLE_RATE;
const DID = '4008006001';
const QUEUE = '6001';
const CUSTOMER = '13800000001';
/** How long the supervisor listens before the customer hangs up, ms (audio to measure, not a wait for the box). */
const LISTEN_MS = 4000;
/**
 * A party's share of what the supervisor hears: against a mix of two uncorrelated signals of equal
 * power one reference correlates at about 1/√2 ≈ 0.7 (less where G.711 and the mixer's clipping bite);
 * unrelated signals of these lengths stay below 0.1.
 */
const IN_THE_MIX = 0.35;
/** A clean two-party G.711 path through the box (calls-audio.test.ts uses the same). */
const SAME_AUDIO = 0.6;
/** A signal that is not in a recording correlates far below this. */
const UNRELATED = 0.2;
/**
 * Speech-level energy: the test signal's bursts are band-limited noise at 0.7 of full scale (RMS of
 * several thousand); silence, comfort noise and the G.711 idle pattern are under the activity floor
 * of 100. 1000 (≈ -30 dBFS) is far from both.
 */
const SPEECH_RMS = 1000;

let f: CallFixture;
let customer: BaresipPhone;
let customerSignal: Int16Array;
let agent: Phone;
let supervisor: Phone;
const scratch = mkdtempSync(join(tmpdir(), 'acd-supervisor-'));

describe.skipIf(!baresipAvailable() && !CI)('supervisor listens in on a queue call', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    // The customer's phone first: the trunk is provisioned with the address it sends from.
    const signalPath = join(scratch, 'customer.wav');
    customerSignal = writeTestSignalWav(signalPath, { seconds: 30, seed: 901 });
    customer = await startBaresip({ extension: CUSTOMER, register: false, audioSource: signalPath, recordDir: mkdtempSync(join(scratch, 'heard-customer-')) });
    const provision = `${THREE_PHONES_YAML}
agents:
  - { work_number: "8002", name: "李四", pin: "2345" }
trunks:
  - { name: carrier, type: sip, host: 127.0.0.1, port: ${customer.sipPort}, options_interval_s: 0 }
queues:
  - { number: "${QUEUE}", name: "Service", strategy: round_robin, members: [{ agent: "8002" }], ring_timeout: 15, max_wait: 120, wrap_up: 0, announce_interval: 0, join_empty: true }
inbound_routes:
  - { did: "${DID}", destination: { queue: "${QUEUE}" } }
`;
    f = await startCallFixture({ rtpPorts: '36000-36999', provision });
    [agent, supervisor] = await Promise.all([
      f.phone({ extension: '1002', autoAnswer: true, signalSeed: 902, record: true }),
      f.phone({ extension: '1003', autoAnswer: true, signalSeed: 903, record: true }),
    ]);
    const mark = f.events.mark();
    const login = await f.api.request('POST', '/api/acd/agents/8002/login', { extension: '1002' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    await f.events.waitFor('agent.state', { since: mark, match: { agent: '8002', state: 'available' } });
  }, 60_000);

  afterAll(async () => {
    await customer?.stop();
    await f?.close();
    rmSync(scratch, { recursive: true, force: true });
  }, 20_000);

  test('listen: the supervisor hears customer and agent; neither hears the supervisor', async () => {
    const mark = f.events.mark();
    const marks = { customer: customer.mark(), agent: agent.mark(), supervisor: supervisor.mark() };
    await customer.dial(`sip:${DID}@127.0.0.1:${f.box.sipPort}`);
    const answered = await f.events.waitFor('queue.answered', { since: mark, match: { queue: QUEUE, agent: '8002' }, timeoutMs: 15_000 });
    const callId = answered.data.call_id as string;
    await agent.waitForEvent('CALL_ESTABLISHED', { since: marks.agent });

    const monitor = await f.api.request('POST', `/api/acd/calls/${callId}/monitor`, { extension: '1003', mode: 'listen' });
    expect(monitor.status, JSON.stringify(monitor.body)).toBe(200);
    await supervisor.waitForEvent('CALL_ESTABLISHED', { since: marks.supervisor, timeoutMs: 10_000 });
    const joinedAt = Date.now();
    const action = await f.events.waitFor('supervisor.action', { since: mark, match: { call_id: callId } });
    expect(action.data).toMatchObject({ action: 'listen' });

    // Audio to measure: the supervisor listens for a while, then the customer hangs up.
    await Bun.sleep(LISTEN_MS);
    const listened = (Date.now() - joinedAt) / 1000;
    await customer.hangup();
    await Promise.all([
      customer.waitForEvent('CALL_CLOSED', { since: marks.customer }),
      agent.waitForEvent('CALL_CLOSED', { since: marks.agent, timeoutMs: 10_000 }),
      supervisor.waitForEvent('CALL_CLOSED', { since: marks.supervisor, timeoutMs: 10_000 }),
    ]);
    const ended = await f.events.waitFor('call.ended', { since: mark, match: { call_id: callId } });
    const record = await f.api.request('GET', `/api/cdr/${ended.data.cdr_id}`);
    expect(record.body).toMatchObject({ from: CUSTOMER, to: DID, disposition: 'answered', queue: QUEUE, agent: '1002' });

    // Only the part of each recording made while the supervisor was in the call (the customer's
    // starts with hold music, the agent's before the supervisor joined).
    const during = (s: Int16Array) => s.subarray(Math.max(0, s.length - Math.floor((listened - 0.5) * SECOND)));
    const heard = {
      customer: during(readWavMono(await customer.heardRecording(), TEST_SAMPLE_RATE).samples),
      agent: during(readWavMono(await agent.heardRecording(), TEST_SAMPLE_RATE).samples),
      supervisor: readWavMono(await supervisor.heardRecording(), TEST_SAMPLE_RATE).samples,
    };
    const signals = { customer: customerSignal, agent: agent.signal as Int16Array, supervisor: supervisor.signal as Int16Array };
    const r = (signal: Int16Array, recording: Int16Array) => bestCorrelation(signal, recording, { maxLagSamples: 40 * SECOND }).coefficient;
    const measured = {
      supervisorRms: activeRms(heard.supervisor),
      supervisorActiveS: activeSeconds(heard.supervisor),
      supervisorHearsCustomer: r(signals.customer, heard.supervisor),
      supervisorHearsAgent: r(signals.agent, heard.supervisor),
      customerHearsAgent: r(signals.agent, heard.customer),
      customerHearsSupervisor: r(signals.supervisor, heard.customer),
      agentHearsCustomer: r(signals.customer, heard.agent),
      agentHearsSupervisor: r(signals.supervisor, heard.agent),
    };
    console.info(`[acd-supervisor] listened ${listened.toFixed(1)} s: ${Object.entries(measured).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}`);

    // The supervisor heard speech-level audio for most of the time, and it was the two parties.
    expect(measured.supervisorRms).toBeGreaterThan(SPEECH_RMS);
    expect(measured.supervisorActiveS).toBeGreaterThan(listened / 2);
    expect(measured.supervisorHearsCustomer).toBeGreaterThan(IN_THE_MIX);
    expect(measured.supervisorHearsAgent).toBeGreaterThan(IN_THE_MIX);
    // Customer and agent still hear each other, and neither hears the supervisor.
    expect(measured.customerHearsAgent).toBeGreaterThan(SAME_AUDIO);
    expect(measured.agentHearsCustomer).toBeGreaterThan(SAME_AUDIO);
    expect(measured.customerHearsSupervisor).toBeLessThan(UNRELATED);
    expect(measured.agentHearsSupervisor).toBeLessThan(UNRELATED);
  }, 60_000);
});
