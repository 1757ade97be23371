/**
 * The shared RTP load generator (../shared/tools/rtpgen.c, see its README):
 * built with gcc into a temp dir, fed a PORTSFILE of
 * `a_port b_port relay_port_for_a relay_port_for_b` lines, run for some
 * seconds; its one JSON line carries loss, latency and its own CPU.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../support/appliance-process.ts';

export const RTPGEN_SOURCE = resolve(ROOT, '../shared/tools/rtpgen.c');

export interface RtpgenResult {
  calls: number;
  streams: number;
  sent: number;
  rcvd: number;
  loss_pct: number;
  pps_offered: number;
  pps_relayed: number;
  ooo: number;
  streams_zero_rx: number;
  send_fail: number;
  lat_ms_p50: number;
  lat_ms_p99: number;
  lat_ms_p999: number;
  lat_ms_max_bucket: number;
  gen_cpu_pct: number;
}

/** Compiles rtpgen into `dir`; null when the shared tools are not checked out beside this repository. */
export async function buildRtpgen(dir: string): Promise<string | null> {
  if (!existsSync(RTPGEN_SOURCE)) return null;
  const bin = join(dir, 'rtpgen');
  const gcc = Bun.spawn(['gcc', '-O2', '-o', bin, RTPGEN_SOURCE], { stdout: 'pipe', stderr: 'pipe' });
  if ((await gcc.exited) !== 0) throw new Error(`gcc rtpgen.c failed:\n${await new Response(gcc.stderr).text()}`);
  return bin;
}

export async function runRtpgen(o: { bin: string; dir: string; lines: string[]; seconds: number }): Promise<RtpgenResult> {
  const file = join(o.dir, 'ports.txt');
  writeFileSync(file, `${o.lines.join('\n')}\n`);
  const child = Bun.spawn([o.bin, file, String(o.seconds)], { stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const line = out.split('\n').find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`rtpgen exited with ${code}: ${err.trim() || out.trim()}`);
  return JSON.parse(line) as RtpgenResult;
}

/**
 * The generator's own ports: a pair per call, kept for the call's life (the
 * relay latches to the first source it hears, and rtpgen binds them again
 * for every run), skipping ports something else holds. Taken above the
 * kernel's ephemeral range (32768-60999) and then from 2000 up, below
 * SIPp's media ports (10000-19999) and the box's RTP range (20000-29999), so
 * no socket bound to port 0 in between can take one.
 */
export class GeneratorPorts {
  private readonly pairs = new Map<string, [number, number]>();
  private next = 61_000;

  private async take(): Promise<number> {
    while (this.next !== 10_000) {
      const port = this.next;
      this.next = port === 65_535 ? 2000 : port + 1;
      try {
        (await Bun.udpSocket({ hostname: '127.0.0.1', port })).close();
        return port;
      } catch {
        // held by another process; skip it
      }
    }
    throw new Error('generator ports exhausted (61000-65535 and 2000-9999)');
  }

  async pairFor(key: string): Promise<[number, number]> {
    const known = this.pairs.get(key);
    if (known) return known;
    const pair: [number, number] = [await this.take(), await this.take()];
    this.pairs.set(key, pair);
    return pair;
  }
}
