/**
 * SIPp as a load generator for the call benches: callers and a called phone
 * as child processes whose pid the bench can meter, with the verdict read
 * from SIPp's final screens — successful and failed calls, retransmissions
 * SIPp sent and received, timeouts and unexpected messages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { ROOT } from '../../support/appliance-process.ts';

export interface SippLoadResult {
  code: number;
  successful: number;
  failed: number;
  /** Requests and responses SIPp sent again for want of an answer. */
  retransSent: number;
  /** Messages the box sent again that SIPp received (it was slow to answer or acknowledge them). */
  retransReceived: number;
  timeouts: number;
  unexpected: number;
  /** CPU seconds SIPp used, all threads (its pcap players included). */
  cpuSeconds: number;
  elapsedSeconds: number;
  output: string;
  errors: string;
}

export interface SippLoad {
  pid: number;
  result: Promise<SippLoadResult>;
  /** SIGUSR1 (finish the calls in progress and exit), SIGKILL after `graceMs`; returns the verdict. */
  stop(graceMs?: number): Promise<SippLoadResult>;
}

export interface SippLoadOptions {
  scenario: string;
  /** host:port to send to; absent for a called phone. */
  target?: string;
  port: number;
  mediaPort: number;
  /** Injection rows (without the SEQUENTIAL header). */
  rows?: string[];
  args?: string[];
}

/** Sums one column of SIPp's scenario screen over the lines of messages SIPp sent (or received). */
function screenColumn(output: string, sent: boolean, column: number): number {
  // "  INVITE ---------->  200  0  0" and "  <---------- 200  200  0" are sent; "200 <----------" and "----------> ACK" received.
  const line = /^\s*(?:(\S+) (-+>|<-+)|(<-+|-+>) (\S+))\s+(?:[EB]-RTD\d+\s+)?(\d+)\s+(\d+)(?:\s+(\d+))?(?:\s+(\d+))?\s*$/gm;
  let sum = 0;
  for (const m of output.matchAll(line)) {
    const isSent = m[2] !== undefined ? m[2].endsWith('>') : (m[3] as string).startsWith('<');
    if (isSent === sent) sum += Number(m[5 + column] ?? 0);
  }
  return sum;
}

function cumulative(output: string, label: string): number {
  const line = output.split('\n').reverse().find((l) => l.includes(label));
  return Number((line?.split('|')[2] ?? '').trim().split(/\s+/)[0] ?? Number.NaN);
}

async function collect(child: Subprocess<'ignore', 'pipe', 'pipe'>, dir: string, t0: number): Promise<SippLoadResult> {
  const [output, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const elapsedSeconds = (performance.now() - t0) / 1000;
  const errorsFile = Bun.file(join(dir, 'errors.log'));
  const errors = (await errorsFile.exists()) ? await errorsFile.text() : '';
  rmSync(dir, { recursive: true, force: true });
  const usage = child.resourceUsage();
  return {
    code,
    successful: cumulative(output, 'Successful call'),
    failed: cumulative(output, 'Failed call'),
    retransSent: screenColumn(output, true, 1),
    retransReceived: screenColumn(output, false, 1),
    timeouts: screenColumn(output, true, 2) + screenColumn(output, false, 2),
    unexpected: screenColumn(output, false, 3),
    cpuSeconds: usage ? Number(usage.cpuTime.total) / 1e6 : Number.NaN,
    elapsedSeconds,
    output: output + stderr,
    errors,
  };
}

export function spawnSipp(o: SippLoadOptions): SippLoad {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sipp-'));
  const users = join(dir, 'users.csv');
  if (o.rows) writeFileSync(users, `${['SEQUENTIAL', ...o.rows].join('\n')}\n`);
  const args = [
    'sipp',
    ...(o.target ? [o.target] : []),
    '-sf',
    join(ROOT, 'tests/sipp', o.scenario),
    ...(o.rows ? ['-inf', users] : []),
    ...['-t', 'u1', '-i', '127.0.0.1', '-p', String(o.port), '-mp', String(o.mediaPort), '-nostdin', '-buff_size', '8388608'],
    ...['-trace_err', '-error_file', join(dir, 'errors.log')],
    ...(o.args ?? []),
  ];
  const t0 = performance.now();
  const child = Bun.spawn(args, { cwd: dir, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const result = collect(child, dir, t0);
  return {
    pid: child.pid,
    result,
    async stop(graceMs = 5000) {
      if (child.exitCode === null) child.kill('SIGUSR1');
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(graceMs).then(() => false)]);
      if (!exited) child.kill('SIGKILL');
      return result;
    },
  };
}

/** SIPp's error log entries (the lines it stamps with the date) with the call-specific parts blanked, most frequent first. */
export function errorReasons(log: string): string[] {
  const counts = new Map<string, number>();
  for (const m of log.matchAll(/^\d{4}-\d\d-\d\d\s+[\d:.]+\s+[\d.]+: (.*)$/gm)) {
    const reason = (m[1] as string).replace(/'[^']*@[^']*'/g, "'…'").replace(/\d{4,}/g, 'N').slice(0, 150);
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r, n]) => `${n}× ${r}`);
}

/** Waits until something holds UDP `port` on 127.0.0.1 (SIPp has started listening). */
export async function untilBound(port: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      (await Bun.udpSocket({ hostname: '127.0.0.1', port })).close();
    } catch {
      return true;
    }
    await Bun.sleep(20);
  }
  return false;
}
