/**
 * Queue calls through the ACD, printed, never asserted.
 *
 * 1. Queue calls per second, every one connected to an agent: a SIPp
 *    carrier calls a DID routed to queue 6001 at rates stepping up; the box
 *    answers each caller at once (hold music), the ACD picks a free agent
 *    (round robin over N extension members, all registered from one SIPp
 *    called phone that answers at once and waits for BYE) and bridges them;
 *    the caller hangs up H ms after the box's 200. SIPp counts every call
 *    a success because the box answers it, so whether an agent took it is
 *    read from the box: the queue's counters in /api/acd/status (offered,
 *    answered, abandoned deltas per step) and, as a cross-check, the step's
 *    CDRs that name an agent. A step is sustained when at least 99% of the
 *    calls placed were connected to an agent and none was abandoned.
 * 2. Agent free → INVITE leaving the box: one agent by work number (8001),
 *    logged in at an extension registered from a UDP port the bench binds
 *    itself, paused, with callers waiting in queue 6002. Each round: t0
 *    before POST …/available, t1 when the INVITE reaches the socket; then
 *    POST …/pause (kept pending during the ring), 486 Busy Here; the box
 *    ACKs, the caller goes back to its place and the agent ends up paused.
 *    t1 − t0 includes the HTTP request.
 */
import { freeUdpPort } from '../support/free-ports.ts';
import { registerAgentPhones, type AgentPhones } from './support/agent-phones.ts';
import { freeMediaPort, hangupAll } from './support/bench-box.ts';
import { ProcessMeter, rssMb } from './support/process-meter.ts';
import {
  agentReading,
  benchSecret,
  boxComplaints,
  type CarrierTrunk,
  lastCdrId,
  logMark,
  QUEUE_DID,
  type QueueBox,
  queueCounters,
  startQueueBox,
  tallyCdrs,
  untilNoCalls,
} from './support/queue-box.ts';
import { RefusingPhone, type ReceivedInvite } from './support/refusing-phone.ts';
import { errorReasons, spawnSipp } from './support/sipp-load.ts';

const env = process.env;
const STEP_SECONDS = Number(env.BENCH_STEP_SECONDS ?? 15);
const RATES = (env.BENCH_QUEUE_RATES ?? '50,100,150,200,300').split(',').map(Number);
const HOLD_MS = Number(env.BENCH_QUEUE_HOLD_MS ?? 1000);
/** Each agent is busy about H ms a call: N agents take at most N / H calls a second, so N stays above the highest rate × H. */
const AGENTS = Number(env.BENCH_QUEUE_AGENTS ?? 400);
/** Timer J / the INVITE Accepted state (64·T1) and a margin, as in calls.ts. */
const SETTLE_MS = Number(env.BENCH_SETTLE_MS ?? 34_000);
const RECORDING = env.BENCH_QUEUE_RECORDING === 'all' ? 'all' : 'none';
const ROUNDS = Number(env.BENCH_QUEUE_ROUNDS ?? 200);
const ROUNDS_BUDGET_MS = Number(env.BENCH_QUEUE_ROUNDS_BUDGET_MS ?? 180_000);
const WAITING_CALLERS = 5;
const SUSTAINED_PCT = 99;
const INVITE_WAIT_MS = 3000;

const QUEUE = '6001';
const WAIT_QUEUE = '6002';
const WAIT_DID = '4008006002';
const AGENT = '8001';
const AGENT_EXTENSION = '3001';
const FIRST_EXTENSION = 2001;
/** Callers' numbers (SIPp cycles through them). */
const CALLER_ROWS = Array.from({ length: 1000 }, (_, i) => `1380000${String(i).padStart(4, '0')}`);

interface Step {
  rate: number;
  placed: number;
  /** Calls SIPp completed (the box answered them): with the box's own answer, not an agent's. */
  sippOk: number;
  sippFailed: number;
  offered: number;
  connected: number;
  abandoned: number;
  /** Still waiting in the queue after the step. */
  waiting: number;
  cdrRecords: number;
  cdrWithAgent: number;
  cdrDispositions: Record<string, number>;
  callsLeft: number;
  seconds: number;
  achieved: number;
  boxCpu: number;
  boxRss: number;
  uacCpu: number;
  uasCpu: number;
  machineCpu: number;
  retransUac: number;
  retransUas: number;
  retransFromBox: number;
  timeouts: number;
  unexpected: number;
  uasFailed: number;
  errors: string[];
  countersReset: boolean;
}

const pct = (n: number) => `${Math.round(n)}%`.padStart(5);
const connectedPct = (s: Step) => (100 * s.connected) / s.placed;
const sustained = (s: Step) => connectedPct(s) >= SUSTAINED_PCT && s.abandoned === 0;

async function step(b: QueueBox, phones: AgentPhones, carrierPort: number, rate: number): Promise<Step> {
  const placed = rate * STEP_SECONDS;
  const before = await queueCounters(b.api, QUEUE);
  const cdr0 = await lastCdrId(b.api);
  const uas = await phones.answer('bench-uas-noaudio.xml', STEP_SECONDS * 3 + 180);
  const meter = new ProcessMeter({ box: b.box.pid, uas: uas.pid });
  const uac = spawnSipp({
    scenario: 'bench-queue-caller.xml',
    target: b.target,
    port: carrierPort,
    mediaPort: await freeMediaPort(),
    rows: CALLER_ROWS,
    args: [
      ...['-s', QUEUE_DID, '-d', String(HOLD_MS)],
      ...['-m', String(placed), '-r', String(rate), '-l', String(Math.ceil(rate * (HOLD_MS / 1000 + 1)))],
      ...['-recv_timeout', '10000', '-timeout', String(STEP_SECONDS * 3 + 30), '-timeout_error'],
    ],
  });
  const r = await uac.result;
  const { processes, machineCpuPct } = meter.stop();
  // The agents' BYEs are answered by the SIPp phone: it stops only once the box has no call left.
  const callsLeft = await untilNoCalls(b.api, 30_000);
  const u = await uas.stop();
  await Bun.sleep(1000);
  const after = await queueCounters(b.api, QUEUE);
  const cdr = await tallyCdrs(b.api, QUEUE_DID, cdr0);
  const countersReset = after.offered < before.offered;
  const sippOk = Number.isNaN(r.successful) ? 0 : r.successful;
  const connected = countersReset ? cdr.withAgent : after.answered - before.answered;
  return {
    rate,
    placed,
    sippOk,
    sippFailed: Number.isNaN(r.failed) ? placed - sippOk : r.failed,
    offered: countersReset ? cdr.records : after.offered - before.offered,
    connected,
    abandoned: countersReset ? (cdr.byDisposition.abandoned ?? 0) : after.abandoned - before.abandoned,
    waiting: after.waiting,
    cdrRecords: cdr.records,
    cdrWithAgent: cdr.withAgent,
    cdrDispositions: cdr.byDisposition,
    callsLeft,
    seconds: r.elapsedSeconds,
    achieved: connected / Math.max(1, r.elapsedSeconds - HOLD_MS / 1000),
    boxCpu: processes.box?.cpuPct ?? Number.NaN,
    boxRss: processes.box?.rssMb ?? Number.NaN,
    uacCpu: (100 * r.cpuSeconds) / r.elapsedSeconds,
    uasCpu: processes.uas?.cpuPct ?? Number.NaN,
    machineCpu: machineCpuPct,
    retransUac: r.retransSent,
    retransUas: u.retransSent,
    retransFromBox: r.retransReceived + u.retransReceived,
    timeouts: r.timeouts + u.timeouts,
    unexpected: r.unexpected + u.unexpected,
    uasFailed: Number.isNaN(u.failed) ? 0 : u.failed,
    errors: [...errorReasons(r.errors).map((e) => `carrier: ${e}`), ...errorReasons(u.errors).map((e) => `agents: ${e}`)],
    countersReset,
  };
}

function printStep(s: Step): void {
  const dispositions = Object.entries(s.cdrDispositions)
    .map(([d, n]) => `${d} ${n}`)
    .join(', ');
  console.log(
    `    ${String(s.rate).padStart(4)}/s  placed ${String(s.placed).padStart(5)}  offered ${String(s.offered).padStart(5)}  connected ${String(s.connected).padStart(5)} (${connectedPct(s).toFixed(2).padStart(6)}%)  abandoned ${String(s.abandoned).padStart(4)}` +
      `  achieved ${String(Math.round(s.achieved)).padStart(4)}/s  box CPU ${pct(s.boxCpu)} RSS ${Math.round(s.boxRss)} MB  SIPp CPU carrier ${pct(s.uacCpu)} agents ${pct(s.uasCpu)}  machine ${pct(s.machineCpu)}` +
      `  retrans carrier ${s.retransUac} agents ${s.retransUas} box ${s.retransFromBox}  timeouts ${s.timeouts} unexpected ${s.unexpected}${sustained(s) ? '' : '  (not sustained)'}`,
  );
  console.log(
    `           SIPp carrier ok ${s.sippOk} failed ${s.sippFailed}; agents' SIPp failed ${s.uasFailed}; CDRs ${s.cdrRecords} (with an agent ${s.cdrWithAgent}: ${dispositions || 'none'}); still waiting ${s.waiting}; live calls left ${s.callsLeft}${s.countersReset ? '; queue counters were reset (midnight): CDR figures used' : ''}`,
  );
  if (s.sippFailed + s.timeouts + s.unexpected + s.uasFailed > 0) for (const e of s.errors) console.log(`           ${e}`);
}

function limitHint(steps: Step[]): string {
  const first = steps.find((s) => !sustained(s));
  if (!first) return 'every step held; the limit is above the highest rate offered';
  const busiest = [
    ['the box', first.boxCpu],
    ['the SIPp carrier', first.uacCpu],
    ['the SIPp agents', first.uasCpu],
  ].sort((x, y) => (y[1] as number) - (x[1] as number))[0] as [string, number];
  return `at ${first.rate}/s the machine was ${Math.round(first.machineCpu)}% busy of 200%; busiest: ${busiest[0]} at ${Math.round(busiest[1])}%`;
}

async function queueCallRate(): Promise<void> {
  const extensions = Array.from({ length: AGENTS }, (_, i) => String(FIRST_EXTENSION + i));
  const carrier: CarrierTrunk = { name: 'carrier', port: await freeUdpPort(), did: QUEUE_DID, queue: QUEUE };
  console.log(
    `  1. queue calls per second: SIPp carrier → DID ${QUEUE_DID} → queue ${QUEUE} (round robin over ${AGENTS} extensions, one SIPp phone answering for all) ; ` +
      `${STEP_SECONDS} s per step, caller hangs up ${HOLD_MS} ms after the box's 200, recording: ${RECORDING}; agent pool ceiling ≈ ${Math.round(AGENTS / (HOLD_MS / 1000))} calls/s`,
  );
  const b = await startQueueBox({
    extensions: extensions.map((e) => [e, benchSecret(e)]),
    agents: [],
    queues: [{ number: QUEUE, extensions, workAgents: [], maxWaitS: 120 }],
    trunks: [carrier],
    recording: RECORDING,
  });
  const mark = logMark(b.box);
  const steps: Step[] = [];
  try {
    const t = performance.now();
    const phones = await registerAgentPhones({ target: b.target, extensions: extensions.map((e) => [e, benchSecret(e)]), rate: 100 });
    console.log(`    ${phones.registered} extensions registered from UDP ${phones.port} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const rate of RATES) {
      if (steps.length > 0) await Bun.sleep(SETTLE_MS);
      const s = await step(b, phones, carrier.port, rate);
      printStep(s);
      steps.push(s);
      if (connectedPct(s) < 90) break;
    }
    await Bun.sleep(SETTLE_MS);
    const status = (await b.api.request('GET', '/api/sip/status')).body as { transactions?: { total: number } };
    console.log(`    box RSS ${Math.round(rssMb(b.box.pid))} MB ${SETTLE_MS / 1000} s after the load (SIP transactions left: ${status.transactions?.total ?? '?'})`);
  } finally {
    const complaints = boxComplaints(b.box, mark);
    await b.box.stop();
    b.box.cleanup();
    if (complaints.length > 0) console.log(`    the box's warnings and errors:\n${complaints.map((c) => `      ${c}`).join('\n')}`);
  }
  const best = steps.filter(sustained).at(-1);
  console.log(`    highest sustained rate: ${best ? `${best.rate} queue calls/s` : 'none of the steps'}; ${limitHint(steps)}`);
  const verdict = best === undefined ? 'below every step' : best.rate >= 150 ? 'meets the target' : best.rate > 40 ? 'above Asterisk, below the target' : 'not above Asterisk';
  console.log(`    references: Asterisk app_queue ≈ 40/s on this kind of machine, target 150/s — ${best ? `${best.rate}/s` : 'none'}: ${verdict}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Rounds {
  latencies: number[];
  /** POST …/available alone, ms. */
  http: number[];
  /** Rounds whose INVITE reached the socket before the POST's response. */
  inviteFirst: number;
  missed: number;
  unacked: number;
  notPaused: number;
  /** INVITEs that came when no round was waiting for one. */
  stray: number;
  httpErrors: string[];
}

/** Polls the ACD until the agent is in `state` (bounded). */
async function untilAgentState(b: QueueBox, state: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ((await agentReading(b.api, AGENT))?.state === state) return true;
    if (performance.now() >= deadline) return false;
    await Bun.sleep(5);
  }
}

async function pause(b: QueueBox, r: Rounds): Promise<void> {
  const res = await b.api.request('POST', `/api/acd/agents/${AGENT}/pause`, { reason: 'break' });
  if (res.status !== 200) r.httpErrors.push(`pause ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
}

async function oneRound(b: QueueBox, phone: RefusingPhone, r: Rounds): Promise<void> {
  // An INVITE that came after its round gave up: refused, so it does not ring out its 15 s.
  for (const late of phone.drain()) {
    r.stray += 1;
    phone.refuse(late);
  }
  const t0 = performance.now();
  const res = await b.api.request('POST', `/api/acd/agents/${AGENT}/available`);
  const tHttp = performance.now();
  if (res.status !== 200) r.httpErrors.push(`available ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  const invite: ReceivedInvite | null = await phone.nextInvite(INVITE_WAIT_MS);
  r.http.push(tHttp - t0);
  if (invite === null) {
    r.missed += 1;
    await pause(b, r);
    if (!(await untilAgentState(b, 'paused', 2000))) r.notPaused += 1;
    return;
  }
  r.latencies.push(invite.at - t0);
  if (invite.at < tHttp) r.inviteFirst += 1;
  // Asked for while the phone rings: the pause is kept pending and applies when the ring fails.
  await pause(b, r);
  phone.refuse(invite);
  if (!(await phone.untilAck(invite, 2000))) r.unacked += 1;
  if (!(await untilAgentState(b, 'paused', 2000))) r.notPaused += 1;
}

async function agentFreeToInvite(): Promise<void> {
  const carrier: CarrierTrunk = { name: 'waiting-carrier', port: await freeUdpPort(), did: WAIT_DID, queue: WAIT_QUEUE };
  console.log(
    `  2. agent free → INVITE leaving the box: agent ${AGENT} at extension ${AGENT_EXTENSION} (a UDP socket of the bench), ${WAITING_CALLERS} callers waiting in queue ${WAIT_QUEUE}; up to ${ROUNDS} rounds of available → INVITE → pause → 486`,
  );
  const b = await startQueueBox({
    extensions: [[AGENT_EXTENSION, benchSecret(AGENT_EXTENSION)]],
    agents: [[AGENT, '1234']],
    queues: [{ number: WAIT_QUEUE, extensions: [], workAgents: [AGENT], maxWaitS: 0 }],
    trunks: [carrier],
    recording: 'none',
  });
  const mark = logMark(b.box);
  const r: Rounds = { latencies: [], http: [], inviteFirst: 0, missed: 0, unacked: 0, notPaused: 0, stray: 0, httpErrors: [] };
  let phone: RefusingPhone | null = null;
  let callers: ReturnType<typeof spawnSipp> | null = null;
  let waitingAtEnd = Number.NaN;
  try {
    const phones = await registerAgentPhones({ target: b.target, extensions: [[AGENT_EXTENSION, benchSecret(AGENT_EXTENSION)]] });
    phone = await RefusingPhone.bind(phones.port);
    const login = await b.api.request('POST', `/api/acd/agents/${AGENT}/login`, { extension: AGENT_EXTENSION });
    if (login.status !== 200) throw new Error(`POST /api/acd/agents/${AGENT}/login: ${login.status} ${JSON.stringify(login.body)}`);
    await pause(b, r);
    if (!(await untilAgentState(b, 'paused', 2000))) throw new Error(`agent ${AGENT} is not paused after login + pause: ${JSON.stringify(await agentReading(b.api, AGENT))}`);
    callers = spawnSipp({
      scenario: 'bench-queue-caller-wait.xml',
      target: b.target,
      port: carrier.port,
      mediaPort: await freeMediaPort(),
      rows: CALLER_ROWS,
      args: ['-s', WAIT_DID, '-m', String(WAITING_CALLERS), '-r', '10', '-timeout', String(Math.ceil(ROUNDS_BUDGET_MS / 1000) + 120), '-timeout_error'],
    });
    const deadline = Date.now() + 15_000;
    while ((await queueCounters(b.api, WAIT_QUEUE)).waiting < WAITING_CALLERS && Date.now() < deadline) await Bun.sleep(100);
    const waiting = (await queueCounters(b.api, WAIT_QUEUE)).waiting;
    if (waiting < WAITING_CALLERS) throw new Error(`only ${waiting} of ${WAITING_CALLERS} callers are waiting in queue ${WAIT_QUEUE}`);
    for (const early of phone.drain()) {
      r.stray += 1;
      phone.refuse(early);
    }
    const end = performance.now() + ROUNDS_BUDGET_MS;
    for (let i = 0; i < ROUNDS && performance.now() < end; i++) await oneRound(b, phone, r);
    await Bun.sleep(200);
    for (const late of phone.drain()) {
      r.stray += 1;
      phone.refuse(late);
    }
    waitingAtEnd = (await queueCounters(b.api, WAIT_QUEUE)).waiting;
    await hangupAll(b.api, 15_000);
  } catch (error) {
    console.log(`    stopped: ${(error as Error).message.slice(0, 1500)}`);
  } finally {
    const callerResult = await callers?.stop(3000);
    phone?.close();
    const complaints = boxComplaints(b.box, mark);
    await b.box.stop();
    b.box.cleanup();
    if (callerResult && callerResult.successful !== WAITING_CALLERS)
      console.log(`    SIPp callers: ${callerResult.successful} of ${WAITING_CALLERS} ended as expected; ${errorReasons(callerResult.errors).join('; ') || callerResult.output.slice(-600)}`);
    if (complaints.length > 0) console.log(`    the box's warnings and errors:\n${complaints.map((c) => `      ${c}`).join('\n')}`);
  }
  const rounds = r.latencies.length + r.missed;
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const http = [...r.http].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  console.log(
    `    ${r.latencies.length} of ${rounds} rounds got their INVITE; POST available → INVITE at the socket (includes the HTTP request): p50 ${f(percentile(sorted, 50))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? Number.NaN)} ms` +
      `  (the POST alone: p50 ${f(percentile(http, 50))} ms; INVITE before its response in ${r.inviteFirst} rounds)`,
  );
  const c = phone?.counters;
  console.log(
    `    486 not ACKed ${r.unacked}; agent not back to paused ${r.notPaused}; INVITE retransmissions ${c?.retransmissions ?? '?'}; stray INVITEs ${r.stray}; other requests ${JSON.stringify(c?.other ?? {})}; callers still waiting at the end ${waitingAtEnd} of ${WAITING_CALLERS}`,
  );
  if (r.httpErrors.length > 0) console.log(`    HTTP errors (${r.httpErrors.length}): ${[...new Set(r.httpErrors)].slice(0, 3).join('; ')}`);
}

export async function benchQueueCalls(): Promise<void> {
  if (!Bun.which('sipp')) {
    console.log('\nqueue-calls: SIPp (Debian package sip-tester) is not installed; skipped');
    return;
  }
  console.log('\nQueue calls through the ACD (the box and SIPp share 2 cores; CPU% per core)');
  if (env.BENCH_QUEUE_PARTS !== '2') await queueCallRate();
  if (env.BENCH_QUEUE_PARTS !== '1') await agentFreeToInvite();
}
