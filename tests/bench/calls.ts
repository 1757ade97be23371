/**
 * Call setup rate: the highest rate of calls 1001 → 1002 through the box
 * (digest-challenged INVITE, 180, 200, ACK, a short hold, BYE) that
 * completes at least 99% of the calls offered. A SIPp caller steps up the
 * offered rate; one SIPp called phone, registered as 1002, answers every
 * call. Run with RTP (SIPp plays the G.711 pcap both ways, so the box
 * relays — and records, with the default recording setting — every call)
 * and signalling-only, because SIPp's pcap player (a thread per call and
 * direction) may be the limit before the box is. Per step: offered,
 * successful, failed, success %, CPU% and RSS of the box and of both SIPp
 * processes (the three share 2 cores), retransmissions. A step is
 * sustained when at least 99% of its calls succeed and they complete at no
 * less than 95% of the offered rate (SIPp's -l cap on open calls otherwise
 * slows it down to what the box manages). Printed, never asserted.
 */
import { freeUdpPort } from '../support/free-ports.ts';
import { type BenchBox, CALLER_ROWS, type Callee, freeMediaPort, registerCallee, startBenchBox } from './support/bench-box.ts';
import { ProcessMeter, rssMb } from './support/process-meter.ts';
import { errorReasons, spawnSipp } from './support/sipp-load.ts';

const env = process.env;
const STEP_SECONDS = Number(env.BENCH_STEP_SECONDS ?? 15);
const RATES = (env.BENCH_CALL_RATES ?? '100,200,400,600,800,1000,1200').split(',').map(Number);
const HOLD_MS = Number(env.BENCH_CALL_HOLD_MS ?? 1000);
/** Timer J / the INVITE Accepted state (64·T1) and a margin: each step starts without the previous step's transactions. */
const SETTLE_MS = Number(env.BENCH_SETTLE_MS ?? 34_000);
const RECORDING = env.BENCH_CALLS_RECORDING === 'none' ? 'none' : 'all';
const SUSTAINED_PCT = 99;
/** SIPp keeps at most rate × (hold + 1 s) calls open (-l); when the box answers slowly that throttles the rate it offers. */
const ACHIEVED_SHARE = 0.95;

interface Media {
  label: string;
  uac: string;
  uas: string;
}

const MEDIA: Record<string, Media> = {
  rtp: { label: 'with RTP: SIPp plays g711a.pcap both ways', uac: 'call-uac-auth.xml', uas: 'call-uas.xml' },
  none: { label: 'signalling only: no RTP', uac: 'bench-uac-hold-noaudio.xml', uas: 'bench-uas-noaudio.xml' },
};
const MODES = (env.BENCH_CALLS_MEDIA ?? 'rtp,none').split(',').filter((m) => m in MEDIA);

interface Step {
  rate: number;
  offered: number;
  successful: number;
  failed: number;
  successPct: number;
  seconds: number;
  /** Calls completed per second while SIPp was placing them. */
  achieved: number;
  machineCpu: number;
  boxCpu: number;
  boxRss: number;
  uacCpu: number;
  uasCpu: number;
  retransUac: number;
  retransUas: number;
  retransFromBox: number;
  timeouts: number;
  unexpected: number;
  /** Calls the SIPp callee counted as failed (the caller may still have completed them). */
  calleeFailed: number;
  /** SIPp's most frequent error reasons, caller and callee. */
  errors: string[];
}

async function step(b: BenchBox, callee: Callee, media: Media, rate: number): Promise<Step> {
  const offered = rate * STEP_SECONDS;
  const uas = await callee.answer(media.uas);
  const meter = new ProcessMeter({ box: b.box.pid, uas: uas.pid });
  const uac = spawnSipp({
    scenario: media.uac,
    target: b.target,
    port: await freeUdpPort(),
    mediaPort: await freeMediaPort(),
    rows: CALLER_ROWS,
    args: [
      ...['-s', '1002', '-auth_uri', `1002@${b.target}`, '-d', String(HOLD_MS)],
      ...['-m', String(offered), '-r', String(rate), '-l', String(Math.ceil(rate * (HOLD_MS / 1000 + 1)))],
      ...['-recv_timeout', '10000', '-timeout', String(STEP_SECONDS * 3 + 30), '-timeout_error'],
    ],
  });
  const r = await uac.result;
  const { processes, machineCpuPct } = meter.stop();
  const u = await uas.stop();
  const successful = Number.isNaN(r.successful) ? 0 : r.successful;
  return {
    rate,
    offered,
    successful,
    failed: offered - successful,
    successPct: (100 * successful) / offered,
    seconds: r.elapsedSeconds,
    achieved: successful / Math.max(1, r.elapsedSeconds - HOLD_MS / 1000),
    machineCpu: machineCpuPct,
    boxCpu: processes.box?.cpuPct ?? Number.NaN,
    boxRss: processes.box?.rssMb ?? Number.NaN,
    uacCpu: (100 * r.cpuSeconds) / r.elapsedSeconds,
    uasCpu: processes.uas?.cpuPct ?? Number.NaN,
    retransUac: r.retransSent,
    retransUas: u.retransSent,
    retransFromBox: r.retransReceived + u.retransReceived,
    timeouts: r.timeouts + u.timeouts,
    unexpected: r.unexpected + u.unexpected,
    calleeFailed: Number.isNaN(u.failed) ? 0 : u.failed,
    errors: [...errorReasons(r.errors).map((e) => `caller: ${e}`), ...errorReasons(u.errors).map((e) => `callee: ${e}`)],
  };
}

const pct = (n: number) => `${Math.round(n)}%`.padStart(5);
const sustained = (s: Step) => s.successPct >= SUSTAINED_PCT && s.achieved >= ACHIEVED_SHARE * s.rate;

function printStep(s: Step): void {
  console.log(
    `    ${String(s.rate).padStart(5)}/s  offered ${String(s.offered).padStart(6)}  ok ${String(s.successful).padStart(6)}  failed ${String(s.failed).padStart(5)}  success ${s.successPct.toFixed(2).padStart(6)}%  achieved ${String(Math.round(s.achieved)).padStart(5)}/s` +
      `  box CPU ${pct(s.boxCpu)} RSS ${Math.round(s.boxRss)} MB  SIPp CPU uac ${pct(s.uacCpu)} uas ${pct(s.uasCpu)}  machine ${pct(s.machineCpu)}` +
      `  retrans uac ${s.retransUac} uas ${s.retransUas} box ${s.retransFromBox}  timeouts ${s.timeouts} unexpected ${s.unexpected}${s.calleeFailed > 0 ? ` callee failed ${s.calleeFailed}` : ''}${sustained(s) ? '' : '  (not sustained)'}`,
  );
  if (s.failed + s.timeouts + s.unexpected + s.calleeFailed > 0) for (const e of s.errors) console.log(`           ${e}`);
}

/** Which process ran out of room at the first step that did not hold. */
function limitHint(steps: Step[]): string {
  const first = steps.find((s) => !sustained(s));
  if (!first) return 'every step held; the limit is above the highest rate offered';
  const others = first.machineCpu - first.boxCpu - first.uacCpu - first.uasCpu;
  const busiest = [
    ['the box', first.boxCpu],
    ['the SIPp caller', first.uacCpu],
    ['the SIPp callee', first.uasCpu],
  ].sort((x, y) => (y[1] as number) - (x[1] as number))[0] as [string, number];
  return `at ${first.rate}/s the machine was ${Math.round(first.machineCpu)}% busy of 200% (other processes ${Math.round(Math.max(0, others))}%); busiest: ${busiest[0]} at ${Math.round(busiest[1])}%`;
}

async function runMode(b: BenchBox, callee: Callee, media: Media, first: boolean): Promise<Step[]> {
  console.log(`  ${media.label}`);
  const steps: Step[] = [];
  for (const rate of RATES) {
    if (!first || steps.length > 0) await Bun.sleep(SETTLE_MS);
    const s = await step(b, callee, media, rate);
    printStep(s);
    steps.push(s);
    if (s.successPct < 90 || s.achieved < 0.8 * s.rate) break;
  }
  const best = steps.filter(sustained).at(-1);
  console.log(`    highest sustained rate: ${best ? `${best.rate} calls/s` : 'none of the steps'}; ${limitHint(steps)}`);
  return steps;
}

export async function benchCalls(): Promise<void> {
  if (!Bun.which('sipp')) {
    console.log('\ncalls: SIPp (Debian package sip-tester) is not installed; skipped');
    return;
  }
  console.log(
    `\nCall setup rate 1001 → box → 1002, SIPp caller with digest auth → box (B2BUA, media anchored) → SIPp callee; ` +
      `${STEP_SECONDS} s per step, hold ${HOLD_MS} ms, recording: ${RECORDING}; the box and SIPp share 2 cores (CPU% per core)`,
  );
  const b = await startBenchBox(RECORDING);
  const headline: string[] = [];
  try {
    const callee = await registerCallee(b.target);
    for (const [i, mode] of MODES.entries()) {
      const media = MEDIA[mode] as Media;
      const steps = await runMode(b, callee, media, i === 0);
      const best = steps.filter(sustained).at(-1);
      headline.push(`${mode === 'rtp' ? 'with RTP' : 'signalling only'}: ${best ? `${best.rate} calls/s` : 'none'}`);
    }
    await Bun.sleep(SETTLE_MS);
    const status = (await b.api.request('GET', '/api/sip/status')).body as { transactions: { total: number } };
    console.log(`  box RSS ${Math.round(rssMb(b.box.pid))} MB ${SETTLE_MS / 1000} s after the load (SIP transactions left: ${status.transactions.total})`);
  } finally {
    await b.box.stop();
    b.box.cleanup();
  }
  console.log(`  headline — highest sustained call setup rate: ${headline.join('; ')}`);
}
