/**
 * Voicemail end to end: 1001 (baresip, speaking a test signal) calls 1002,
 * which is on do-not-disturb; 1002's mailbox is set up, so the box answers,
 * plays the greeting and the beep, and records. The message is then listed
 * and played through the API, and 1002's phone (SIPp on its registered
 * port) gets the RFC 3842 NOTIFY that lights its lamp.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, readWavChannels, startCallFixture } from '../support/call-fixture.ts';
import { sippAvailable } from '../support/sipp.ts';

let f: CallFixture;

beforeAll(async () => {
  f = await startCallFixture({ rtpPorts: '35200-35399' });
}, 60_000);

afterAll(async () => {
  await f?.close();
});

describe.skipIf(!baresipAvailable() || !sippAvailable())('voicemail', () => {
  test('a caller to a busy extension leaves a message: recorded, listed, playable, lamp lit', async () => {
    await f.setFeatures('1002', { dnd: true });
    // Registered before the mailbox is set up, so the only NOTIFY it gets is the one for the new message.
    const lamp = await f.sippCallee({ extension: '1002', scenario: 'mwi-notify-uas.xml', calls: 1 });
    const setUp = await f.api.request('PUT', '/api/voicemail/mailboxes/1002', { enabled: true });
    expect(setUp.status).toBe(200);
    const caller = await f.phone({ extension: '1001', signalSeed: 11, signalSeconds: 60 });
    const mark = f.events.mark();
    const since = caller.mark();
    await caller.dial(caller.dialUri('1002'));
    await caller.waitForEvent('CALL_ESTABLISHED', { since, timeoutMs: 10_000 });
    // The greeting (about nine seconds of speech, the number said digit by digit, and the beep), then the message.
    await Bun.sleep(15_000);
    await caller.hangup();
    const left = await f.events.waitFor('voicemail.message', { since: mark, timeoutMs: 10_000 });
    expect(left.data).toMatchObject({ mailbox: '1002', caller: '1001' });

    const list = (await f.api.request('GET', '/api/voicemail/mailboxes/1002/messages')).body as { items: { id: number; duration_ms: number; state: string }[] };
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item?.state).toBe('new');
    expect(item?.duration_ms).toBeGreaterThan(3000);
    const audio = await fetch(`${f.box.httpUrl}/api/voicemail/messages/${item?.id}/audio`, { headers: { authorization: `Bearer ${f.api.token}` } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const wav = readWavChannels(new Uint8Array(await audio.arrayBuffer()));
    expect(wav.sampleRate).toBe(8000);
    expect(wav.channels).toHaveLength(1);
    const samples = wav.channels[0] as Int16Array;
    const rms = Math.sqrt(samples.reduce((a, v) => a + v * v, 0) / samples.length);
    // The caller's signal, not silence.
    expect(rms).toBeGreaterThan(500);

    const cdr = await f.endedCdr(mark);
    expect(cdr).toMatchObject({ from: '1001', to: '1002', disposition: 'busy' });
    // The lamp: a NOTIFY with Messages-Waiting: yes reached 1002's phone, which then ends its scenario.
    expect((await lamp.result).code).toBe(0);
  }, 60_000);
});
