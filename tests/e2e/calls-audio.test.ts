/**
 * Calls through the box with real audio: two baresip phones registered to
 * the appliance, each playing its own generated signal, call each other.
 * What each phone heard, and the box's stereo recording (caller left,
 * callee right), must carry the other side's signal; the CDR tells the
 * call's story; hold plays music on hold to the held phone and resume
 * brings the caller's voice back.
 * Skipped where baresip is not installed, except under CI=true.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, type Phone, readWavChannels, startCallFixture } from '../support/call-fixture.ts';
import { activeSeconds, bestCorrelation, readWavMono, rms, TEST_SAMPLE_RATE } from '../support/test-audio.ts';

const CI = process.env.CI === 'true';
const SECOND = TEST_SAMPLE_RATE;
/** Correlation a clean G.711 path through the box reaches easily (peer to peer it is ~0.99). */
const SAME_AUDIO = 0.7;
/** Unrelated signals stay far below this. */
const UNRELATED = 0.3;

let fx: CallFixture;
let alice: Phone;
let bob: Phone;

/** 1001 calls 1002 and both phones see the call up; returns when, and 1001's SIP Call-ID. */
async function call(from: Phone, to: Phone): Promise<{ upAt: number; callId: string }> {
  const since = [from.mark(), to.mark()];
  await from.dial(from.dialUri(to.extension));
  const [up] = await Promise.all([
    from.waitForEvent('CALL_ESTABLISHED', { since: since[0], timeoutMs: 10_000 }),
    to.waitForEvent('CALL_ESTABLISHED', { since: since[1], timeoutMs: 10_000 }),
  ]);
  return { upAt: Date.now(), callId: up.id ?? '' };
}

/** Where each `seconds`-long window of `heard` is found in `reference` and how well: a dropped or repeated frame shows as a jump in delay. */
function windowProfile(reference: Int16Array, heard: Int16Array, seconds = 0.5): string {
  const size = Math.round(seconds * SECOND);
  const out: string[] = [];
  for (let at = 0; at + size <= heard.length; at += size) {
    const r = segmentCorrelation(reference, heard.subarray(at, at + size));
    out.push(`${(at / SECOND).toFixed(1)}s r=${r.coefficient.toFixed(2)} delay=${r.lag + at}`);
  }
  return out.join('; ');
}

/** `segment` (a stretch of what was heard) against the whole `reference`, wherever in it the segment comes from. */
function segmentCorrelation(reference: Int16Array, segment: Int16Array) {
  return bestCorrelation(reference, segment, { maxLagSamples: reference.length, minOverlapSamples: Math.floor(segment.length * 0.9) });
}

describe.skipIf(!baresipAvailable() && !CI)('calls through the box with audio', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    fx = await startCallFixture({ rtpPorts: '32000-32999' });
    [alice, bob] = await Promise.all([
      fx.phone({ extension: '1001', signalSeed: 11, record: true }),
      fx.phone({ extension: '1002', signalSeed: 22, record: true, autoAnswer: true }),
    ]);
  }, 30_000);
  afterAll(async () => {
    await fx?.close();
  }, 15_000);

  test('each phone hears the other, the box records both sides in stereo, and the CDR tells the call', async () => {
    const a = alice.signal as Int16Array;
    const b = bob.signal as Int16Array;
    const eventsMark = fx.events.mark();
    const { upAt, callId } = await call(alice, bob);
    const answered = await fx.events.waitFor('call.answered', { since: eventsMark });
    expect(answered.data).toMatchObject({ from: '1001', to: '1002', agent: '1002' });
    const live = ((await fx.api.request('GET', '/api/calls')).body as { items: { legs: { number: string; rtp_port: number }[] }[] }).items;
    expect(live).toHaveLength(1);
    expect(live[0]?.legs.map((l) => l.number)).toEqual(['1001', '1002']);
    for (const leg of live[0]?.legs ?? []) expect(leg.rtp_port).toBeWithin(32000, 33000);

    await Bun.sleep(4000);
    const bobMark = bob.mark();
    await alice.hangup();
    const talkSeconds = (Date.now() - upAt) / 1000;
    await bob.waitForEvent('CALL_CLOSED', { since: bobMark });

    // What each phone heard is the other's signal, not its own.
    const heardByBob = readWavMono(await bob.heardRecording(), TEST_SAMPLE_RATE).samples;
    const heardByAlice = readWavMono(await alice.heardRecording(), TEST_SAMPLE_RATE).samples;
    const forward = bestCorrelation(a, heardByBob, { maxLagSamples: 2 * SECOND });
    const backward = bestCorrelation(b, heardByAlice, { maxLagSamples: 2 * SECOND });
    console.info(`[calls-audio] 1002 heard A: r=${forward.coefficient.toFixed(3)} lag=${forward.lag}; 1001 heard B: r=${backward.coefficient.toFixed(3)} lag=${backward.lag}`);
    expect(activeSeconds(heardByBob)).toBeGreaterThan(2.5);
    expect(forward.coefficient).toBeGreaterThan(SAME_AUDIO);
    expect(backward.coefficient).toBeGreaterThan(SAME_AUDIO);
    expect(bestCorrelation(b, heardByBob, { maxLagSamples: 2 * SECOND }).coefficient).toBeLessThan(UNRELATED);

    // The call's record.
    const cdr = await fx.endedCdr(eventsMark);
    expect(cdr).toMatchObject({ call_id: callId, from: '1001', to: '1002', disposition: 'answered', agent: '1002', hangup_cause: 'caller_hangup' });
    expect(cdr.legs.map((l) => l.peer)).toEqual(['1001', '1002']);
    expect(cdr.answer).not.toBeNull();
    expect(Date.parse(cdr.end) - Date.parse(cdr.answer as string)).toBeWithin((talkSeconds - 1) * 1000, (talkSeconds + 1) * 1000);
    expect(cdr.recording).toBeInteger();

    // The box's recording: stereo 8 kHz, the caller left and the callee right, as long as the talk.
    const audio = await fetch(`${fx.box.httpUrl}/api/recordings/${cdr.recording}/audio`, { headers: { authorization: `Bearer ${fx.api.token}` } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const wav = readWavChannels(new Uint8Array(await audio.arrayBuffer()));
    expect({ sampleRate: wav.sampleRate, channels: wav.channels.length }).toEqual({ sampleRate: 8000, channels: 2 });
    const [left, right] = wav.channels as [Int16Array, Int16Array];
    const recordedSeconds = left.length / 8000;
    const leftA = bestCorrelation(a, left, { maxLagSamples: 2 * SECOND });
    const rightB = bestCorrelation(b, right, { maxLagSamples: 2 * SECOND });
    console.info(`[calls-audio] recording ${recordedSeconds.toFixed(2)} s (talk ${talkSeconds.toFixed(2)} s): left~A r=${leftA.coefficient.toFixed(3)}, right~B r=${rightB.coefficient.toFixed(3)}`);
    if (leftA.coefficient <= SAME_AUDIO || rightB.coefficient <= SAME_AUDIO) {
      // Which parts of the recording went wrong, and whether the box's media clock fell behind.
      const media = (await fx.api.request('GET', '/api/media/status')).body as { ticksSkipped: number };
      console.info(`[calls-audio] recording windows\nleft: ${windowProfile(a, left)}\nright: ${windowProfile(b, right)}\nticksSkipped=${media.ticksSkipped}`);
    }
    expect(recordedSeconds).toBeWithin(talkSeconds - 1, talkSeconds + 0.5);
    expect(leftA.coefficient).toBeGreaterThan(SAME_AUDIO);
    expect(rightB.coefficient).toBeGreaterThan(SAME_AUDIO);
    expect(bestCorrelation(b, left, { maxLagSamples: 2 * SECOND }).coefficient).toBeLessThan(UNRELATED);

    const listed = await fx.api.request('GET', '/api/recordings');
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const recordings = (listed.body as { items: { id: number; caller: string; callee: string }[] }).items;
    expect(recordings.find((r) => r.id === cdr.recording)).toMatchObject({ caller: '1001', callee: '1002' });
  }, 20_000);

  test('hold plays music on hold to the held phone, and resume brings the caller back', async () => {
    const a = alice.signal as Int16Array;
    const eventsMark = fx.events.mark();
    const { upAt } = await call(alice, bob);
    await fx.events.waitFor('call.answered', { since: eventsMark });
    await Bun.sleep(1500);

    await alice.hold();
    const held = await fx.events.waitFor('call.hold', { since: eventsMark, match: { held: true } });
    expect(held.data).toMatchObject({ extension: '1001', held: true });
    const heldAt = Date.now();
    await Bun.sleep(2500);
    await alice.resume();
    await fx.events.waitFor('call.hold', { since: eventsMark, match: { held: false } });
    const resumedAt = Date.now();
    await Bun.sleep(2500);
    const bobMark = bob.mark();
    await alice.hangup();
    const endAt = Date.now();
    await bob.waitForEvent('CALL_CLOSED', { since: bobMark });
    await fx.endedCdr(eventsMark);

    // The heard recording starts with the call's audio: cut it by the times the events came, with margins.
    const heard = readWavMono(await bob.heardRecording(), TEST_SAMPLE_RATE).samples;
    const at = (t: number) => Math.max(0, Math.round(((t - upAt) / 1000) * SECOND));
    const margin = Math.round(0.4 * SECOND);
    const cut = (from: number, to: number) => ({ start: from, samples: heard.subarray(from, Math.min(heard.length, to)) });
    const beforeCut = cut(margin, at(heldAt) - margin);
    const holdCut = cut(at(heldAt) + margin, at(resumedAt) - margin);
    const resumedCut = cut(at(resumedAt) + margin, at(endAt) - margin);
    const [before, onHold, resumed] = [beforeCut.samples, holdCut.samples, resumedCut.samples];
    const rBefore = segmentCorrelation(a, before);
    const rHold = segmentCorrelation(a, onHold);
    const rResumed = segmentCorrelation(a, resumed);
    console.info(
      `[calls-audio] hold: heard ${(heard.length / SECOND).toFixed(2)} s; before r=${rBefore.coefficient.toFixed(3)}, on hold r=${rHold.coefficient.toFixed(3)} rms=${rms(onHold).toFixed(0)}, resumed r=${rResumed.coefficient.toFixed(3)}`,
    );
    expect(onHold.length).toBeGreaterThan(1.2 * SECOND);
    expect(resumed.length).toBeGreaterThan(1.2 * SECOND);
    expect(rBefore.coefficient).toBeGreaterThan(SAME_AUDIO);
    // Music on hold: sound, but not the caller.
    expect(rms(onHold)).toBeGreaterThan(100);
    expect(activeSeconds(onHold)).toBeGreaterThan(0.5 * (onHold.length / SECOND));
    expect(rHold.coefficient).toBeLessThan(UNRELATED);
    expect(rResumed.coefficient).toBeGreaterThan(SAME_AUDIO);
    // The caller kept talking through the hold: the resumed audio is A from later on, at the same delay
    // (a segment starting at s matches A with lag = delay - s).
    const delayBefore = rBefore.lag + beforeCut.start;
    const delayResumed = rResumed.lag + resumedCut.start;
    expect(Math.abs(delayResumed - delayBefore)).toBeLessThan(0.25 * SECOND);
  }, 25_000);
});
