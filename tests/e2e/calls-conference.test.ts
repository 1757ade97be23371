/**
 * A 3-way call from a phone: during a call, the caller keys `*3 1003 #`
 * (RFC 4733); the box rings 1003 and, when it answers, mixes the three.
 * The two baresip phones then hear each other through the box's mixer, and
 * the call goes on with two when the one who set it up hangs up.
 * The caller is the scripted UA, since it can key RFC 4733 on demand.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, type Phone, SECRETS, startCallFixture } from '../support/call-fixture.ts';
import { RtpStream, sdpMedia } from '../support/scripted-media.ts';
import { ScriptedUa } from '../support/scripted-ua.ts';
import { bestCorrelation, readWavMono, TEST_SAMPLE_RATE } from '../support/test-audio.ts';

const CI = process.env.CI === 'true';
const SECOND = TEST_SAMPLE_RATE;

let fx: CallFixture;
let ua: ScriptedUa;
let bob: Phone;
let carol: Phone;

describe.skipIf(!baresipAvailable() && !CI)('3-way call keyed from a phone', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    fx = await startCallFixture({ rtpPorts: '40000-40999' });
    [ua, bob, carol] = await Promise.all([
      ScriptedUa.start({ extension: '1001', secret: SECRETS['1001'] as string, boxPort: fx.box.sipPort }),
      fx.phone({ extension: '1002', autoAnswer: true, signalSeed: 801, record: true }),
      fx.phone({ extension: '1003', autoAnswer: true, signalSeed: 802, record: true }),
    ]);
    expect(await ua.register()).toBe(200);
  }, 30_000);

  afterAll(async () => {
    ua?.close();
    await fx?.close();
  }, 20_000);

  test('*3 1003 # adds 1003; 1002 and 1003 hear each other; the call goes on when the caller leaves', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    const carolMark = carol.mark();
    const dialog = await ua.call('1002');
    await bob.waitForEvent('CALL_ESTABLISHED', { since: bobMark });
    const media = sdpMedia(dialog.remoteSdp);
    const keys = new RtpStream(ua.rtp, { host: '127.0.0.1', port: media.port }, { ssrc: 0x13572468, payloadType: dialog.payloadType });
    for (const digit of '*31003#') await keys.key(digit, { payloadType: media.telephoneEvent as number });

    await carol.waitForEvent('CALL_ESTABLISHED', { since: carolMark, timeoutMs: 10_000 });
    const joinedAt = Date.now();
    const live = ((await fx.api.request('GET', '/api/calls')).body as { items: { legs: { number: string; state: string }[] }[] }).items;
    expect(live).toHaveLength(1);
    expect(live[0]?.legs.filter((l) => l.state === 'up').map((l) => l.number).sort()).toEqual(['1001', '1002', '1003']);

    // The one who set it up leaves; the other two stay connected.
    await Bun.sleep(1500);
    expect((await ua.bye(dialog)).status).toBe(200);
    await Bun.sleep(2500);
    const stillLive = ((await fx.api.request('GET', '/api/calls')).body as { items: unknown[] }).items;
    expect(stillLive).toHaveLength(1);
    const heldFor = (Date.now() - joinedAt) / 1000;

    await bob.hangup();
    await carol.waitForEvent('CALL_CLOSED', { since: carolMark, timeoutMs: 10_000 });
    const cdr = await fx.endedCdr(mark);
    expect(cdr.legs.map((l) => l.peer).sort()).toEqual(['1001', '1002', '1003']);
    expect(cdr.disposition).toBe('answered');

    // 1003 heard 1002's signal and 1002 heard 1003's, through the mixer.
    const heardByCarol = readWavMono(await carol.heardRecording(), TEST_SAMPLE_RATE).samples;
    const heardByBob = readWavMono(await bob.heardRecording(), TEST_SAMPLE_RATE).samples;
    const tail = (s: Int16Array) => s.subarray(Math.max(0, s.length - Math.floor((heldFor - 0.5) * SECOND)));
    const carolHearsBob = bestCorrelation(bob.signal as Int16Array, tail(heardByCarol), { maxLagSamples: 40 * SECOND });
    const bobHearsCarol = bestCorrelation(carol.signal as Int16Array, tail(heardByBob), { maxLagSamples: 40 * SECOND });
    console.info(`[calls-conference] 1003 heard 1002: r=${carolHearsBob.coefficient.toFixed(3)}; 1002 heard 1003: r=${bobHearsCarol.coefficient.toFixed(3)}`);
    expect(carolHearsBob.coefficient).toBeGreaterThan(0.6);
    expect(bobHearsCarol.coefficient).toBeGreaterThan(0.6);
    expect(bestCorrelation(carol.signal as Int16Array, tail(heardByCarol), { maxLagSamples: 40 * SECOND }).coefficient).toBeLessThan(0.3);
  }, 40_000);
});
