/**
 * Foundation figures, printed, never asserted.
 *  - cold start to ready: spawn → `ready` log line and /api/health 200 (median of 5)
 *  - idle RSS after start with the example configuration
 *  - API latency p50/p99 and throughput for an authenticated GET under 200
 *    concurrent requests, with /api/health (no auth, no database) measured
 *    the same way in the same run as the baseline.
 * The load generator runs on the same 2-core machine, so it competes with
 * the service for CPU; the ratio to the baseline is the comparable figure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, ROOT, startAppliance } from '../support/appliance-process.ts';

const EXAMPLE = readFileSync(join(ROOT, 'provisioning/example.yaml'), 'utf8');
const CONCURRENCY = 200;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function coldStart(): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const box = await startAppliance({ provision: EXAMPLE });
    while ((await fetch(`${box.httpUrl}/api/health`)).status !== 200) await Bun.sleep(1);
    runs.push(performance.now() - t0);
    await box.stop();
    box.cleanup();
  }
  return runs.sort((a, b) => a - b)[2] as number;
}

async function load(url: string, headers: Record<string, string>): Promise<{ p50: number; p99: number; rps: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (issued < REQUESTS) {
      issued++;
      const start = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      latencies.push(performance.now() - start);
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / seconds, errors };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export async function benchFoundation(): Promise<void> {
  const cold = await coldStart();
  const box = await startAppliance({ provision: EXAMPLE, env: { LOG_LEVEL: 'info' } });
  await Bun.sleep(2000);
  const idle = rssMb(box.pid);
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  for (let i = 0; i < 47; i++) await api.request('POST', '/api/extensions', { number: String(2000 + i), name: `Agent ${i}`, secret: `pw-${2000 + i}-xyz` });
  const auth = { authorization: `Bearer ${api.token}` };

  await load(`${box.httpUrl}/api/health`, {}); // warm-up
  const baseline = await load(`${box.httpUrl}/api/health`, {});
  const authed = await load(`${box.httpUrl}/api/extensions`, auth);
  const loadedRss = rssMb(box.pid);
  await box.stop();
  box.cleanup();

  console.log('\nFoundation benchmark (one process, client and service share 2 cores)');
  console.log(`cold start to ready:       ${fmt(cold, 0)} ms (median of 5, fresh data dir + example provisioning)`);
  console.log(`idle RSS:                  ${fmt(idle)} MB (after start, 2 s idle); ${fmt(loadedRss)} MB after the load runs`);
  console.log(`GET /api/health baseline:  p50 ${fmt(baseline.p50, 2)} ms, p99 ${fmt(baseline.p99, 2)} ms, ${fmt(baseline.rps, 0)} req/s, ${baseline.errors} errors`);
  console.log(
    `GET /api/extensions (auth, 50 rows, ${CONCURRENCY} concurrent): p50 ${fmt(authed.p50, 2)} ms, p99 ${fmt(authed.p99, 2)} ms, ${fmt(authed.rps, 0)} req/s, ${authed.errors} errors`,
  );
  console.log(`ratio to baseline:         p99 x${fmt(authed.p99 / baseline.p99, 2)}, throughput x${fmt(authed.rps / baseline.rps, 2)}`);
}
