/**
 * Trunks at the real box, with SIPp as the carriers:
 *  - a registering trunk registers to a SIPp registrar that challenges with
 *    digest (the registrar checks the Authorization it gets), and the box
 *    un-REGISTERs, answering the challenge again, when it stops;
 *  - OPTIONS pings reach a SIPp carrier that answers 404 (reachable), and a
 *    trunk on a port nobody listens on is reported unreachable;
 *  - all of it in GET /api/trunks/status.
 * Skipped where SIPp is not installed, except under CI=true.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { freeUdpPort } from '../support/free-ports.ts';
import { type SippUas, sippAvailable, startSippUas } from '../support/sipp.ts';

const CI = process.env.CI === 'true';
const ACCOUNT = { username: '02150001234', password: 'carrier-Pass-9' };

interface TrunkStatusRow {
  name: string;
  registration: string;
  registered_until: string | null;
  reachable: boolean | null;
  latency_ms: number | null;
  last_error: string | null;
}

let box: ApplianceProcess;
let api: ApiClient;
let registrar: SippUas;
let carrier: SippUas;

async function statuses(): Promise<Record<string, TrunkStatusRow>> {
  const res = await api.request('GET', '/api/trunks/status');
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body as { items: TrunkStatusRow[] }).items.map((row) => [row.name, row]));
}

/** Polls the status until `done` holds for it; returns the last one read. */
async function until(done: (s: Record<string, TrunkStatusRow>) => boolean, timeoutMs = 15_000): Promise<Record<string, TrunkStatusRow>> {
  const deadline = Date.now() + timeoutMs;
  let last = await statuses();
  while (!done(last) && Date.now() < deadline) {
    await Bun.sleep(100);
    last = await statuses();
  }
  return last;
}

describe.skipIf(!sippAvailable() && !CI)('trunk registration and health against SIPp', () => {
  beforeAll(async () => {
    if (!sippAvailable()) throw new Error('SIPp is not installed (Debian package sip-tester)');
    registrar = await startSippUas({ scenario: 'trunk-registrar-uas.xml', rows: [`${ACCOUNT.username};${ACCOUNT.password}`], timeoutSeconds: 60 });
    carrier = await startSippUas({ scenario: 'trunk-options-uas.xml', timeoutSeconds: 60 });
    const deadPort = await freeUdpPort();
    box = await startAppliance({
      provision: [
        'admin: { username: admin, password: "Adm1n-pass!" }',
        'trunks:',
        `  - { name: carrier, host: 127.0.0.1, port: ${registrar.port}, register: true, username: "${ACCOUNT.username}",`,
        `      secret: "${ACCOUNT.password}", register_expires: 60, options_interval_s: 0 }`,
        `  - { name: peer, host: 127.0.0.1, port: ${carrier.port}, options_interval_s: 1 }`,
        `  - { name: dead, host: 127.0.0.1, port: ${deadPort}, options_interval_s: 1 }`,
        '',
      ].join('\n'),
    });
    api = new ApiClient(box.httpUrl);
    await api.login('admin', 'Adm1n-pass!');
  }, 30_000);

  afterAll(async () => {
    await box?.kill9().catch(() => {});
    box?.cleanup();
    await registrar?.stop(1000);
    await carrier?.stop(1000);
  });

  test('the registering trunk registers through the digest challenge', async () => {
    const s = await until((x) => x.carrier?.registration === 'registered');
    expect(s.carrier).toMatchObject({ registration: 'registered', last_error: null });
    // The registrar granted 60 s.
    const until_ = Date.parse(s.carrier?.registered_until ?? '');
    expect(until_ - Date.now()).toBeGreaterThan(30_000);
    expect(until_ - Date.now()).toBeLessThanOrEqual(60_000);
  }, 20_000);

  test('OPTIONS pings: a carrier answering 404 is reachable, a dead port is not', async () => {
    const s = await until((x) => x.peer?.reachable === true && x.dead?.reachable === false);
    expect(s.peer).toMatchObject({ reachable: true, registration: 'unregistered' });
    expect(s.peer?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(s.dead).toMatchObject({ reachable: false, latency_ms: null });
    // No pings for the trunk that asked for none.
    expect(s.carrier?.reachable).toBeNull();
  }, 20_000);

  test('stopping the box un-REGISTERs through a new challenge; the registrar judged every round right', async () => {
    await until((x) => x.carrier?.registration === 'registered');
    expect(await box.stop()).toBe(0);
    const unregister = box.records().find((r) => r.msg === 'trunk unregistered');
    expect(unregister).toMatchObject({ trunk: 'carrier', from: 'registered' });
    // The registrar's one call ends only with an authenticated round whose Expires is 0.
    const verdict = await registrar.stop(2000);
    expect(verdict.failed).toBe(0);
    expect(verdict.successful).toBe(1);
    const pinged = await carrier.stop(2000);
    expect(pinged.successful).toBeGreaterThanOrEqual(1);
  }, 20_000);
});
