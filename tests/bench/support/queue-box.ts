/**
 * The box as the queue benches run it: a carrier trunk trusted by its
 * address and port, a DID routed to a queue, the queue's agents (extension
 * members, or agents by work number), SIP rate limits lifted as in
 * bench-box.ts; and the readings the benches take from it — the ACD's live
 * counters and the call records of queue calls.
 */
import { type ApplianceProcess, ApiClient, startAppliance } from '../../support/appliance-process.ts';
import { BOX_RTP_PORTS } from './bench-box.ts';

export const QUEUE_DID = '4008006001';
export const ADMIN = { username: 'admin', password: 'Adm1n-pass!' };

/** One carrier address: every INVITE from `port` on 127.0.0.1 is the carrier's, trusted without a digest. */
export interface CarrierTrunk {
  name: string;
  port: number;
  did: string;
  queue: string;
}

export interface QueueDefinition {
  number: string;
  /** Extension members, always logged in at themselves. */
  extensions: string[];
  /** Members by work number, who log in at an extension through the API. */
  workAgents: string[];
  /** 0 = no longest wait. */
  maxWaitS: number;
}

export interface QueueBoxOptions {
  /** Extensions to provision (number → SIP secret). */
  extensions: [number: string, secret: string][];
  /** Agents by work number (work number → PIN). */
  agents: [work: string, pin: string][];
  queues: QueueDefinition[];
  trunks: CarrierTrunk[];
  recording: 'all' | 'none';
}

export interface QueueBox {
  box: ApplianceProcess;
  api: ApiClient;
  target: string;
}

/** A distinct SIP secret per generated extension. */
export const benchSecret = (extension: string) => `pw-${extension}-queue`;

export function queueBoxYaml(o: QueueBoxOptions): string {
  const lines = [
    `admin: { username: ${ADMIN.username}, password: "${ADMIN.password}" }`,
    'extensions:',
    ...o.extensions.map(([n, secret]) => `  - { number: "${n}", name: "Agent ${n}", secret: "${secret}" }`),
  ];
  if (o.agents.length > 0) lines.push('agents:', ...o.agents.map(([work, pin]) => `  - { work_number: "${work}", name: "Agent ${work}", pin: "${pin}" }`));
  lines.push(
    'queues:',
    ...o.queues.map((q) => {
      const members = q.workAgents.length > 0 ? `, members: [${q.workAgents.map((a) => `{ agent: "${a}" }`).join(', ')}]` : '';
      return `  - { number: "${q.number}", name: "Bench ${q.number}", strategy: round_robin, agents: [${q.extensions.map((e) => `"${e}"`).join(', ')}]${members}, ring_timeout: 15, max_wait: ${q.maxWaitS}, wrap_up: 0 }`;
    }),
    // No OPTIONS pings: a SIPp scenario fails on a request it does not expect.
    'trunks:',
    ...o.trunks.map((t) => `  - { name: ${t.name}, type: sip, host: 127.0.0.1, port: ${t.port}, options_interval_s: 0 }`),
    'inbound_routes:',
    ...o.trunks.map((t) => `  - { did: "${t.did}", destination: { queue: "${t.queue}" } }`),
    // As in bench-box.ts: one address places every call.
    'sip_security: { failure_threshold: 10, failure_window_s: 120, ban_s: 900, scanner_ban_s: 86400, rate_per_s: 1000000, rate_burst: 1000000, trusted: [], digest_algorithms: [MD5] }',
    `recording: { mode: ${o.recording} }`,
  );
  return `${lines.join('\n')}\n`;
}

export async function startQueueBox(o: QueueBoxOptions): Promise<QueueBox> {
  const box = await startAppliance({
    provision: queueBoxYaml(o),
    env: { LOG_LEVEL: 'info', RTP_PORTS: `${BOX_RTP_PORTS.min}-${BOX_RTP_PORTS.max}` },
    timeoutMs: 90_000,
    bunArgs: process.env.BENCH_BOX_PROFILE ? ['--cpu-prof-md', `--cpu-prof-dir=${process.env.BENCH_BOX_PROFILE}`] : [],
  });
  try {
    const api = new ApiClient(box.httpUrl);
    await api.login(ADMIN.username, ADMIN.password);
    return { box, api, target: `127.0.0.1:${box.sipPort}` };
  } catch (error) {
    await box.stop();
    box.cleanup();
    throw error;
  }
}

export interface QueueCounters {
  offered: number;
  answered: number;
  abandoned: number;
  waiting: number;
}

export interface AgentReading {
  agent: string;
  state: string;
  reason: string | null;
  extension: string | null;
}

interface StatusBody {
  queues: { number: string; offered: number; answered: number; abandoned: number; waiting: unknown[] }[];
  agents: AgentReading[];
}

async function acdStatus(api: ApiClient): Promise<StatusBody> {
  const res = await api.request('GET', '/api/acd/status');
  if (res.status !== 200) throw new Error(`GET /api/acd/status: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body as StatusBody;
}

/** The queue's counters for today (they start again at the box's midnight). */
export async function queueCounters(api: ApiClient, queue: string): Promise<QueueCounters> {
  const q = (await acdStatus(api)).queues.find((x) => x.number === queue);
  if (!q) throw new Error(`queue ${queue} is not in /api/acd/status`);
  return { offered: q.offered, answered: q.answered, abandoned: q.abandoned, waiting: q.waiting.length };
}

export async function agentReading(api: ApiClient, agent: string): Promise<AgentReading | null> {
  return (await acdStatus(api)).agents.find((a) => a.agent === agent) ?? null;
}

export interface CdrTally {
  /** Records of calls to the DID written after `afterId`. */
  records: number;
  /** Of those, the ones an agent took (the record names the agent). */
  withAgent: number;
  byDisposition: Record<string, number>;
  lastId: number;
}

interface CdrRow {
  id: number;
  to: string;
  disposition: string;
  agent: string | null;
}

/** The newest CDR id (0 before the first call). */
export async function lastCdrId(api: ApiClient): Promise<number> {
  const res = await api.request('GET', '/api/cdr?limit=1');
  if (res.status !== 200) throw new Error(`GET /api/cdr: ${res.status}`);
  return (res.body as { items: CdrRow[] }).items[0]?.id ?? 0;
}

/** Counts the records of calls to `did` newer than `afterId`, a page of 1,000 at a time (at most `maxPages`). */
export async function tallyCdrs(api: ApiClient, did: string, afterId: number, maxPages = 50): Promise<CdrTally> {
  const tally: CdrTally = { records: 0, withAgent: 0, byDisposition: {}, lastId: afterId };
  let before: number | null = null;
  for (let page = 0; page < maxPages; page++) {
    const res = await api.request('GET', `/api/cdr?limit=1000${before === null ? '' : `&before=${before}`}`);
    if (res.status !== 200) throw new Error(`GET /api/cdr: ${res.status}`);
    const items = (res.body as { items: CdrRow[] }).items;
    for (const r of items) {
      if (r.id <= afterId) return tally;
      tally.lastId = Math.max(tally.lastId, r.id);
      if (r.to !== did) continue;
      tally.records += 1;
      if (r.agent !== null) tally.withAgent += 1;
      tally.byDisposition[r.disposition] = (tally.byDisposition[r.disposition] ?? 0) + 1;
    }
    const oldest = items.at(-1);
    if (!oldest) return tally;
    before = oldest.id;
  }
  return tally;
}

/** Waits (bounded) until the box has no live call left; returns how many were still up at the deadline. */
export async function untilNoCalls(api: ApiClient, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.request('GET', '/api/calls');
    const left = res.status === 200 ? (res.body as { items: unknown[] }).items.length : Number.NaN;
    if (left === 0 || Date.now() >= deadline) return left;
    await Bun.sleep(250);
  }
}

/** How many JSON log records the box has printed so far (a mark for boxComplaints). */
export const logMark = (box: ApplianceProcess) => box.records().length;

/** The box's warnings and errors since `mark`, grouped by message, most frequent first. */
export function boxComplaints(box: ApplianceProcess, mark: number, top = 5): string[] {
  const counts = new Map<string, { n: number; example: Record<string, unknown> }>();
  for (const r of box.records().slice(mark)) {
    if (r.level !== 'warn' && r.level !== 'error') continue;
    const key = `${r.level} ${String(r.msg)}`;
    const c = counts.get(key);
    if (c) c.n += 1;
    else counts.set(key, { n: 1, example: r });
  }
  return [...counts]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, top)
    .map(([key, c]) => {
      const { time: _t, level: _l, msg: _m, ...fields } = c.example;
      return `${c.n}× ${key}  e.g. ${JSON.stringify(fields).slice(0, 300)}`;
    });
}
