/**
 * The ACD end to end, with SIPp as the carrier and as the agents' phones:
 * callers to a DID routed to queue 6001 wait (the box answers them at
 * once), agents who logged in over REST at extensions 1001–1003 are rung
 * in round-robin order and bridged, and every call is accounted for — the
 * queue log, the CDRs and the event stream tell the same story. A caller
 * who gives up while waiting is an abandoned call (呼损) with its wait and
 * position.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioWriter } from '../support/sipp-scenario.ts';
import { type BoxEvent, type CallFixture, type Cdr, type SippCallee, startCallFixture } from '../support/call-fixture.ts';
import { freeUdpPort, freeUdpPortRun } from '../support/free-ports.ts';
import { runSipp, sippAvailable } from '../support/sipp.ts';
import { THREE_PHONES_YAML } from '../support/three-phones.ts';

const DID = '4008006001';
const QUEUE = '6001';
/** Work number → the extension the agent logs in at. */
const AGENTS: [work: string, extension: string][] = [
  ['8001', '1001'],
  ['8002', '1002'],
  ['8003', '1003'],
];
const CALLS = 10;
const TALK_MS = 2000;
const ABANDON_MS = 2000;
/** How far the logged wait of an abandoned call may be from the caller's ABANDON_MS (loopback, one box). */
const WAIT_SLACK_MS = 300;

interface QueueLogRow {
  event: string;
  call_id: string;
  caller: string;
  agent: string | null;
  wait_ms: number | null;
  talk_ms: number | null;
  position: number | null;
}

let f: CallFixture;
let carrierPort: number;
const dir = mkdtempSync(join(tmpdir(), 'acd-queue-'));

const scenario = scenarioWriter(dir);

/** Polls `probe` until it returns something (a state the box reaches by itself, e.g. a row written behind). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await Bun.sleep(100);
  }
}

async function post(path: string, body?: unknown): Promise<void> {
  const res = await f.api.request('POST', path, body ?? {});
  if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function queueLog(): Promise<QueueLogRow[]> {
  const res = await f.api.request('GET', `/api/queue-log?queue=${QUEUE}`);
  if (res.status !== 200) throw new Error(`GET /api/queue-log: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as QueueLogRow[] | { items: QueueLogRow[] };
  return Array.isArray(body) ? body : body.items;
}

async function cdr(id: unknown): Promise<Cdr> {
  const res = await f.api.request('GET', `/api/cdr/${id}`);
  if (res.status !== 200) throw new Error(`GET /api/cdr/${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Cdr;
}

/** The carrier (SIPp on the trunk's address) places `rows.length` calls to the DID. */
function carrierCalls(o: { scenario: string; rows: string[]; rate: number; timeoutSeconds: number }) {
  return (async () =>
    runSipp({
      scenario: o.scenario,
      target: `127.0.0.1:${f.box.sipPort}`,
      rows: o.rows,
      calls: o.rows.length,
      rate: o.rate,
      localPort: carrierPort,
      timeoutSeconds: o.timeoutSeconds,
      extra: ['-s', DID, '-l', String(o.rows.length), '-mp', String(await freeUdpPortRun(4))],
    }))();
}

/** "Successful call" of SIPp's final statistics screen. */
function successfulCalls(output: string): number {
  const line = output.split('\n').reverse().find((l) => l.includes('Successful call'));
  return Number((line?.split('|')[2] ?? '').trim().split(/\s+/)[0] ?? Number.NaN);
}

/**
 * Offers that overlapped for one agent: each `queue.ringing` starts an offer, which lasts until that
 * call ended (`call.ended`) or the agent was let go without it (`agent.state` back to an idle state
 * after the ring). A second `queue.ringing` for the agent inside an open offer is a double offer.
 */
function doubleOffers(events: BoxEvent[], agent: string): string[] {
  const problems: string[] = [];
  let open: string | null = null;
  for (const e of events) {
    if (e.name === 'queue.ringing' && e.data.agent === agent) {
      if (open !== null) problems.push(`agent ${agent} offered call ${e.data.call_id} (seq ${e.seq}) while still on call ${open}`);
      open = e.data.call_id as string;
    } else if (open !== null && e.name === 'call.ended' && e.data.call_id === open) {
      open = null;
    } else if (open !== null && e.name === 'agent.state' && e.data.agent === agent && ['available', 'wrap_up', 'paused', 'logged_out'].includes(e.data.state as string)) {
      open = null;
    }
  }
  return problems;
}

beforeAll(async () => {
  carrierPort = await freeUdpPort();
  const members = AGENTS.map(([work]) => `{ agent: "${work}" }`).join(', ');
  const provision = `${THREE_PHONES_YAML}
agents:
  - { work_number: "8001", name: "张三", pin: "1234" }
  - { work_number: "8002", name: "李四", pin: "2345" }
  - { work_number: "8003", name: "王五", pin: "3456" }
trunks:
  # No OPTIONS pings: a SIPp scenario fails on a request it does not expect.
  - { name: carrier, type: sip, host: 127.0.0.1, port: ${carrierPort}, options_interval_s: 0 }
queues:
  - { number: "${QUEUE}", name: "Service", strategy: round_robin, members: [${members}], ring_timeout: 10, max_wait: 120, wrap_up: 0, auto_pause: false, announce_interval: 0, join_empty: true }
inbound_routes:
  - { did: "${DID}", destination: { queue: "${QUEUE}" } }
`;
  f = await startCallFixture({ rtpPorts: '35000-35999', provision });
}, 60_000);

afterAll(async () => {
  await f?.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe.skipIf(!sippAvailable())('ACD queue with SIPp callers and agents', () => {
  test('10 callers, 3 agents round robin: every call answered or abandoned, turns kept, no agent offered two calls at once', async () => {
    // The agents' phones: registered as 1001–1003, each answering every call and hanging up after TALK_MS.
    const agentUas = scenario('queue-agent-uas.xml', { TALK_MS: String(TALK_MS) });
    const phones = new Map<string, SippCallee>();
    for (const [work, extension] of AGENTS) phones.set(work, await f.sippCallee({ extension, scenario: agentUas }));
    const mark = f.events.mark();
    for (const [work, extension] of AGENTS) {
      await post(`/api/acd/agents/${work}/login`, { extension });
      await f.events.waitFor('agent.state', { since: mark, match: { agent: work, state: 'available' } });
    }
    const status = (await f.api.request('GET', '/api/acd/status')).body as { agents: { agent: string; state: string; extension: string | null }[] };
    for (const [work, extension] of AGENTS) expect(status.agents.find((a) => a.agent === work)).toMatchObject({ state: 'available', extension });

    const callers = Array.from({ length: CALLS }, (_, i) => `1380000${String(i + 1).padStart(4, '0')}`);
    const started = Date.now();
    const carrier = await carrierCalls({ scenario: 'queue-caller.xml', rows: callers, rate: 3, timeoutSeconds: 90 });
    console.info(`[acd-queue] carrier: ${carrier.successful} successful, ${carrier.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Every caller that entered the queue, in the order they entered; then the end of each of their calls.
    const enteredSoFar = () => f.events.all(mark).filter((e) => e.name === 'queue.entered' && e.data.queue === QUEUE);
    const entered = await until('10 queue.entered events', async () => (enteredSoFar().length >= CALLS ? enteredSoFar() : undefined), 5000).catch(() => enteredSoFar());
    expect(entered.length, `callers that entered the queue; carrier:\n${carrier.output.slice(-2500)}`).toBe(CALLS);
    const callIds = entered.map((e) => e.data.call_id as string);
    expect(new Set(callIds).size).toBe(CALLS);
    expect(entered.map((e) => e.data.caller).sort()).toEqual([...callers].sort());
    const ended = await until(
      'call.ended for every queued call',
      async () => {
        const list = callIds.map((id) => f.events.all(mark).find((e) => e.name === 'call.ended' && e.data.call_id === id));
        return list.every((e) => e !== undefined) ? (list as BoxEvent[]) : undefined;
      },
      30_000,
    );

    // The CDRs: one per call, all naming the queue, each answered (by the agent's extension) or abandoned.
    const cdrs = await Promise.all(ended.map((e) => cdr(e.data.cdr_id)));
    expect(cdrs).toHaveLength(CALLS);
    for (const c of cdrs) {
      expect(c.queue).toBe(QUEUE);
      expect(['answered', 'abandoned']).toContain(c.disposition);
    }

    // The queue log: 10 entered; per call either answered + completed or abandoned, never both, never neither.
    const rows = await until(
      'queue log rows for every call',
      async () => {
        const all = (await queueLog()).filter((r) => callIds.includes(r.call_id));
        const done = callIds.every((id) => all.some((r) => r.call_id === id && (r.event === 'completed' || r.event === 'abandoned')));
        return done ? all : undefined;
      },
      15_000,
    );
    const rowsOf = (id: string, event: string) => rows.filter((r) => r.call_id === id && r.event === event);
    expect(rows.filter((r) => r.event === 'entered')).toHaveLength(CALLS);
    const agentOf = new Map<string, string>();
    for (const id of callIds) {
      const answered = rowsOf(id, 'answered');
      const story = `call ${id}: ${rows.filter((r) => r.call_id === id).map((r) => `${r.event}${r.agent ? `(${r.agent})` : ''}`).join(' ')}`;
      if (answered.length > 0) {
        expect(answered, story).toHaveLength(1);
        expect(rowsOf(id, 'completed'), story).toHaveLength(1);
        expect(rowsOf(id, 'abandoned'), story).toHaveLength(0);
        expect(rowsOf(id, 'completed')[0]?.agent, story).toBe(answered[0]?.agent as string);
        agentOf.set(id, answered[0]?.agent as string);
      } else {
        expect(rowsOf(id, 'abandoned'), story).toHaveLength(1);
      }
    }
    // The CDR names the extension of the agent the queue log names. (A CDR's call_id is the caller's
    // SIP Call-ID, not the box's call id of the queue log: call.ended, which has both, joins them.)
    const extensionOf = new Map(AGENTS);
    for (const [i, id] of callIds.entries()) {
      const c = cdrs[i] as Cdr;
      const agent = agentOf.get(id);
      if (agent === undefined) expect(c.disposition).toBe('abandoned');
      else expect({ call: id, disposition: c.disposition, agent: c.agent }).toEqual({ call: id, disposition: 'answered', agent: extensionOf.get(agent) as string });
    }

    // Round robin: with equal talk times the first three callers go to 8001, 8002, 8003, and the turns stay even.
    expect(callIds.slice(0, 3).map((id) => agentOf.get(id))).toEqual(['8001', '8002', '8003']);
    const counts = AGENTS.map(([work]) => [...agentOf.values()].filter((a) => a === work).length);
    console.info(`[acd-queue] answered per agent ${AGENTS.map(([w], i) => `${w}=${counts[i]}`).join(' ')}; order ${callIds.map((id) => agentOf.get(id) ?? 'abandoned').join(' ')}`);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(agentOf.size);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

    // No agent was offered a second call while still ringing for, or talking on, the first.
    const stream = f.events.all(mark).sort((a, b) => a.seq - b.seq);
    expect(AGENTS.flatMap(([work]) => doubleOffers(stream, work))).toEqual([]);
    // Each offer of the stream was answered (SIPp answers at once): as many queue.ringing as answered calls.
    expect(stream.filter((e) => e.name === 'queue.ringing').length).toBe(agentOf.size);

    // The carrier's view: every call went through its scenario (answered by the box, BYE from the agent's side).
    expect({ code: carrier.code, successful: carrier.successful, failed: carrier.failed }, carrier.output.slice(-2500)).toEqual({ code: 0, successful: CALLS, failed: 0 });
    // The phones' view: each agent's SIPp took exactly the calls the queue log gives that agent.
    for (const [i, [work]] of AGENTS.entries()) {
      const phone = phones.get(work) as SippCallee;
      await phone.stop();
      const { output } = await phone.result;
      expect({ agent: work, calls: successfulCalls(output) }, output.slice(-2000)).toEqual({ agent: work, calls: counts[i] as number });
    }
  }, 120_000);

  test('a caller who hangs up after 2 s in the queue is abandoned, with its wait and position', async () => {
    // Nobody logged in; join_empty lets the caller wait anyway.
    for (const [work] of AGENTS) {
      const res = await f.api.request('POST', `/api/acd/agents/${work}/logout`, {});
      expect([200, 409], JSON.stringify(res.body)).toContain(res.status);
    }
    const mark = f.events.mark();
    const caller = '13800009999';
    const carrier = carrierCalls({ scenario: scenario('queue-caller-abandon.xml', { ABANDON_MS: String(ABANDON_MS) }), rows: [caller], rate: 1, timeoutSeconds: 20 });

    const entered = await f.events.waitFor('queue.entered', { since: mark, match: { queue: QUEUE, caller } });
    const callId = entered.data.call_id as string;
    // While waiting: on the wallboard, first in line.
    const waiting = (await f.api.request('GET', '/api/acd/status')).body as { queues: { number: string; waiting: { call_id: string; position: number }[] }[] };
    expect(waiting.queues.find((q) => q.number === QUEUE)?.waiting.find((w) => w.call_id === callId)).toMatchObject({ position: 1 });

    const result = await carrier;
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const left = await f.events.waitFor('queue.left', { since: mark, match: { call_id: callId } });
    expect(left.data).toMatchObject({ queue: QUEUE, caller, reason: 'abandoned', position: 1 });
    expect(left.data.wait_ms as number).toBeWithin(ABANDON_MS - WAIT_SLACK_MS, ABANDON_MS + WAIT_SLACK_MS);
    expect(f.events.all(mark).filter((e) => e.name === 'queue.ringing')).toEqual([]);

    const ended = await f.events.waitFor('call.ended', { since: mark, match: { call_id: callId } });
    expect(await cdr(ended.data.cdr_id)).toMatchObject({ from: caller, to: DID, disposition: 'abandoned', queue: QUEUE, agent: null });

    const row = await until('the abandoned row of the queue log', async () => (await queueLog()).find((r) => r.call_id === callId && r.event === 'abandoned'));
    console.info(`[acd-queue] abandoned: wait_ms=${row.wait_ms} position=${row.position}; event wait_ms=${left.data.wait_ms}`);
    expect(row).toMatchObject({ caller, position: 1 });
    expect(row.wait_ms as number).toBeWithin(ABANDON_MS - WAIT_SLACK_MS, ABANDON_MS + WAIT_SLACK_MS);
    // Entered and abandoned, nothing else (the log's row order is not part of this check).
    expect((await queueLog()).filter((r) => r.call_id === callId).map((r) => r.event).sort()).toEqual(['abandoned', 'entered']);
  }, 40_000);
});
