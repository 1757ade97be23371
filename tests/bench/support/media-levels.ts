/**
 * One media bench run: raise the number of concurrent bridged calls level
 * by level and, at each, drive every call's two RTP streams with rtpgen
 * while metering the relay. `boxLevels` sets the calls up through the box
 * with SIPp (no SIPp media) and reads each leg's RTP port from /api/calls;
 * `bareLevels` asks the bare Bun relay for the same number of socket pairs.
 */
import { join } from 'node:path';
import { ROOT } from '../../support/appliance-process.ts';
import { freeUdpPort } from '../../support/free-ports.ts';
import { type BenchBox, CALLER_ROWS, type LiveCall, freeMediaPort, liveCalls } from './bench-box.ts';
import { findThread, ProcessMeter, type Task } from './process-meter.ts';
import { GeneratorPorts, type RtpgenResult, runRtpgen } from './rtpgen.ts';
import { type SippLoad, spawnSipp } from './sipp-load.ts';

export interface Level {
  calls: number;
  gen: RtpgenResult;
  /** rtpgen's loss_pct, recomputed: it underflows when more packets arrive than were sent. */
  lossPct: number;
  relayCpu: number;
  /** The box's media Worker thread alone (null for the bare relay, which has one thread). */
  workerCpu: number | null;
  relayRss: number;
  machineCpu: number;
}

/** Loss under 1% and p99 one-way latency under 50 ms (what a phone's jitter buffer absorbs). */
export const holds = (l: Level) => l.lossPct < 1 && l.gen.lat_ms_p99 < 50;

export interface LevelOptions {
  bin: string;
  dir: string;
  levels: number[];
  seconds: number;
  /** Levels up to this many calls run regardless; above it, a level runs only if the one before held. */
  always: number;
  onLevel: (level: Level) => void;
}

/**
 * A short rtpgen run first, so every relay port has latched to the generator,
 * and a pause for the relay's backlog to drain; then the measured run.
 */
async function measure(o: LevelOptions, pid: number, lines: string[]): Promise<Level> {
  await runRtpgen({ bin: o.bin, dir: o.dir, lines, seconds: 2 });
  await Bun.sleep(3000);
  const worker = findThread(pid, 'Worker');
  const tasks: Record<string, Task> = worker ? { relay: pid, worker } : { relay: pid };
  const meter = new ProcessMeter(tasks);
  const gen = await runRtpgen({ bin: o.bin, dir: o.dir, lines, seconds: o.seconds });
  const { processes, machineCpuPct } = meter.stop();
  return {
    calls: lines.length,
    gen,
    lossPct: gen.sent > 0 ? (100 * Math.max(0, gen.sent - gen.rcvd)) / gen.sent : 100,
    relayCpu: processes.relay?.cpuPct ?? Number.NaN,
    workerCpu: processes.worker?.cpuPct ?? null,
    relayRss: processes.relay?.peakRssMb ?? Number.NaN,
    machineCpu: machineCpuPct,
  };
}

const goOn = (o: LevelOptions, done: Level[], next: number) => {
  const last = done.at(-1);
  return last === undefined || (last.lossPct < 20 && (next <= o.always || holds(last)));
};

async function answered(b: BenchBox): Promise<LiveCall[]> {
  return (await liveCalls(b.api)).filter((c) => c.state === 'answered');
}

/** Places calls until `target` are answered; false when they are not within the time the setup rate needs plus a minute. */
async function growTo(b: BenchBox, uacs: SippLoad[], target: number, setupRate: number): Promise<boolean> {
  const have = (await answered(b)).length;
  if (have >= target) return true;
  const more = target - have;
  uacs.push(
    spawnSipp({
      scenario: 'bench-uac-noaudio.xml',
      target: b.target,
      port: await freeUdpPort(),
      mediaPort: await freeMediaPort(),
      rows: CALLER_ROWS,
      args: ['-s', '1002', '-auth_uri', `1002@${b.target}`, '-m', String(more), '-r', String(setupRate), '-l', String(more), '-timeout', '7200'],
    }),
  );
  const deadline = Date.now() + (1000 * more) / setupRate + 60_000;
  while (Date.now() < deadline) {
    if ((await answered(b)).length >= target) return true;
    await Bun.sleep(500);
  }
  return false;
}

/** `uacs` receives the SIPp callers it starts, for the caller to stop whatever happens. */
export async function boxLevels(b: BenchBox, uacs: SippLoad[], o: LevelOptions & { setupRate: number }): Promise<Level[]> {
  const ports = new GeneratorPorts();
  const levels: Level[] = [];
  for (const target of o.levels) {
    if (!goOn(o, levels, target)) break;
    if (!(await growTo(b, uacs, target, o.setupRate))) {
      console.log(`    ${target} calls: only ${(await answered(b)).length} answered in time; no further levels`);
      break;
    }
    const lines: string[] = [];
    for (const call of (await answered(b)).slice(0, target)) {
      const caller = call.legs.find((l) => l.direction === 'inbound');
      const callee = call.legs.find((l) => l.direction === 'outbound');
      if (!caller || !callee) continue;
      const [a, bPort] = await ports.pairFor(call.id);
      lines.push(`${a} ${bPort} ${caller.rtp_port} ${callee.rtp_port}`);
    }
    const level = await measure(o, b.box.pid, lines);
    levels.push(level);
    o.onLevel(level);
  }
  return levels;
}

export async function bareLevels(o: LevelOptions): Promise<Level[]> {
  const levels: Level[] = [];
  for (const calls of o.levels) {
    if (!goOn(o, levels, calls)) break;
    const portsOut = join(o.dir, 'bare-ports.txt');
    const relay = Bun.spawn([process.execPath, join(ROOT, 'tests/bench/support/bare-relay.ts'), String(calls), portsOut], { stdout: 'pipe' });
    await new Response(relay.stdout).body?.getReader().read();
    const relayPorts = (await Bun.file(portsOut).text()).trim().split('\n');
    const ports = new GeneratorPorts();
    const lines: string[] = [];
    for (const [i, pair] of relayPorts.entries()) lines.push(`${(await ports.pairFor(String(i))).join(' ')} ${pair}`);
    const level = await measure(o, relay.pid, lines);
    relay.kill('SIGTERM');
    await relay.exited;
    levels.push(level);
    o.onLevel(level);
  }
  return levels;
}
