/**
 * Writes 8 kHz audio as a pcap of PCMU RTP packets (20 ms each), the form
 * SIPp's play_pcap_audio sends: the in-band DTMF a carrier would pass on
 * when a caller's phone sends keys as tones. Layout as in pcap-audio.ts:
 * pcap header | record header | Ethernet | IPv4 | UDP | RTP | payload.
 */
import { writeFileSync } from 'node:fs';
import { encodeUlawSample } from '../../appliance/src/media/codec/index.ts';

const FRAME = 160;

export function writePcmuPcap(path: string, samples: Int16Array): void {
  const frames = Math.ceil(samples.length / FRAME);
  const packetBytes = 14 + 20 + 8 + 12 + FRAME;
  const out = new Uint8Array(24 + frames * (16 + packetBytes));
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  let at = 24;
  for (let f = 0; f < frames; f++) {
    const ms = f * 20;
    v.setUint32(at, Math.floor(ms / 1000), true);
    v.setUint32(at + 4, (ms % 1000) * 1000, true);
    v.setUint32(at + 8, packetBytes, true);
    v.setUint32(at + 12, packetBytes, true);
    at += 16;
    v.setUint16(at + 12, 0x0800); // IPv4
    at += 14;
    out[at] = 0x45;
    v.setUint16(at + 2, 20 + 8 + 12 + FRAME);
    out[at + 8] = 64;
    out[at + 9] = 17; // UDP
    out.set([127, 0, 0, 1], at + 12);
    out.set([127, 0, 0, 1], at + 16);
    at += 20;
    v.setUint16(at, 6000);
    v.setUint16(at + 2, 6002);
    v.setUint16(at + 4, 8 + 12 + FRAME);
    at += 8;
    out[at] = 0x80;
    out[at + 1] = f === 0 ? 0x80 : 0; // marker on the first packet, payload type 0
    v.setUint16(at + 2, f);
    v.setUint32(at + 4, f * FRAME);
    v.setUint32(at + 8, 0x5eed1234);
    at += 12;
    for (let i = 0; i < FRAME; i++) out[at + i] = encodeUlawSample(samples[f * FRAME + i] ?? 0);
    at += FRAME;
  }
  writeFileSync(path, out);
}

/** DTMF key tones (ITU-T Q.23 pairs) with silence around them, 8 kHz. */
export function dtmfTones(keys: string, o: { leadMs?: number; toneMs?: number; gapMs?: number; amplitude?: number } = {}): Int16Array {
  const rows = [697, 770, 852, 941];
  const cols = [1209, 1336, 1477, 1633];
  const layout = ['123A', '456B', '789C', '*0#D'];
  const lead = ((o.leadMs ?? 100) * 8) | 0;
  const tone = ((o.toneMs ?? 120) * 8) | 0;
  const gap = ((o.gapMs ?? 120) * 8) | 0;
  const amplitude = o.amplitude ?? 6000;
  const out = new Int16Array(lead + keys.length * (tone + gap));
  let at = lead;
  for (const key of keys) {
    const row = layout.findIndex((r) => r.includes(key));
    if (row < 0) throw new Error(`not a DTMF key: ${key}`);
    const low = rows[row] as number;
    const high = cols[(layout[row] as string).indexOf(key)] as number;
    for (let i = 0; i < tone; i++) {
      out[at + i] = Math.round(amplitude * (Math.sin((2 * Math.PI * low * i) / 8000) + Math.sin((2 * Math.PI * high * i) / 8000)) / 2);
    }
    at += tone + gap;
  }
  return out;
}
