/**
 * The box as the call benches run it: the three SIPp phones provisioned,
 * SIP rate limits lifted (one address places every call), a wide RTP port
 * range, the recording mode chosen by the bench; and extension 1002 played
 * by one SIPp called phone registered from the port it answers on.
 */
import { type ApplianceProcess, ApiClient, startAppliance } from '../../support/appliance-process.ts';
import { freeUdpPort } from '../../support/free-ports.ts';
import { credentialRows } from '../../support/sipp.ts';
import { THREE_PHONES_YAML } from '../../support/three-phones.ts';
import { type SippLoad, spawnSipp, untilBound } from './sipp-load.ts';

/** The box's RTP range; SIPp's media ports and the generators' ports stay out of it. */
export const BOX_RTP_PORTS = { min: 20_000, max: 29_999 };
export const CALLER_ROWS = credentialRows([['1001', 'pw-1001-xyz']]);
const CALLEE_ROWS = credentialRows([['1002', 'pw-1002-xyz']]);

export interface BenchBox {
  box: ApplianceProcess;
  api: ApiClient;
  target: string;
}

export async function startBenchBox(recording: 'all' | 'none'): Promise<BenchBox> {
  const provision = [
    THREE_PHONES_YAML,
    'sip_security: { failure_threshold: 10, failure_window_s: 120, ban_s: 900, scanner_ban_s: 86400, rate_per_s: 1000000, rate_burst: 1000000, trusted: [], digest_algorithms: [MD5] }',
    `recording: { mode: ${recording} }`,
  ].join('\n');
  const box = await startAppliance({
    provision,
    env: { LOG_LEVEL: 'info', RTP_PORTS: `${BOX_RTP_PORTS.min}-${BOX_RTP_PORTS.max}` },
    timeoutMs: 60_000,
    // BENCH_BOX_PROFILE=dir writes the box's CPU profile (markdown) there when it stops.
    bunArgs: process.env.BENCH_BOX_PROFILE ? ['--cpu-prof-md', `--cpu-prof-dir=${process.env.BENCH_BOX_PROFILE}`] : [],
  });
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  return { box, api, target: `127.0.0.1:${box.sipPort}` };
}

/** An even port p with UDP p … p+3 free below the box's RTP range (SIPp binds -mp and -mp + 2). */
export async function freeMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 10_000 + 4 * Math.floor(Math.random() * 2400);
    const sockets = [];
    try {
      for (let p = base; p < base + 4; p++) sockets.push(await Bun.udpSocket({ hostname: '127.0.0.1', port: p }));
      return base;
    } catch {
      // taken; try another run
    } finally {
      for (const s of sockets) s.close();
    }
  }
  throw new Error('no free run of 4 UDP ports in 10000-19999');
}

export interface Callee {
  port: number;
  /** Starts SIPp answering as 1002 with `scenario` on the registered port. */
  answer(scenario: string): Promise<SippLoad>;
}

/** Registers 1002 from a fresh local port (Expires 3600); callee processes then answer on that port. */
export async function registerCallee(target: string): Promise<Callee> {
  const port = await freeUdpPort();
  const reg = await spawnSipp({ scenario: 'bench-register.xml', target, port, mediaPort: await freeMediaPort(), rows: CALLEE_ROWS, args: ['-m', '1', '-timeout', '15'] }).result;
  if (reg.successful !== 1) throw new Error(`registering 1002 failed:\n${reg.output.slice(-1500)}`);
  return {
    port,
    async answer(scenario) {
      const uas = spawnSipp({ scenario, port, mediaPort: await freeMediaPort(), args: ['-timeout', '7200'] });
      if (!(await untilBound(port))) throw new Error(`SIPp ${scenario} did not bind UDP ${port}`);
      return uas;
    },
  };
}

export interface LiveCall {
  id: string;
  state: 'ringing' | 'answered';
  answered_at: string | null;
  legs: { direction: 'inbound' | 'outbound'; rtp_port: number }[];
}

export async function liveCalls(api: ApiClient): Promise<LiveCall[]> {
  const res = await api.request('GET', '/api/calls');
  if (res.status !== 200) throw new Error(`GET /api/calls: ${res.status}`);
  return (res.body as { items: LiveCall[] }).items;
}

/** Hangs every live call up through the API (the box sends BYE both ways) and waits until none is left. */
export async function hangupAll(api: ApiClient, timeoutMs = 60_000): Promise<number> {
  const calls = await liveCalls(api);
  for (let i = 0; i < calls.length; i += 50) {
    await Promise.all(calls.slice(i, i + 50).map((c) => api.request('POST', `/api/calls/${c.id}/hangup`)));
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await liveCalls(api)).length > 0) await Bun.sleep(250);
  return calls.length;
}
