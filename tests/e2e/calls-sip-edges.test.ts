/**
 * The edges of SIP at the box, from a scripted phone (1001) that sends what
 * baresip never would, with baresip as 1002 on the other side:
 *  - Max-Forwards 0 → 483, an INVITE whose top Via is the box → 482, a
 *    request in no known dialog → 481; none of them leaves a call;
 *  - an INVITE without SDP (RFC 3261 §13.2.1): the box offers in its 200
 *    and takes the answer from the ACK; with no answer there it ends the call;
 *  - key presses by SIP INFO (dtmf-relay and dtmf) and RFC 4733: one
 *    call.dtmf event per press;
 *  - in-dialog OPTIONS, a method the box does not do (405 with Allow), a
 *    CSeq lower than one already seen (500), then a proper BYE;
 *  - the echo test (*43): the box sends the caller's own packets back,
 *    payload for payload, from its port and under its own SSRC, from the
 *    first packet on: the loop must be in place when the 200 goes out.
 * Skipped where baresip is not installed, except under CI=true.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { baresipAvailable } from '../support/baresip.ts';
import { type CallFixture, type Phone, SECRETS, startCallFixture } from '../support/call-fixture.ts';
import { pickPayloadType, readRtp, RtpStream, sdpMedia } from '../support/scripted-media.ts';
import { ScriptedUa, type UaDialog } from '../support/scripted-ua.ts';
import { info, inviteWith, requestInNoDialog, withCSeq } from '../support/scripted-ua-requests.ts';

const CI = process.env.CI === 'true';
const HOST = '127.0.0.1';

let fx: CallFixture;
let ua: ScriptedUa;
let bob: Phone;

const liveCalls = async () => ((await fx.api.request('GET', '/api/calls')).body as { items: { id: string }[] }).items;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The box's media port and telephone-event payload type for `dialog`, from the SDP it sent. */
function boxMedia(dialog: UaDialog) {
  const media = sdpMedia(dialog.remoteSdp);
  expect(media.port).toBeGreaterThanOrEqual(39000);
  expect(media.port).toBeLessThanOrEqual(39999);
  return media;
}

/** 160 bytes that say which packet they are (index in the first two) and differ everywhere else too. */
function patternPayload(index: number): Uint8Array {
  const payload = new Uint8Array(160);
  for (let i = 0; i < payload.length; i++) payload[i] = (index * 37 + i * 11 + 0x5a) & 0xff;
  payload[0] = index >> 8;
  payload[1] = index & 0xff;
  return payload;
}

describe.skipIf(!baresipAvailable() && !CI)('SIP edge cases at the box', () => {
  beforeAll(async () => {
    if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
    fx = await startCallFixture({ rtpPorts: '39000-39999' });
    [ua, bob] = await Promise.all([
      ScriptedUa.start({ extension: '1001', secret: SECRETS['1001'] as string, boxPort: fx.box.sipPort }),
      fx.phone({ extension: '1002', autoAnswer: true, signalSeed: 602 }),
    ]);
    expect(await ua.register()).toBe(200);
  }, 30_000);

  // A call a failed test left up would make 1002 busy for the next one.
  afterEach(async () => {
    const mark = fx.events.mark();
    const left = await liveCalls();
    await Promise.all(
      left.map(async (c) => {
        await fx.api.request('POST', `/api/calls/${c.id}/hangup`);
        await fx.events.waitFor('call.ended', { since: mark, match: { call_id: c.id } });
      }),
    );
  }, 15_000);

  afterAll(async () => {
    ua?.close();
    await fx?.close();
  }, 20_000);

  test('Max-Forwards 0 gets 483 and an INVITE whose top Via is the box gets 482; neither leaves a call', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    const tooManyHops = await inviteWith(ua, { number: '1002', maxForwards: '0' });
    expect(tooManyHops.status).toBe(483);
    // rport: the response comes back to this socket, not to the box's own port named in the Via.
    const loop = await inviteWith(ua, { number: '1002', viaSentBy: `${HOST}:${fx.box.sipPort}` });
    expect(loop.status).toBe(482);
    expect(await liveCalls()).toEqual([]);
    expect(fx.events.all(mark).filter((e) => e.name.startsWith('call.'))).toEqual([]);
    expect(bob.events().slice(bobMark).filter((e) => e.type === 'CALL_INCOMING')).toEqual([]);
  });

  test('a BYE in a dialog the box does not know gets 481', async () => {
    const response = await requestInNoDialog(ua, 'BYE');
    expect(response.status).toBe(481);
    expect(await liveCalls()).toEqual([]);
  });

  test('an INVITE without SDP: the box offers in its 200 and sets up media from the answer in the ACK', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    let fromBoxBeforeAck = -1;
    let offerPort = 0;
    const dialog = await ua.call('1002', {
      offer: false,
      beforeAck: (ok) => {
        offerPort = sdpMedia(text(ok.body)).port;
        fromBoxBeforeAck = ua.rtp.received.filter((p) => p.port === offerPort).length;
      },
    });
    // The 200 carries an offer: an audio line with G.711 and telephone-event for us to choose from.
    expect(dialog.remoteSdp).toMatch(/^c=IN IP4 \S+/m);
    expect(dialog.remoteSdp).toMatch(/^a=rtpmap:(0 PCMU|8 PCMA)\/8000/m);
    expect(sdpMedia(dialog.remoteSdp).telephoneEvent).not.toBeNull();
    const { port } = boxMedia(dialog);
    expect(port).toBe(offerPort);
    // Until the ACK the box has no address to send to.
    expect(fromBoxBeforeAck).toBe(0);
    await bob.waitForEvent('CALL_ESTABLISHED', { since: bobMark });
    await fx.events.waitFor('call.answered', { since: mark, match: { from: '1001', agent: '1002' } });
    // 1002's audio reaches us from the port the box offered: it configured the leg from the ACK.
    await ua.rtp.until((r) => r.filter((p) => p.port === port).length >= 25, { timeoutMs: 5000, what: '25 RTP packets from the box' });

    expect((await ua.bye(dialog)).status).toBe(200);
    await bob.waitForEvent('CALL_CLOSED', { since: bobMark });
    const cdr = await fx.endedCdr(mark);
    expect(cdr).toMatchObject({ call_id: dialog.callId, from: '1001', to: '1002', disposition: 'answered', agent: '1002', hangup_cause: 'caller_hangup' });
  }, 20_000);

  test('an INVITE without SDP whose ACK has no answer: the box ends the call, BYE to both sides', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    const since = ua.requests.length;
    const dialog = await ua.call('1002', { offer: false, answerInAck: false });
    const bye = await ua.nextRequest('BYE', { since });
    expect(bye.callId()).toBe(dialog.callId);
    expect(bye.fromTag()).toBe(dialog.remoteTag);
    await bob.waitForEvent('CALL_CLOSED', { since: bobMark });
    const cdr = await fx.endedCdr(mark);
    expect(cdr).toMatchObject({ call_id: dialog.callId, from: '1001', to: '1002', hangup_cause: 'no_answer_in_ack' });
    expect(await liveCalls()).toEqual([]);
  }, 20_000);

  test('key presses by SIP INFO and by RFC 4733 each give one call.dtmf event', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    const dialog = await ua.call('1002');
    await bob.waitForEvent('CALL_ESTABLISHED', { since: bobMark });
    await fx.events.waitFor('call.answered', { since: mark, match: { from: '1001' } });

    const relay = await info(ua, dialog, 'application/dtmf-relay', 'Signal=5\r\nDuration=160');
    expect(relay.status).toBe(200);
    await fx.events.waitFor('call.dtmf', { since: mark, match: { digit: '5', extension: '1001' } });
    const plain = await info(ua, dialog, 'application/dtmf', '#');
    expect(plain.status).toBe(200);
    await fx.events.waitFor('call.dtmf', { since: mark, match: { digit: '#', extension: '1001' } });

    // RFC 4733 from the media port named in our SDP to the box's; a second press ('1') marks when
    // everything the first could have produced has been reported.
    const media = boxMedia(dialog);
    const stream = new RtpStream(ua.rtp, { host: HOST, port: media.port }, { ssrc: 0x4d2e7a01, payloadType: dialog.payloadType });
    const rtpMark = fx.events.mark();
    for (let i = 0; i < 5; i++) {
      stream.audio(patternPayload(i));
      await Bun.sleep(20);
    }
    await stream.key('7', { payloadType: media.telephoneEvent as number });
    await stream.key('1', { payloadType: media.telephoneEvent as number });
    await fx.events.waitFor('call.dtmf', { since: rtpMark, match: { digit: '1' } });
    const pressed = fx.events.all(rtpMark).filter((e) => e.name === 'call.dtmf');
    expect(pressed.map((e) => [e.data.digit, e.data.extension])).toEqual([
      ['7', '1001'],
      ['1', '1001'],
    ]);
    const infoPressed = fx.events.all(mark).filter((e) => e.name === 'call.dtmf' && (e.data.digit === '5' || e.data.digit === '#'));
    expect(infoPressed.map((e) => e.data.digit)).toEqual(['5', '#']);

    expect((await ua.bye(dialog)).status).toBe(200);
    await fx.events.waitFor('call.ended', { since: mark });
  }, 20_000);

  test('in a dialog: OPTIONS 200, an unknown method 405 with Allow, a stale CSeq 500, then BYE 200', async () => {
    const mark = fx.events.mark();
    const bobMark = bob.mark();
    const dialog = await ua.call('1002');
    await bob.waitForEvent('CALL_ESTABLISHED', { since: bobMark });

    const options = await ua.sendInDialog(dialog, 'OPTIONS', []);
    expect(options.status).toBe(200);
    expect(options.toTag()).toBe(dialog.remoteTag);
    const seen = dialog.cseq;

    const message = await ua.sendInDialog(dialog, 'MESSAGE', [['Content-Type', 'text/plain']], 'hello');
    expect(message.status).toBe(405);
    expect(message.toTag()).toBe(dialog.remoteTag);
    const allow = (message.get('allow') ?? '').split(',').map((m) => m.trim());
    expect(allow).toEqual(expect.arrayContaining(['INVITE', 'ACK', 'BYE', 'OPTIONS']));
    expect(allow).not.toContain('MESSAGE');

    const stale = await withCSeq(ua, dialog, 'BYE', seen - 1);
    expect(stale.status).toBe(500);
    expect(stale.toTag()).toBe(dialog.remoteTag);
    // The stale BYE ended nothing.
    expect((await liveCalls()).length).toBe(1);
    expect(bob.events().slice(bobMark).some((e) => e.type === 'CALL_CLOSED')).toBe(false);

    expect((await ua.bye(dialog)).status).toBe(200);
    await bob.waitForEvent('CALL_CLOSED', { since: bobMark });
    const cdr = await fx.endedCdr(mark);
    expect(cdr).toMatchObject({ call_id: dialog.callId, from: '1001', to: '1002', disposition: 'answered', hangup_cause: 'caller_hangup' });
  }, 20_000);

  test('echo test (*43): the caller gets its own packets back, same payloads in order, from the box port under the box SSRC', async () => {
    const mark = fx.events.mark();
    const ssrc = 0x1a2b3c4d;
    const start = ua.rtp.received.length;
    const sent: string[] = [];
    let stream: RtpStream | undefined;
    const send = (index: number) => sent.push(hex(readRtp((stream as RtpStream).audio(patternPayload(index)))?.payload ?? new Uint8Array()));
    // Like a phone, the caller starts sending as soon as the 200 (the answer) is there.
    const dialog = await ua.call('*43', {
      beforeAck: (ok) => {
        stream = new RtpStream(ua.rtp, { host: HOST, port: sdpMedia(text(ok.body)).port }, { ssrc, payloadType: pickPayloadType(text(ok.body)) });
        send(0);
      },
    });
    const media = boxMedia(dialog);
    for (let i = 1; i < 50; i++) {
      await Bun.sleep(20);
      send(i);
    }
    const last = sent.at(-1);
    await ua.rtp.until((r) => r.slice(start).some((p) => hex(readRtp(p.bytes)?.payload ?? new Uint8Array()) === last), {
      timeoutMs: 3000,
      what: 'the last packet echoed',
    });
    const back = ua.rtp.received.slice(start).map((p) => ({ port: p.port, address: p.address, rtp: readRtp(p.bytes) }));
    expect(back.map((p) => hex(p.rtp?.payload ?? new Uint8Array()))).toEqual(sent);
    expect(new Set(back.map((p) => `${p.address}:${p.port}`))).toEqual(new Set([`${HOST}:${media.port}`]));
    expect(new Set(back.map((p) => p.rtp?.payloadType))).toEqual(new Set([dialog.payloadType]));
    const ssrcs = new Set(back.map((p) => p.rtp?.ssrc));
    expect(ssrcs.size).toBe(1);
    expect(ssrcs.has(ssrc)).toBe(false);

    expect((await ua.bye(dialog)).status).toBe(200);
    const cdr = await fx.endedCdr(mark);
    expect(cdr).toMatchObject({ call_id: dialog.callId, from: '1001', to: '*43', disposition: 'answered', hangup_cause: 'caller_hangup' });
  }, 20_000);

  // RFC 3264 §6: once it has sent the answer, the answerer must be ready to receive (and here return) media.
  // The race is short, so a single call rarely shows it: 20 calls each send their first packet on the 200.
  test('echo test (*43): the loop is in place when the 200 goes out, so a packet sent on the 200 comes back', async () => {
    const lostFirst: number[] = [];
    for (let k = 0; k < 20; k++) {
      const start = ua.rtp.received.length;
      let stream: RtpStream | undefined;
      const dialog = await ua.call('*43', {
        beforeAck: (ok) => {
          stream = new RtpStream(ua.rtp, { host: HOST, port: sdpMedia(text(ok.body)).port }, { ssrc: 0x5e000000 + k, payloadType: 8 });
          stream.audio(patternPayload(0));
        },
      });
      await Bun.sleep(20);
      (stream as RtpStream).audio(patternPayload(1));
      const index = (bytes: Uint8Array) => readRtp(bytes)?.payload[1];
      // Packets come back in order: once the second is here, the first has come or never will.
      await ua.rtp.until((r) => r.slice(start).some((p) => index(p.bytes) === 1), { timeoutMs: 2000, what: `call ${k}: the second packet echoed` });
      if (!ua.rtp.received.slice(start).some((p) => index(p.bytes) === 0)) lostFirst.push(k);
      expect((await ua.bye(dialog)).status).toBe(200);
    }
    expect(lostFirst).toEqual([]);
  }, 20_000);
});
