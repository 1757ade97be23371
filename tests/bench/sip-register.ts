/**
 * Sustained authenticated REGISTERs per second, driven by SIPp: each SIPp
 * call is one registration (REGISTER, 401, REGISTER with digest, 200) of one
 * of 10,000 extensions. Steps up the offered rate; a step is sustained when
 * SIPp completes at least 95% of the offered rate with under 1% failed
 * calls. Prints the box's CPU% and RSS at each step, RSS with 10,000 live
 * bindings, and the same steps against a canned responder as the baseline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, freePort, ROOT, startAppliance } from '../support/appliance-process.ts';
import { credentialRows, runSipp } from '../support/sipp.ts';

const USERS = 10_000;
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 8);
const STEPS = (process.env.BENCH_REGISTER_RATES ?? '4000,6000,8000,9000,10000,11000,12000').split(',').map(Number);
/** Timer J (64·T1) and a margin: each step starts without the previous step's remembered responses. */
const SETTLE_MS = 34_000;

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

interface Step {
  offered: number;
  achieved: number;
  failedPct: number;
  retransPct: number;
  cpuPct: number;
  rssMb: number;
}

async function step(target: string, pid: number, offered: number, rows: string[]): Promise<Step> {
  const calls = offered * STEP_SECONDS;
  const ticks0 = cpuTicks(pid);
  const t0 = performance.now();
  const r = await runSipp({ scenario: 'register-load.xml', target, rows, calls, rate: offered, timeoutSeconds: STEP_SECONDS * 4 + 10 });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = ((cpuTicks(pid) - ticks0) / 100 / seconds) * 100;
  return {
    offered,
    achieved: r.successful / seconds,
    failedPct: (100 * (Number.isNaN(r.failed) ? calls : r.failed)) / calls,
    retransPct: (100 * r.retransmissions) / (2 * calls),
    cpuPct: cpu,
    rssMb: rssMb(pid),
  };
}

const sustained = (s: Step) => s.achieved >= 0.95 * s.offered && s.failedPct < 1;

function print(label: string, steps: Step[]): void {
  console.log(`  ${label}`);
  for (const s of steps) {
    console.log(
      `    offered ${String(s.offered).padStart(6)}/s  completed ${Math.round(s.achieved).toString().padStart(6)}/s  failed ${s.failedPct.toFixed(2)}%  retrans ${s.retransPct.toFixed(1)}%  CPU ${Math.round(s.cpuPct)}%  RSS ${Math.round(s.rssMb)} MB${sustained(s) ? '' : '  (not sustained)'}`,
    );
  }
  const best = steps.filter(sustained).at(-1);
  console.log(`    highest sustained: ${best ? `${best.offered}/s` : 'none of the steps'}`);
}

export async function benchSipRegister(): Promise<void> {
  const numbers = Array.from({ length: USERS }, (_, i) => String(200000 + i));
  const provision = [
    'admin: { username: admin, password: "Adm1n-pass!" }',
    'sip_security: { failure_threshold: 10, failure_window_s: 120, ban_s: 900, scanner_ban_s: 86400, rate_per_s: 1000000, rate_burst: 1000000, trusted: [], digest_algorithms: [MD5] }',
    'extensions:',
    ...numbers.map((n) => `  - { number: "${n}", name: "Load ${n}", secret: "pw-${n}-xyz" }`),
  ].join('\n');
  const rows = credentialRows(numbers.map((n) => [n, `pw-${n}-xyz`]));
  console.log(`\nAuthenticated REGISTERs/s driven by SIPp (${USERS.toLocaleString('en')} extensions, ${STEP_SECONDS} s per step, SIPp and the box share 2 cores)`);

  const box = await startAppliance({ provision, env: { LOG_LEVEL: 'info' }, timeoutMs: 60_000 });
  const steps: Step[] = [];
  for (const offered of STEPS) {
    // Let the previous step's remembered responses (Timer J) expire, so each step measures its own steady state.
    if (steps.length > 0) await Bun.sleep(SETTLE_MS);
    const s = await step(`127.0.0.1:${box.sipPort}`, box.pid, offered, rows);
    steps.push(s);
    if (s.failedPct > 20) break;
  }
  print('appliance', steps);
  // All 10,000 extensions have registered by now; let transactions age out and measure the bindings alone.
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  await Bun.sleep(35_000);
  const status = (await api.request('GET', '/api/sip/status')).body as { bindings: number; transactions: { total: number } };
  console.log(`  RSS with ${status.bindings.toLocaleString('en')} bindings, right after the load (transactions left: ${status.transactions.total}): ${Math.round(rssMb(box.pid))} MB`);
  await box.stop();
  // The same bindings in a fresh process, restored from disk: what 10,000 registered phones cost at rest.
  const fresh = await startAppliance({ dataDir: box.dataDir, env: { LOG_LEVEL: 'info' }, timeoutMs: 60_000 });
  await Bun.sleep(3000);
  const freshApi = new ApiClient(fresh.httpUrl);
  await freshApi.login('admin', 'Adm1n-pass!');
  const restored = ((await freshApi.request('GET', '/api/sip/status')).body as { bindings: number }).bindings;
  console.log(`  RSS with ${restored.toLocaleString('en')} bindings restored in a fresh process, idle: ${Math.round(rssMb(fresh.pid))} MB`);
  await fresh.stop();
  box.cleanup();

  const port = await freePort();
  const canned = Bun.spawn([process.execPath, join(ROOT, 'tests/bench/canned-registrar.ts'), String(port)], { stdout: 'pipe' });
  await new Response(canned.stdout).body?.getReader().read();
  const baseline: Step[] = [];
  for (const offered of STEPS) baseline.push(await step(`127.0.0.1:${port}`, canned.pid, offered, rows));
  canned.kill('SIGTERM');
  await canned.exited;
  print('baseline: canned responder (no parsing, no digest, no state)', baseline);
  const ours = steps.filter(sustained).at(-1)?.offered ?? 0;
  const ceiling = baseline.filter(sustained).at(-1)?.offered ?? 0;
  if (ceiling > 0) console.log(`  ratio to baseline (highest sustained): ${(ours / ceiling).toFixed(2)}`);
}
