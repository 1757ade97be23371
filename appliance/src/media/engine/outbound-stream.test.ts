import { describe, expect, test } from 'bun:test';
import { OutboundStream } from './outbound-stream.ts';

function packet(seq: number, ts: number, ssrc: number, marker = false): Uint8Array {
  const buf = new Uint8Array(172);
  const view = new DataView(buf.buffer);
  buf[0] = 0x80;
  buf[1] = (marker ? 0x80 : 0) | 8;
  view.setUint16(2, seq);
  view.setUint32(4, ts);
  view.setUint32(8, ssrc);
  return buf;
}

const header = (buf: Uint8Array) => {
  const view = new DataView(buf.buffer);
  return { marker: (buf[1] as number) >> 7, seq: view.getUint16(2), ts: view.getUint32(4), ssrc: view.getUint32(8) };
};

function relay(stream: OutboundStream, seq: number, ts: number, ssrc: number, now: number) {
  const buf = packet(seq, ts, ssrc);
  stream.relay(buf, seq, ts, ssrc, 160, now);
  return header(buf);
}

describe('OutboundStream', () => {
  test('relayed packets carry the box SSRC and continuous numbering from its own start', () => {
    const stream = new OutboundStream(0xdeadbeef, 1000, 50_000);
    const first = relay(stream, 40_000, 9_999_000, 77, 0);
    const second = relay(stream, 40_001, 9_999_160, 77, 20);
    expect(first).toEqual({ marker: 1, seq: 1000, ts: 50_160, ssrc: 0xdeadbeef });
    expect(second).toEqual({ marker: 0, seq: 1001, ts: 50_320, ssrc: 0xdeadbeef });
  });

  test('a new source SSRC (a transfer) continues the sequence and the clock, with a marker', () => {
    const stream = new OutboundStream(1, 10, 0);
    relay(stream, 500, 8000, 7, 0);
    relay(stream, 501, 8160, 7, 20);
    const switched = relay(stream, 3, 123_456, 9, 120);
    expect(switched.seq).toBe(12);
    expect(switched.ts).toBe(8160 - 8000 + 160 + 800);
    expect(switched.marker).toBe(1);
  });

  test('reordered packets keep their own numbers and do not move the stream back', () => {
    const stream = new OutboundStream(1, 0, 0);
    relay(stream, 100, 1000, 5, 0);
    relay(stream, 102, 1320, 5, 40);
    const late = relay(stream, 101, 1160, 5, 45);
    expect(late.seq).toBe(1);
    const next = relay(stream, 103, 1480, 5, 60);
    expect(next.seq).toBe(3);
  });

  test('sequence numbers wrap at 65536', () => {
    const stream = new OutboundStream(1, 65_535, 0);
    expect(relay(stream, 0, 0, 5, 0).seq).toBe(65_535);
    expect(relay(stream, 1, 160, 5, 20).seq).toBe(0);
  });

  test('generated frames follow relayed ones without a gap in sequence and a wall-clock gap in time', () => {
    const stream = new OutboundStream(1, 0, 0);
    relay(stream, 10, 1600, 5, 0);
    const buf = packet(0, 0, 0);
    stream.generate(buf, 160, 160, 1000);
    const generated = header(buf);
    expect(generated.seq).toBe(1);
    expect(generated.ts).toBe(160 + 8000);
    expect(generated.marker).toBe(1);
    stream.generate(buf, 160, 160, 1020);
    expect(header(buf).ts).toBe(160 + 8000 + 160);
    // Back to relaying after rebase(): continues from the generated stream.
    stream.rebase();
    const back = relay(stream, 11, 1760, 5, 1040);
    expect(back.seq).toBe(3);
    expect(back.ts).toBe(160 + 8000 + 160 + 160);
    expect(stream.packets).toBe(4);
  });
});
