/**
 * Runs SIPp (Debian package sip-tester) against the appliance with a
 * scenario from tests/sipp and an injection file, and reads its verdict:
 * the exit code and the cumulative successful / failed call counts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './appliance-process.ts';

export interface SippOptions {
  scenario: string;
  target: string;
  /** Injection file rows (without the SEQUENTIAL header). */
  rows: string[];
  calls: number;
  rate?: number;
  /** SIPp transport mode: u1 (UDP), t1 (one TCP connection), un (UDP socket per call). */
  transport?: 'u1' | 't1' | 'un';
  localIp?: string;
  timeoutSeconds?: number;
  extra?: string[];
}

export interface SippResult {
  code: number;
  successful: number;
  failed: number;
  retransmissions: number;
  output: string;
  errors: string;
}

function cumulative(output: string, label: string): number {
  const line = output.split('\n').reverse().find((l) => l.includes(label));
  const cells = line?.split('|') ?? [];
  return Number((cells[2] ?? '').trim().split(/\s+/)[0] ?? Number.NaN);
}

export function sippAvailable(): boolean {
  return Bun.which('sipp') !== null;
}

export async function runSipp(o: SippOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const users = join(dir, 'users.csv');
  writeFileSync(users, `${['SEQUENTIAL', ...o.rows].join('\n')}\n`);
  const args = [
    'sipp',
    o.target,
    '-sf',
    join(ROOT, 'tests/sipp', o.scenario),
    '-inf',
    users,
    '-m',
    String(o.calls),
    '-r',
    String(o.rate ?? 10),
    '-t',
    o.transport ?? 'u1',
    '-i',
    o.localIp ?? '127.0.0.1',
    '-p',
    '0',
    '-nostdin',
    '-timeout',
    String(o.timeoutSeconds ?? 30),
    '-timeout_error',
    '-buff_size',
    '8388608',
    '-max_socket',
    '10000',
    '-trace_err',
    '-error_file',
    join(dir, 'errors.log'),
    ...(o.extra ?? []),
  ];
  const child = Bun.spawn(args, { cwd: dir, stdout: 'pipe', stderr: 'pipe' });
  const [output, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const errors = (await Bun.file(join(dir, 'errors.log')).exists()) ? await Bun.file(join(dir, 'errors.log')).text() : '';
  rmSync(dir, { recursive: true, force: true });
  const retrans = [...output.matchAll(/^\s+REGISTER -+>\s+\d+\s+(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    code,
    successful: cumulative(output, 'Successful call'),
    failed: cumulative(output, 'Failed call'),
    retransmissions: retrans,
    output: output + stderr,
    errors,
  };
}

/** Injection rows for extensions: `number;[authentication username=number password=secret]`. */
export function credentialRows(pairs: [number: string, secret: string][]): string[] {
  return pairs.map(([n, s]) => `${n};[authentication username=${n} password=${s}]`);
}
