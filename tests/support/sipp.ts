/**
 * Runs SIPp (Debian package sip-tester) against the appliance with a
 * scenario from tests/sipp and an injection file, and reads its verdict:
 * the exit code and the cumulative successful / failed call counts.
 * Callers (`runSippUac`) and called phones kept running in the background
 * (`startSippUas`) get their own SIP and RTP ports on 127.0.0.1, so the
 * call scenarios' pcap media and [media_port] never collide.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { ROOT } from './appliance-process.ts';
import { freeUdpPort, freeUdpPortRun } from './free-ports.ts';

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
  /** Local SIP port; default 0, which SIPp 3.6 turns into 5060 when free and then writes in Via and Contact. */
  localPort?: number;
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

function commonArgs(o: { scenario: string; localIp?: string; localPort?: number; transport?: string; users?: string; dir: string }): string[] {
  return [
    '-sf',
    // A scenario a test wrote itself comes as an absolute path.
    o.scenario.startsWith('/') ? o.scenario : join(ROOT, 'tests/sipp', o.scenario),
    ...(o.users ? ['-inf', o.users] : []),
    '-t',
    o.transport ?? 'u1',
    '-i',
    o.localIp ?? '127.0.0.1',
    '-p',
    String(o.localPort ?? 0),
    '-nostdin',
    '-buff_size',
    '8388608',
    '-max_socket',
    '10000',
    '-trace_err',
    '-error_file',
    join(o.dir, 'errors.log'),
  ];
}

function writeUsers(dir: string, rows: string[]): string {
  const users = join(dir, 'users.csv');
  writeFileSync(users, `${['SEQUENTIAL', ...rows].join('\n')}\n`);
  return users;
}

async function collect(child: Subprocess<'ignore', 'pipe', 'pipe'>, dir: string): Promise<SippResult> {
  const [output, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const errors = (await Bun.file(join(dir, 'errors.log')).exists()) ? await Bun.file(join(dir, 'errors.log')).text() : '';
  rmSync(dir, { recursive: true, force: true });
  // Requests SIPp sent, per scenario line: "  REGISTER ---------->  5  0" (messages, retransmissions).
  const retrans = [...output.matchAll(/^\s+[A-Z]+ -+>\s+\d+\s+(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    code,
    successful: cumulative(output, 'Successful call'),
    failed: cumulative(output, 'Failed call'),
    retransmissions: retrans,
    output: output + stderr,
    errors,
  };
}

export async function runSipp(o: SippOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const args = [
    'sipp',
    o.target,
    ...commonArgs({ ...o, dir, users: writeUsers(dir, o.rows) }),
    '-m',
    String(o.calls),
    '-r',
    String(o.rate ?? 10),
    '-timeout',
    String(o.timeoutSeconds ?? 30),
    '-timeout_error',
    ...(o.extra ?? []),
  ];
  const child = Bun.spawn(args, { cwd: dir, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  return collect(child, dir);
}

export interface SippUacOptions {
  /** A caller scenario: call-uac.xml, call-uac-auth.xml, call-uac-busy.xml, call-uac-bad-sdp.xml. */
  scenario: string;
  /** host:port to send the INVITEs to. */
  target: string;
  /** The number called: [service] in the Request-URI and To. */
  called: string;
  /** Injection rows: field0 = the caller, field1 = [authentication …] for call-uac-auth.xml. */
  rows: string[];
  calls?: number;
  rate?: number;
  /** How long each answered call lasts before the BYE (the scenario's <pause/>, -d), ms. Default 2000. */
  callMs?: number;
  transport?: 'u1' | 't1' | 'un';
  timeoutSeconds?: number;
  extra?: string[];
}

/** Places `calls` calls with a caller scenario, each from its own SIP and RTP ports, and returns the verdict. */
export async function runSippUac(o: SippUacOptions): Promise<SippResult> {
  return runSipp({
    scenario: o.scenario,
    target: o.target,
    rows: o.rows,
    calls: o.calls ?? 1,
    rate: o.rate,
    transport: o.transport,
    localPort: await freeUdpPort(),
    timeoutSeconds: o.timeoutSeconds,
    extra: ['-s', o.called, '-d', String(o.callMs ?? 2000), '-mp', String(await freeUdpPortRun(4)), ...(o.extra ?? [])],
  });
}

export interface SippUasOptions {
  /** A called-phone scenario: call-uas.xml, call-uas-busy.xml, call-uas-auth.xml. */
  scenario: string;
  /** Injection rows, for scenarios that read fields (call-uas-auth.xml: user;password). */
  rows?: string[];
  /** Exit by itself after this many calls; without it, runs until stop(). */
  calls?: number;
  /** Longest the UAS may live, a guard against a test that never stops it. Default 120. */
  timeoutSeconds?: number;
  extra?: string[];
}

export interface SippUas {
  /** The UDP port it answers on, at 127.0.0.1. */
  port: number;
  /** Its RTP port ([media_port] in its SDP). */
  mediaPort: number;
  /** Settles when SIPp exits, with its verdict. */
  result: Promise<SippResult>;
  /** Asks SIPp to finish its calls and exit (SIGUSR1; SIGKILL after `graceMs`, default 5000) and returns the verdict. */
  stop(graceMs?: number): Promise<SippResult>;
}

/** Starts a SIPp called phone in the background and returns once it listens. */
export async function startSippUas(o: SippUasOptions): Promise<SippUas> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-uas-'));
  const port = await freeUdpPort();
  const mediaPort = await freeUdpPortRun(4);
  const args = [
    'sipp',
    ...commonArgs({ scenario: o.scenario, localPort: port, dir, users: o.rows ? writeUsers(dir, o.rows) : undefined }),
    '-mp',
    String(mediaPort),
    ...(o.calls !== undefined ? ['-m', String(o.calls)] : []),
    '-timeout',
    String(o.timeoutSeconds ?? 120),
    ...(o.extra ?? []),
  ];
  const child = Bun.spawn(args, { cwd: dir, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const result = collect(child, dir);
  await untilBound(port, () => child.exitCode !== null);
  if (child.exitCode !== null) throw new Error(`SIPp UAS ${o.scenario} exited at once:\n${(await result).output.slice(-2000)}`);
  return {
    port,
    mediaPort,
    result,
    async stop(graceMs = 5000) {
      if (child.exitCode === null) child.kill('SIGUSR1');
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(graceMs).then(() => false)]);
      if (!exited) child.kill('SIGKILL');
      return result;
    },
  };
}

/** Waits until something (SIPp) holds UDP `port`. */
export async function untilBound(port: number, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !gone()) {
    try {
      (await Bun.udpSocket({ hostname: '127.0.0.1', port })).close();
    } catch {
      return;
    }
    await Bun.sleep(20);
  }
  if (!gone()) throw new Error(`SIPp did not bind UDP ${port} within 5 s`);
}

/** Injection rows for extensions: `number;[authentication username=number password=secret]`. */
export function credentialRows(pairs: [number: string, secret: string][]): string[] {
  return pairs.map(([n, s]) => `${n};[authentication username=${n} password=${s}]`);
}
