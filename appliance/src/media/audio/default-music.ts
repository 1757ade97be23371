/**
 * The box's own music on hold until a customer uploads theirs: a slow,
 * quiet pentatonic arpeggio with soft attack and decay, so a held caller
 * knows the line is alive. Generated, so there is no licence to worry about.
 */
import { writeFileSync } from 'node:fs';
import { buildWavHeader } from './wav-format.ts';

const RATE = 8000;
/** C major pentatonic around middle C: pleasant in any order. */
const NOTES_HZ = [261.63, 293.66, 329.63, 392.0, 440.0, 523.25, 440.0, 392.0, 329.63, 293.66];
const NOTE_S = 0.8;
const PEAK = 4000;

export function defaultMusicSamples(): Int16Array {
  const perNote = Math.round(NOTE_S * RATE);
  const out = new Int16Array(perNote * NOTES_HZ.length * 2);
  for (let n = 0; n < NOTES_HZ.length * 2; n++) {
    const f = NOTES_HZ[n % NOTES_HZ.length] as number;
    for (let i = 0; i < perNote; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.05) * Math.exp(-2.5 * t);
      // A soft second harmonic keeps it from sounding like a test tone.
      const v = Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(4 * Math.PI * f * t);
      out[n * perNote + i] = Math.round(PEAK * envelope * v);
    }
  }
  return out;
}

export function writeDefaultMusic(path: string): void {
  const samples = defaultMusicSamples();
  const header = buildWavHeader({ channels: 1, sampleRate: RATE, bitsPerSample: 16, dataBytes: samples.byteLength });
  const file = new Uint8Array(header.length + samples.byteLength);
  file.set(header, 0);
  file.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), header.length);
  writeFileSync(path, file);
}
