/**
 * Media relay capacity: concurrent bridged calls 1001 → 1002 through the
 * box at rising levels (250, 500, 1000, and more while a level holds: loss
 * under 1%, p99 under 50 ms), each call's two G.711 streams (50 pps each
 * way) driven by the shared rtpgen tool at the RTP ports the box gave the legs. Twice: relay only
 * (`recording: { mode: none }`) and with every call recorded (the default,
 * `mode: all`). The calls are set up by SIPp without SIPp media. Baseline in
 * the same run: a bare Bun relay (two UDP sockets per call, forward only).
 * Per level: loss, one-way latency p50/p99/p99.9, the relay's CPU% and RSS,
 * rtpgen's CPU and the whole machine's (2 cores: 200%), box / bare ratios;
 * with recording, the recordings' size and one WAV header checked.
 * Printed, never asserted.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchBox, hangupAll, liveCalls, registerCallee, startBenchBox } from './support/bench-box.ts';
import { bareLevels, boxLevels, holds, type Level, type LevelOptions } from './support/media-levels.ts';
import { buildRtpgen, RTPGEN_SOURCE } from './support/rtpgen.ts';
import type { SippLoad } from './support/sipp-load.ts';
import { checkWav } from './support/wav-header.ts';

const env = process.env;
const LEVELS = (env.BENCH_MEDIA_LEVELS ?? '250,500,750,1000,1500,2000').split(',').map(Number);
/** Levels up to this run whatever happens; above it only while the levels hold. */
const ALWAYS = 1000;
const SECONDS = Number(env.BENCH_MEDIA_SECONDS ?? 20);
const SETUP_RATE = Number(env.BENCH_MEDIA_SETUP_RATE ?? 200);

function printLevel(l: Level): void {
  const g = l.gen;
  console.log(
    `    ${String(l.calls).padStart(5)} calls  loss ${l.lossPct.toFixed(3).padStart(7)}%  latency p50 ${g.lat_ms_p50.toFixed(2)} p99 ${g.lat_ms_p99.toFixed(2)} p99.9 ${g.lat_ms_p999.toFixed(2)} ms` +
      `  relay CPU ${Math.round(l.relayCpu)}%${l.workerCpu === null ? '' : ` (media Worker ${Math.round(l.workerCpu)}%)`} RSS ${Math.round(l.relayRss)} MB` +
      `  rtpgen CPU ${Math.round(g.gen_cpu_pct)}%  machine ${Math.round(l.machineCpu)}% (others ${Math.round(Math.max(0, l.machineCpu - l.relayCpu - g.gen_cpu_pct))}%)` +
      `${holds(l) ? '' : '  (does not hold)'}${g.streams_zero_rx > 0 ? `  streams with nothing received: ${g.streams_zero_rx}` : ''}` +
      `${g.send_fail > 0 ? `  send failures: ${g.send_fail}` : ''}${g.rcvd > g.sent ? `  ${g.rcvd - g.sent} more received than sent (late)` : ''}`,
  );
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Size on disk, one header checked, and how much of the answered time the files hold (`callSeconds`: answer to hang-up, summed). */
function reportRecordings(b: BenchBox, callSeconds: number): void {
  const files = filesUnder(join(b.box.dataDir, 'recordings')).filter((f) => f.endsWith('.wav'));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const checks = files.map(checkWav);
  const recorded = checks.reduce((sum, w) => sum + w.seconds, 0);
  console.log(
    `    recordings: ${files.length} files, ${(bytes / 1048576).toFixed(0)} MiB on disk (${(bytes / Math.max(1, files.length) / 1048576).toFixed(1)} MiB per call); ` +
      `${Math.round(recorded)} s of audio for ${Math.round(callSeconds)} s of answered calls (${((100 * recorded) / callSeconds).toFixed(1)}%)`,
  );
  const [sample, w] = [files[0], checks[0]];
  if (!sample || !w) return;
  const verdict = w.problems.length === 0 ? 'valid' : `INVALID: ${w.problems.join('; ')}`;
  const invalid = checks.filter((c) => c.problems.length > 0).length;
  console.log(`    WAV header of ${sample.split('/').pop()}: ${verdict} (${w.channels} ch, ${w.sampleRate} Hz, ${w.bits} bit, ${w.seconds.toFixed(1)} s); invalid headers among all files: ${invalid}`);
}

async function runBox(recording: 'none' | 'all', o: LevelOptions): Promise<Level[]> {
  console.log(`  the box, ${recording === 'none' ? 'relay only (recording: { mode: none })' : 'every call recorded (recording: { mode: all }, the default)'}`);
  const b = await startBenchBox(recording);
  const sipp: SippLoad[] = [];
  try {
    const callee = await registerCallee(b.target);
    sipp.push(await callee.answer('bench-uas-noaudio.xml'));
    const levels = await boxLevels(b, sipp, { ...o, setupRate: SETUP_RATE });
    const answeredAt = (await liveCalls(b.api)).flatMap((c) => (c.answered_at ? [Date.parse(c.answered_at)] : []));
    const t0 = Date.now();
    const ended = await hangupAll(b.api);
    // Each call ended somewhere between t0 and now; the midpoint is the estimate.
    const hungUpAt = (t0 + Date.now()) / 2;
    console.log(`    hung up ${ended} calls through the API in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${(await liveCalls(b.api)).length} left`);
    if (recording === 'all') reportRecordings(b, answeredAt.reduce((sum, t) => sum + (hungUpAt - t) / 1000, 0));
    return levels;
  } finally {
    await Promise.all(sipp.map((s) => s.stop()));
    await b.box.stop();
    b.box.cleanup();
  }
}

function printRatios(label: string, box: Level[], bare: Level[]): void {
  const rows = box.flatMap((l) => {
    const base = bare.find((x) => x.calls === l.calls);
    return base ? [`${l.calls} calls ${(l.relayCpu / base.relayCpu).toFixed(2)}× CPU (${Math.round(l.relayCpu)}% vs ${Math.round(base.relayCpu)}%), p99 ${l.gen.lat_ms_p99.toFixed(2)} vs ${base.gen.lat_ms_p99.toFixed(2)} ms`] : [];
  });
  console.log(`  box / bare relay, ${label}: ${rows.length > 0 ? rows.join('; ') : 'no common level'}`);
  const top = (levels: Level[]) => levels.filter(holds).at(-1)?.calls ?? 0;
  console.log(`    most calls held (loss < 1%, p99 < 50 ms): box ${top(box)}, bare relay ${top(bare)}`);
}

export async function benchMedia(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-media-'));
  try {
    const bin = await buildRtpgen(dir);
    if (!bin) {
      console.log(`\nmedia: needs the shared load tools (${RTPGEN_SOURCE} not found); skipped`);
      return;
    }
    if (!Bun.which('sipp')) {
      console.log('\nmedia: SIPp (Debian package sip-tester) is not installed; skipped');
      return;
    }
    console.log(
      `\nMedia relay: concurrent bridged calls, G.711 20 ms both ways from rtpgen, ${SECONDS} s per level (after a 2 s latch warm-up); ` +
        `calls set up by SIPp at ${SETUP_RATE}/s without SIPp media; everything shares 2 cores (CPU% per core)`,
    );
    const o: LevelOptions = { bin, dir, levels: LEVELS, seconds: SECONDS, always: ALWAYS, onLevel: printLevel };
    console.log('  baseline: bare Bun relay (two UDP sockets per call, forward only, no SIP)');
    const bare = await bareLevels(o);
    const relayOnly = await runBox('none', o);
    const recorded = await runBox('all', o);
    printRatios('relay only', relayOnly, bare);
    printRatios('recording every call', recorded, bare);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
