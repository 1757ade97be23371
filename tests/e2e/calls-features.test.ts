/**
 * What users set on their extensions, and calls that do not get answered,
 * through the real box with real phones: a number nobody has (404), a caller
 * who gives up while the phone rings (CANCEL), do-not-disturb switched by
 * feature code from the phone itself (*78 / *79), and forward on busy to a
 * phone that answers and hears the caller.
 * Tests run in order on one box and share its phones. Skipped where baresip
 * or SIPp is not installed, except under CI=true.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, type Phone, startCallFixture } from '../support/call-fixture.ts';
import { sippAvailable } from '../support/sipp.ts';
import { activeSeconds, bestCorrelation, readWavMono, TEST_SAMPLE_RATE } from '../support/test-audio.ts';

const CI = process.env.CI === 'true';
const missing = !baresipAvailable() || !sippAvailable();

let fx: CallFixture;
let alice: Phone;
let carol: Phone;

interface LiveCalls {
  items: unknown[];
}

async function liveCalls(): Promise<unknown[]> {
  return ((await fx.api.request('GET', '/api/calls')).body as LiveCalls).items;
}

describe.skipIf(missing && !CI)('call features and unanswered calls through the box', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    if (!sippAvailable()) throw new Error('sipp is not installed (Debian package sip-tester); npm test installs it');
    fx = await startCallFixture({ rtpPorts: '36000-36999' });
    [alice, carol] = await Promise.all([
      fx.phone({ extension: '1001', signalSeed: 31 }),
      fx.phone({ extension: '1003', signalSeed: 33, record: true, autoAnswer: true }),
    ]);
  }, 30_000);
  afterAll(async () => {
    await fx?.close();
  }, 15_000);

  test('a number nobody has is answered 404 Not Found, and no call is left behind', async () => {
    const since = alice.mark();
    const eventsMark = fx.events.mark();
    await alice.dial(alice.dialUri('1999'));
    const closed = await alice.waitForEvent('CALL_CLOSED', { since, timeoutMs: 5000 });
    expect(closed.param).toMatch(/^404 Not Found/);
    expect(await liveCalls()).toEqual([]);
    expect(fx.events.all(eventsMark).filter((e) => e.name.startsWith('call.'))).toEqual([]);
  }, 10_000);

  test('the caller hangs up while the phone rings: the phone stops ringing, the CDR says abandoned', async () => {
    // 1002 is a baresip phone here that rings and is never picked up; it leaves before the SIPp 1002 below.
    const bob = await fx.phone({ extension: '1002' });
    const since = [alice.mark(), bob.mark()];
    const eventsMark = fx.events.mark();
    await alice.dial(alice.dialUri('1002'));
    await bob.waitForEvent('CALL_INCOMING', { since: since[1] });
    await fx.events.waitFor('call.ringing', { since: eventsMark, match: { extension: '1002' } });
    await alice.waitForEvent('CALL_RINGING', { since: since[0] });
    await alice.hangup();
    const bobClosed = await bob.waitForEvent('CALL_CLOSED', { since: since[1], timeoutMs: 5000 });
    expect(bob.events().some((e) => e.type === 'CALL_ESTABLISHED')).toBe(false);
    const cdr = await fx.endedCdr(eventsMark);
    expect(cdr).toMatchObject({ from: '1001', to: '1002', disposition: 'abandoned', hangup_cause: 'caller_cancelled', agent: null, answer: null, recording: null });
    expect(cdr.legs.map((l) => l.peer)).toEqual(['1001', '1002']);
    console.info(`[calls-features] ringing 1002 closed: ${bobClosed.param}`);
    expect(bobClosed.param ?? '').not.toBe('');
    expect(await liveCalls()).toEqual([]);

    const unregistered = fx.events.mark();
    await bob.stop();
    await fx.events.waitFor('extension.unregistered', { since: unregistered, match: { extension: '1002' }, timeoutMs: 5000 });
  }, 20_000);

  test('*78 turns do-not-disturb on from the phone: callers get busy; *79 turns it off', async () => {
    expect((await fx.features('1003')).dnd).toBe(false);
    const featureCall = async (code: string) => {
      const since = carol.mark();
      const eventsMark = fx.events.mark();
      await carol.dial(carol.dialUri(code));
      await carol.waitForEvent('CALL_ESTABLISHED', { since, timeoutMs: 5000 });
      await carol.waitForEvent('CALL_CLOSED', { since, timeoutMs: 5000 });
      return fx.endedCdr(eventsMark);
    };

    const on = await featureCall('*78');
    expect(on).toMatchObject({ from: '1003', to: '*78', disposition: 'answered', hangup_cause: 'feature_applied' });
    // The box answered with a confirmation: something to hear.
    expect(activeSeconds(readWavMono(await carol.heardRecording(), TEST_SAMPLE_RATE).samples)).toBeGreaterThan(0.2);
    expect((await fx.features('1003')).dnd).toBe(true);

    const since = [alice.mark(), carol.mark()];
    const eventsMark = fx.events.mark();
    await alice.dial(alice.dialUri('1003'));
    expect((await alice.waitForEvent('CALL_CLOSED', { since: since[0], timeoutMs: 5000 })).param).toMatch(/^486 Busy Here/);
    const busy = await fx.endedCdr(eventsMark);
    expect(busy).toMatchObject({ from: '1001', to: '1003', disposition: 'busy', hangup_cause: 'callee_dnd', agent: null });
    expect(carol.events().slice(since[1]).filter((e) => e.type === 'CALL_INCOMING')).toEqual([]);

    const off = await featureCall('*79');
    expect(off).toMatchObject({ from: '1003', to: '*79', hangup_cause: 'feature_applied' });
    expect((await fx.features('1003')).dnd).toBe(false);
  }, 25_000);

  test('forward on busy: 1002 answers 486, the box rings 1003, which answers and hears the caller', async () => {
    const sipp = await fx.sippCallee({ extension: '1002', scenario: 'call-uas-busy.xml', calls: 1 });
    expect(await fx.setFeatures('1002', { forward_busy: '1003' })).toMatchObject({ forward_busy: '1003', dnd: false });
    const since = [alice.mark(), carol.mark()];
    const eventsMark = fx.events.mark();
    await alice.dial(alice.dialUri('1002'));
    const [up] = await Promise.all([
      alice.waitForEvent('CALL_ESTABLISHED', { since: since[0], timeoutMs: 10_000 }),
      carol.waitForEvent('CALL_ESTABLISHED', { since: since[1], timeoutMs: 10_000 }),
    ]);
    expect((await fx.events.waitFor('call.answered', { since: eventsMark })).data).toMatchObject({ from: '1001', to: '1002', agent: '1003' });
    await Bun.sleep(3000);
    await alice.hangup();
    await carol.waitForEvent('CALL_CLOSED', { since: since[1] });

    const cdr = await fx.endedCdr(eventsMark);
    expect(cdr).toMatchObject({ call_id: up.id, from: '1001', to: '1002', disposition: 'answered', agent: '1003', hangup_cause: 'caller_hangup' });
    expect(cdr.legs.map((l) => l.peer)).toEqual(['1001', '1002', '1003']);
    const heard = readWavMono(await carol.heardRecording(), TEST_SAMPLE_RATE).samples;
    const r = bestCorrelation(alice.signal as Int16Array, heard, { maxLagSamples: 2 * TEST_SAMPLE_RATE });
    console.info(`[calls-features] 1003 (forwarded) heard A: r=${r.coefficient.toFixed(3)} lag=${r.lag}`);
    expect(r.coefficient).toBeGreaterThan(0.7);
    expect((await sipp.result).code).toBe(0);
    await fx.setFeatures('1002', { forward_busy: null });
  }, 25_000);
});
