/**
 * Transfers through the box, with real audio. The box is a B2BUA: the
 * transferee never sees the REFER; the box rings (blind) or picks up
 * (attended, Replaces) the new party and bridges it in its RTP engine.
 *  - blind: baresip 1002 transfers 1001's call to 1003 with REFER;
 *  - attended (RFC 3891 Replaces): a scripted UA as 1002 holds 1001,
 *    consults 1003, then REFERs 1001's dialog with Replaces naming the
 *    consultation. The transferor is scripted (tests/support/scripted-ua.ts)
 *    because baresip 1.0.0 has no attended transfer.
 * Skipped where baresip is not installed, except under CI=true.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, type Cdr, type Phone, type PhoneOptions, SECRETS, startCallFixture } from '../support/call-fixture.ts';
import { ScriptedUa } from '../support/scripted-ua.ts';
import { bestCorrelation, readWavMono, TEST_SAMPLE_RATE } from '../support/test-audio.ts';

const CI = process.env.CI === 'true';
const SECOND = TEST_SAMPLE_RATE;
/** Correlation a clean G.711 path through the box reaches easily (peer to peer it is ~0.99). */
const SAME_AUDIO = 0.7;
/** Unrelated signals stay far below this. */
const UNRELATED = 0.3;

let fx: CallFixture;
/** Phones of the running test: stopped after it (even when it fails), so no stale registration rings in the next one. */
const phones: Phone[] = [];

async function phone(o: PhoneOptions): Promise<Phone> {
  const p = await fx.phone(o);
  phones.push(p);
  return p;
}

/** `segment` (a stretch of what was heard) against the whole `reference`, wherever in it the segment comes from. */
function segmentCorrelation(reference: Int16Array, segment: Int16Array) {
  return bestCorrelation(reference, segment, { maxLagSamples: reference.length, minOverlapSamples: Math.floor(segment.length * 0.9) });
}

/** The samples of a heard recording from `fromMs` after `startMs` (when its call came up) to its end. */
function heardAfter(samples: Int16Array, startMs: number, fromMs: number): Int16Array {
  return samples.subarray(Math.max(0, Math.round(((fromMs - startMs) / 1000) * SECOND)));
}

describe.skipIf(!baresipAvailable() && !CI)('transfers through the box', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    fx = await startCallFixture({ rtpPorts: '33000-33999' });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  }, 15_000);
  afterAll(async () => {
    await fx?.close();
  }, 20_000);

  test('blind transfer (REFER): 1002 hands 1001 to 1003, who hears 1001; the CDR names 1003', async () => {
    const [alice, bob, carol] = await Promise.all([
      phone({ extension: '1001', signalSeed: 101 }),
      phone({ extension: '1002', autoAnswer: true }),
      phone({ extension: '1003', autoAnswer: true, record: true }),
    ]);
    const a = alice.signal as Int16Array;
    const eventsMark = fx.events.mark();
    const since = [alice.mark(), bob.mark(), carol.mark()];
    await alice.dial(alice.dialUri('1002'));
    await Promise.all([alice.waitForEvent('CALL_ESTABLISHED', { since: since[0] }), bob.waitForEvent('CALL_ESTABLISHED', { since: since[1] })]);
    const answered = await fx.events.waitFor('call.answered', { since: eventsMark });
    await Bun.sleep(1500);

    await bob.transfer(bob.dialUri('1003'));
    const carolUp = await carol.waitForEvent('CALL_ESTABLISHED', { since: since[2], timeoutMs: 10_000 });
    const carolUpAt = Date.now();
    expect(carolUp.peeruri).toContain('1001');
    const transferred = await fx.events.waitFor('call.transferred', { since: eventsMark });
    expect(transferred.data).toMatchObject({ call_id: answered.data.call_id, by: '1002', to: '1003', kind: 'blind' });
    // The transferor's call closes (baresip hangs up on the final NOTIFY; the box would after its grace).
    await bob.waitForEvent('CALL_CLOSED', { since: since[1], timeoutMs: 10_000 });

    await Bun.sleep(3500);
    await alice.hangup();
    await carol.waitForEvent('CALL_CLOSED', { since: since[2] });
    const cdr = await fx.endedCdr(eventsMark);
    expect(cdr).toMatchObject({ from: '1001', to: '1002', disposition: 'answered', agent: '1003' });
    expect(cdr.legs.map((l) => l.peer)).toEqual(expect.arrayContaining(['1001', '1002', '1003']));

    const heard = readWavMono(await carol.heardRecording(), TEST_SAMPLE_RATE).samples;
    const r = segmentCorrelation(a, heardAfter(heard, carolUpAt, carolUpAt + 500));
    console.info(
      `[calls-transfer] blind: 1003 heard ${(heard.length / SECOND).toFixed(2)} s, ~A r=${r.coefficient.toFixed(3)} lag=${r.lag}; CDR ${JSON.stringify({ legs: cdr.legs.map((l) => l.peer), cause: cdr.hangup_cause })}`,
    );
    expect(r.coefficient).toBeGreaterThan(SAME_AUDIO);
  }, 40_000);

  // The transferor is a scripted UA: baresip 1.0.0 has no attended transfer (only blind REFER).
  test('attended transfer (REFER with Replaces): 1002 consults 1003, then joins 1001 and 1003, who hear each other', async () => {
    const ua = await ScriptedUa.start({ extension: '1002', secret: SECRETS['1002'] as string, boxPort: fx.box.sipPort });
    try {
      expect(await ua.register()).toBe(200);
      const [alice, carol] = await Promise.all([
        phone({ extension: '1001', signalSeed: 201, record: true }),
        phone({ extension: '1003', signalSeed: 203, record: true, autoAnswer: true }),
      ]);
      const [a, c] = [alice.signal as Int16Array, carol.signal as Int16Array];
      const eventsMark = fx.events.mark();
      const since = [alice.mark(), carol.mark()];

      // 1001 calls 1002, who answers and puts 1001 on hold.
      await alice.dial(alice.dialUri('1002'));
      const first = await ua.answer(await ua.nextRequest('INVITE'));
      await alice.waitForEvent('CALL_ESTABLISHED', { since: since[0] });
      const aliceUpAt = Date.now();
      const firstCall = await fx.events.waitFor('call.answered', { since: eventsMark, match: { from: '1001' } });
      expect((await ua.reinvite(first, 'sendonly')).status).toBe(200);
      await fx.events.waitFor('call.hold', { since: eventsMark, match: { extension: '1002', held: true } });

      // The consultation: 1002 calls 1003.
      const consultation = await ua.call('1003');
      await carol.waitForEvent('CALL_ESTABLISHED', { since: since[1] });
      const carolUpAt = Date.now();
      const consultCall = await fx.events.waitFor('call.answered', { since: eventsMark, match: { from: '1002' } });
      await Bun.sleep(1000);

      // RFC 3891: Replaces names the consultation dialog as the transferor sees it (its From tag is ours).
      const replaces = `${consultation.callId};to-tag=${consultation.remoteTag};from-tag=${consultation.localTag}`;
      const referred = await ua.refer(first, `<sip:1003@127.0.0.1:${fx.box.sipPort}?Replaces=${encodeURIComponent(replaces)}>`);
      expect(referred.status).toBe(202);
      const transferred = await fx.events.waitFor('call.transferred', { since: eventsMark });
      const transferAt = Date.now();
      expect(transferred.data).toMatchObject({ call_id: firstCall.data.call_id, by: '1002', to: '1003', kind: 'attended' });
      const deadline = Date.now() + 5000;
      while (!ua.notifies(first).some((l) => /^SIP\/2\.0 200/.test(l)) && Date.now() < deadline) await Bun.sleep(20);
      expect(ua.notifies(first)).toContain('SIP/2.0 200 OK');

      // The transferor leaves both dialogs; 1001 and 1003 stay up and talk.
      expect((await ua.bye(first)).status).toBe(200);
      expect((await ua.bye(consultation)).status).toBe(200);
      const consultCdrEvent = await fx.events.waitFor('call.ended', { since: eventsMark, match: { call_id: consultCall.data.call_id } });
      await Bun.sleep(3500);
      expect(alice.events().slice(since[0]).some((e) => e.type === 'CALL_CLOSED')).toBe(false);
      expect(carol.events().slice(since[1]).some((e) => e.type === 'CALL_CLOSED')).toBe(false);
      await alice.hangup();
      await carol.waitForEvent('CALL_CLOSED', { since: since[1] });

      const firstEnded = await fx.events.waitFor('call.ended', { since: eventsMark, match: { call_id: firstCall.data.call_id } });
      const cdr = (await fx.api.request('GET', `/api/cdr/${firstEnded.data.cdr_id}`)).body as Cdr;
      expect(cdr).toMatchObject({ from: '1001', to: '1002', disposition: 'answered', agent: '1003' });
      expect(cdr.legs.map((l) => l.peer)).toEqual(expect.arrayContaining(['1001', '1002', '1003']));
      const consultCdr = (await fx.api.request('GET', `/api/cdr/${consultCdrEvent.data.cdr_id}`)).body as Cdr;
      expect(consultCdr).toMatchObject({ from: '1002', to: '1003', disposition: 'answered' });

      // After the transfer point each hears the other's signal.
      const heardByCarol = readWavMono(await carol.heardRecording(), TEST_SAMPLE_RATE).samples;
      const heardByAlice = readWavMono(await alice.heardRecording(), TEST_SAMPLE_RATE).samples;
      const carolHearsA = segmentCorrelation(a, heardAfter(heardByCarol, carolUpAt, transferAt + 500));
      const aliceHearsC = segmentCorrelation(c, heardAfter(heardByAlice, aliceUpAt, transferAt + 500));
      const carolHearsC = segmentCorrelation(c, heardAfter(heardByCarol, carolUpAt, transferAt + 500));
      console.info(
        `[calls-transfer] attended: 1002 (scripted) got ${ua.rtpPackets} RTP packets; 1003 heard ~A r=${carolHearsA.coefficient.toFixed(3)}, 1001 heard ~C r=${aliceHearsC.coefficient.toFixed(3)}, 1003 ~own C r=${carolHearsC.coefficient.toFixed(3)}; NOTIFYs ${JSON.stringify(ua.notifies(first))}; CDRs: transferred call ${JSON.stringify({ legs: cdr.legs.map((l) => l.peer), cause: cdr.hangup_cause })}, consultation ${JSON.stringify({ legs: consultCdr.legs.map((l) => l.peer), cause: consultCdr.hangup_cause })}`,
      );
      expect(carolHearsA.coefficient).toBeGreaterThan(SAME_AUDIO);
      expect(aliceHearsC.coefficient).toBeGreaterThan(SAME_AUDIO);
      expect(carolHearsC.coefficient).toBeLessThan(UNRELATED);
    } finally {
      ua.close();
    }
  }, 45_000);
});
