/**
 * In-band DTMF detection cost: µs of one core per 20 ms frame (160 samples
 * at 8 kHz) pushed through `InbandDtmfDetector`, for silence, speech-like
 * audio and key tones, with and without the dial-tone filter, and spread
 * over many detectors at once (one per call, as the media Worker holds
 * them) so cache misses count. Also how many calls one core could watch.
 * Figures are printed, never asserted.
 *
 *   node_modules/.bin/bun tests/bench/dsp-dtmf.ts
 */
import { generateDtmf, InbandDtmfDetector, type InbandDtmfOptions, openSpandsp, type SpandspLibrary } from '../../appliance/src/dsp/index.ts';
import { speechLike, whiteNoise } from '../../appliance/src/dsp/test-signals.ts';

const FRAME = 160;
const FRAME_US = 20_000;
/** Frames pushed per case, whatever the number of detectors: 10 s of audio for 1000 calls by default. */
const PUSHES = Number(process.env.BENCH_DSP_PUSHES ?? 500_000);

interface Case {
  name: string;
  signal: Int16Array;
  detectors: number;
  options?: InbandDtmfOptions;
}

/** µs per frame, pushing `signal` frame by frame to every one of `detectors` detectors in turn (as each media tick does). */
function measure(spandsp: SpandspLibrary, c: Case): { usPerFrame: number; keys: number } {
  const detectors = Array.from({ length: c.detectors }, () => new InbandDtmfDetector(spandsp, c.options));
  const frames = Math.floor(c.signal.length / FRAME);
  const rounds = Math.max(1, Math.ceil(PUSHES / c.detectors));
  const run = (count: number) => {
    let keys = 0;
    for (let r = 0; r < count; r++) {
      const frame = c.signal.subarray((r % frames) * FRAME, ((r % frames) + 1) * FRAME);
      for (const d of detectors) keys += d.push(frame).length;
    }
    return keys;
  };
  // Warm-up: a key-bearing frame takes a path (string building) that silence never reaches.
  run(Math.max(frames, Math.ceil(10_000 / c.detectors)));
  const t0 = Bun.nanoseconds();
  const keys = run(rounds);
  const elapsedUs = (Bun.nanoseconds() - t0) / 1000;
  for (const d of detectors) d.close();
  return { usPerFrame: elapsedUs / (rounds * c.detectors), keys };
}

export function benchDspDtmf(): void {
  const spandsp = openSpandsp();
  const keys = generateDtmf(spandsp, '0123456789*#ABCD', { toneMs: 80, gapMs: 80 });
  const cases: Case[] = [
    { name: 'silence', signal: new Int16Array(FRAME * 50), detectors: 1 },
    { name: 'speech-like', signal: speechLike(4000, -15), detectors: 1 },
    { name: 'white noise', signal: whiteNoise(4000, -20), detectors: 1 },
    { name: 'DTMF keys', signal: keys, detectors: 1 },
    { name: 'speech-like, dial-tone filter', signal: speechLike(4000, -15), detectors: 1, options: { filterDialtone: true } },
    { name: 'speech-like, 500 detectors', signal: speechLike(4000, -15), detectors: 500 },
    { name: 'DTMF keys, 500 detectors', signal: keys, detectors: 500 },
  ];
  console.log(`in-band DTMF detection (spandsp via bun:ffi), ${FRAME}-sample frames:`);
  for (const c of cases) {
    const { usPerFrame, keys: found } = measure(spandsp, c);
    const perCore = Math.floor(FRAME_US / usPerFrame);
    console.log(
      `  ${c.name.padEnd(32)} ${usPerFrame.toFixed(2).padStart(7)} µs/frame  ${((100 * usPerFrame) / FRAME_US).toFixed(3).padStart(6)}% of a core per call  ≈ ${perCore} calls per core  (${found} keys seen)`,
    );
  }
  spandsp.close();
}

if (import.meta.main) benchDspDtmf();
