import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { g711Codec } from '../codec/index.ts';
import { dtmfPackets } from '../dtmf/index.ts';
import {
  type EngineHarness,
  LOOPBACK,
  RtpPeer,
  sequenceSteps,
  sine,
  startEngine,
  streamConfig,
  type TestEndpoint,
  waitFor,
} from './engine-test-support.ts';
import type { StreamConfig } from './media-types.ts';

let h: EngineHarness;
const peers: RtpPeer[] = [];

beforeEach(() => {
  h = startEngine({ min: 42000, max: 42199 });
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.close();
  await h.close();
});

async function peer(): Promise<RtpPeer> {
  const p = await RtpPeer.open();
  peers.push(p);
  return p;
}

/** Two endpoints, each configured towards its own peer unless told otherwise, bridged. */
async function bridgedPair(configs: { a?: StreamConfig; b?: StreamConfig } = {}) {
  const [pa, pb] = [await peer(), await peer()];
  const [a, b] = [await h.endpoint(), await h.endpoint()];
  await h.engine.configure(a.id, configs.a ?? streamConfig(pa));
  await h.engine.configure(b.id, configs.b ?? streamConfig(pb));
  await h.engine.bridge(a.id, b.id);
  return { a, b, pa, pb };
}

const filled = (value: number) => new Uint8Array(160).fill(value);
const pcmu = { payloadType: 0 };
const settle = () => Bun.sleep(60);

async function rejected(endpoint: TestEndpoint): Promise<number> {
  return (await h.engine.stats(endpoint.id))?.rejected ?? -1;
}

describe('bridge', () => {
  test('relays A→B with the payload unchanged, under B’s own SSRC, with continuous sequence numbers and timestamps', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    // 40 packets from sequence 65500: the peer's numbering wraps on the way.
    for (let i = 0; i < 40; i++) pa.send(a.port, filled(i), pcmu);
    expect(await waitFor(() => pb.received.length === 40)).toBe(true);
    const got = pb.received;
    expect(got.map((p) => p.payload[0])).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(got.every((p, i) => p.payload.every((byte) => byte === i) && p.payload.length === 160)).toBe(true);
    expect(new Set(got.map((p) => p.ssrc))).toEqual(new Set([b.ssrc]));
    expect(sequenceSteps(got)).toEqual(Array(39).fill(1));
    expect(got.slice(1).map((p, i) => (p.timestamp - (got[i]?.timestamp ?? 0)) >>> 0)).toEqual(Array(39).fill(160));
    expect(got.map((p) => p.payloadType)).toEqual(Array(40).fill(0));
    // A new source for B's stream starts a talkspurt (RFC 3551 §4.1).
    expect(got[0]?.marker).toBe(true);
    expect(got.slice(1).some((p) => p.marker)).toBe(false);
  });

  test('relays B→A the same way, under A’s SSRC', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    for (let i = 0; i < 10; i++) pb.send(b.port, filled(100 + i), pcmu);
    expect(await waitFor(() => pa.received.length === 10)).toBe(true);
    expect(pa.received.map((p) => p.payload[0])).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    expect(new Set(pa.received.map((p) => p.ssrc))).toEqual(new Set([a.ssrc]));
    expect(sequenceSteps(pa.received)).toEqual(Array(9).fill(1));
    expect(a.ssrc).not.toBe(b.ssrc);
  });

  test('unbridge stops forwarding in both directions; the legs still receive', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    expect((await h.engine.engineStats()).bridges).toBe(1);

    await h.engine.unbridge(a.id);
    for (let i = 0; i < 3; i++) {
      pa.send(a.port, filled(2), pcmu);
      pb.send(b.port, filled(3), pcmu);
    }
    expect(await waitFor(async () => ((await h.engine.stats(b.id))?.received ?? 0) >= 3)).toBe(true);
    await settle();
    expect(pb.received.length).toBe(1);
    expect(pa.received.length).toBe(0);
    expect((await h.engine.stats(a.id))?.received).toBe(4);
    expect((await h.engine.engineStats()).bridges).toBe(0);
  });
});

describe('symmetric RTP latching (RFC 4961)', () => {
  test('latches to the first source, sends there instead of the SDP address, and rejects a third source', async () => {
    const decoy = await peer();
    const intruder = await peer();
    const { a, b, pa, pb } = await bridgedPair({ a: streamConfig(decoy) });

    pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(() => h.events.some((e) => e.type === 'latched'))).toBe(true);
    expect(h.events).toContainEqual({ type: 'latched', endpoint: a.id, address: LOOPBACK, port: pa.port });
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);

    for (let i = 0; i < 5; i++) pb.send(b.port, filled(2), pcmu);
    expect(await waitFor(() => pa.received.length === 5)).toBe(true);

    for (let i = 0; i < 5; i++) intruder.send(a.port, filled(9), pcmu);
    expect(await waitFor(async () => (await rejected(a)) === 5)).toBe(true);
    pa.send(a.port, filled(3), pcmu);
    expect(await waitFor(() => pb.received.length === 2)).toBe(true);
    await settle();
    expect(pb.received.map((p) => p.payload[0])).toEqual([1, 3]);
    expect(decoy.received).toEqual([]);
    expect(intruder.received).toEqual([]);
    expect(h.events.filter((e) => e.type === 'latched')).toHaveLength(1);
  });

  test('a datagram that is not RTP neither latches the endpoint nor is relayed', async () => {
    const intruder = await peer();
    const { a, b, pa, pb } = await bridgedPair({ a: streamConfig(null) });
    intruder.sendRaw(new Uint8Array([0x00, 0x01, 0x00, 0x00]), a.port);
    expect(await waitFor(async () => (await rejected(a)) === 1)).toBe(true);
    pa.send(a.port, filled(7), pcmu);
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    expect(h.events.filter((e) => e.type === 'latched')).toEqual([{ type: 'latched', endpoint: a.id, address: LOOPBACK, port: pa.port }]);
    pb.send(b.port, filled(8), pcmu);
    expect(await waitFor(() => pa.received.length === 1)).toBe(true);
    expect(intruder.received).toEqual([]);
  });

  test('configure() again forgets the latch: a phone that moved is followed', async () => {
    const moved = await peer();
    const { a, pa, pb } = await bridgedPair();
    pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    await h.engine.configure(a.id, streamConfig(pa));
    moved.send(a.port, filled(2), pcmu);
    expect(await waitFor(() => pb.received.length === 2)).toBe(true);
    expect(h.events).toContainEqual({ type: 'latched', endpoint: a.id, address: LOOPBACK, port: moved.port });
  });
});

describe('G.711 transcoding between legs that settled on different laws', () => {
  /** Same signal within G.711 quantisation (a segment step is at most 1/16 of the value, plus the smallest steps). */
  const close = (x: Int16Array, y: Int16Array) => x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] as number)) <= 64 + Math.abs(v) / 10);

  test('PCMA from A reaches a PCMU leg as µ-law with payload type 0, and µ-law back as A-law with 8', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    await h.engine.configure(a.id, streamConfig(pa, 'PCMA'));
    const signal = sine(700, 160, 12_000);
    const alaw = new Uint8Array(160);
    g711Codec('PCMA').encode(signal, alaw);
    pa.send(a.port, alaw, { payloadType: 8 });
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    const atB = pb.received[0];
    expect(atB?.payloadType).toBe(0);
    expect(atB?.payload).not.toEqual(alaw);
    const sent = new Int16Array(160);
    const heard = new Int16Array(160);
    g711Codec('PCMA').decode(alaw, sent);
    g711Codec('PCMU').decode(atB?.payload ?? new Uint8Array(0), heard);
    expect(close(sent, heard)).toBe(true);

    const ulaw = new Uint8Array(160);
    g711Codec('PCMU').encode(signal, ulaw);
    pb.send(b.port, ulaw, pcmu);
    expect(await waitFor(() => pa.received.length === 1)).toBe(true);
    const atA = pa.received[0];
    expect(atA?.payloadType).toBe(8);
    g711Codec('PCMU').decode(ulaw, sent);
    g711Codec('PCMA').decode(atA?.payload ?? new Uint8Array(0), heard);
    expect(close(sent, heard)).toBe(true);
  });

  test('silence stays silence across the laws', async () => {
    const { a, pa, pb } = await bridgedPair();
    await h.engine.configure(a.id, streamConfig(pa, 'PCMA'));
    pa.send(a.port, filled(0xd5), { payloadType: 8 });
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    expect(pb.decoded('PCMU').every((s) => Math.abs(s) <= 8)).toBe(true);
  });
});

describe('RFC 4733 telephone-events across a bridge', () => {
  test('each key press from A is one dtmf event and reaches B unchanged under B’s payload type', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    // Reconfigure with different telephone-event payload types per leg.
    await h.engine.configure(a.id, streamConfig(pa, 'PCMU', 101));
    await h.engine.configure(b.id, streamConfig(pb, 'PCMU', 96));
    const presses = ['7', '3'].map((digit) => dtmfPackets(digit, { durationMs: 100 }));
    const start = pa.now;
    presses.forEach((packets, press) => {
      for (const p of packets) pa.send(a.port, p.payload, { payloadType: 101, marker: p.marker, timestamp: start + press * 1600 }, 0);
    });
    const total = presses.flat().length;
    expect(await waitFor(() => pb.received.length === total)).toBe(true);
    expect(h.events.filter((e) => e.type === 'dtmf')).toEqual([
      { type: 'dtmf', endpoint: a.id, digit: '7', durationMs: 100 },
      { type: 'dtmf', endpoint: a.id, digit: '3', durationMs: 100 },
    ]);
    const got = pb.received;
    expect(got.every((p) => p.payloadType === 96 && p.ssrc === b.ssrc)).toBe(true);
    expect(got.map((p) => [...p.payload])).toEqual(presses.flat().map((p) => [...p.payload]));
    const first = presses[0]?.length ?? 0;
    expect(new Set(got.slice(0, first).map((p) => p.timestamp)).size).toBe(1);
    expect(new Set(got.slice(first).map((p) => p.timestamp)).size).toBe(1);
    expect(((got[first]?.timestamp ?? 0) - (got[0]?.timestamp ?? 0)) >>> 0).toBe(1600);
    expect(sequenceSteps(got)).toEqual(Array(total - 1).fill(1));
  });

  test('events are still reported when B did not negotiate telephone-event, but not forwarded', async () => {
    const { a, b, pa, pb } = await bridgedPair();
    await h.engine.configure(b.id, streamConfig(pb, 'PCMU', null));
    const start = pa.now;
    for (const p of dtmfPackets('#', { durationMs: 60 })) pa.send(a.port, p.payload, { payloadType: 101, marker: p.marker, timestamp: start }, 0);
    expect(await waitFor(() => h.events.some((e) => e.type === 'dtmf'))).toBe(true);
    await settle();
    expect(h.events.filter((e) => e.type === 'dtmf')).toEqual([{ type: 'dtmf', endpoint: a.id, digit: '#', durationMs: 60 }]);
    expect(pb.received).toEqual([]);
  });
});

describe('endpoint lifetime', () => {
  test('destroy() gives the port back to the pool and closes it: a packet sent there reaches nothing', async () => {
    const pa = await peer();
    const a = await h.endpoint();
    await h.engine.configure(a.id, streamConfig(pa));
    expect(h.ports.inUse).toBe(1);
    await h.engine.destroy(a.id);
    expect(h.ports.inUse).toBe(0);
    expect(await h.engine.stats(a.id)).toBeNull();
    const before = await h.engine.engineStats();
    expect(before.endpoints).toBe(0);

    // Nothing listens: the kernel answers with ICMP port unreachable.
    pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(() => pa.errors.length > 0)).toBe(true);
    expect(pa.errors[0]).toBe('ECONNREFUSED');
    await settle();
    expect((await h.engine.engineStats()).packetsIn).toBe(before.packetsIn);
    // The kernel no longer holds either port for the engine: both bind again.
    const rtp = await Bun.udpSocket({ hostname: LOOPBACK, port: a.port });
    const rtcp = await Bun.udpSocket({ hostname: LOOPBACK, port: a.port + 1 });
    expect([rtp.port, rtcp.port]).toEqual([a.port, a.port + 1]);
    rtp.close();
    rtcp.close();
  });

  test('calls on a destroyed endpoint fail with no_endpoint', async () => {
    const a = await h.endpoint();
    await h.engine.destroy(a.id);
    await expect(h.engine.configure(a.id, streamConfig(null))).rejects.toMatchObject({ reason: 'no_endpoint' });
    await expect(h.engine.bridge(a.id, a.id + 1)).rejects.toMatchObject({ reason: 'no_endpoint' });
  });
});

describe('packets the engine must not accept', () => {
  test('a flood of 20,000 packets from a foreign source to a latched endpoint is rejected and counted, and nothing is forwarded', async () => {
    const intruder = await peer();
    const { a, b, pa, pb } = await bridgedPair();
    pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(() => pb.received.length === 1)).toBe(true);
    const before = await h.engine.engineStats();

    const packet = new Uint8Array(172);
    packet.set([0x80, 0x00, 0, 0, 0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef]);
    // In bursts the socket buffer holds, each drained before the next, so every packet reaches the engine.
    const burst = 100;
    for (let sent = 0; sent < 20_000; sent += burst) {
      for (let i = 0; i < burst; i++) {
        packet[3] = i;
        intruder.sendRaw(packet, a.port);
      }
      await waitFor(async () => (await rejected(a)) >= sent + burst, 2000, 1);
    }

    const stats = await h.engine.stats(a.id);
    expect(stats?.rejected).toBe(20_000);
    expect(stats?.received).toBe(1);
    const after = await h.engine.engineStats();
    expect(after.packetsRejected - before.packetsRejected).toBe(20_000);
    expect(after.packetsIn - before.packetsIn).toBe(20_000);
    expect(after.packetsOut).toBe(before.packetsOut);
    expect((await h.engine.stats(b.id))?.sent).toBe(1);
    await settle();
    expect(pb.received).toHaveLength(1);
    expect(intruder.received).toEqual([]);
  });

  test('packets to an endpoint with no stream configured yet are rejected', async () => {
    const pa = await peer();
    const a = await h.endpoint();
    for (let i = 0; i < 50; i++) pa.send(a.port, filled(1), pcmu);
    expect(await waitFor(async () => (await rejected(a)) === 50)).toBe(true);
    expect((await h.engine.engineStats()).packetsRejected).toBe(50);
    expect(h.events).toEqual([]);
  });
});
