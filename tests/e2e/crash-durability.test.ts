/**
 * A kill -9 in the middle of a burst of 1,000 API writes: every write that
 * was answered 2xx must be there after a restart. This is the promise the
 * box makes for finished calls too (SQLite WAL, synchronous=FULL).
 */
import { Database } from 'bun:sqlite';
import { afterAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';

const ADMIN = 'admin: { username: admin, password: "Adm1n-pass!" }\n';
const TOTAL = 1000;
const CONCURRENCY = 32;
const KILL_AFTER_ACKS = 400;

const started: ApplianceProcess[] = [];
afterAll(async () => {
  for (const p of started) await p.kill9().catch(() => {});
  started[0]?.cleanup();
});

test('kill -9 during 1,000 writes loses none that got a 2xx', async () => {
  const box = await startAppliance({ provision: ADMIN });
  started.push(box);
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');

  const acknowledged: string[] = [];
  let failed = 0;
  let next = 0;
  let killed: Promise<void> | null = null;
  const worker = async () => {
    while (next < TOTAL) {
      const number = String(100000 + next++);
      try {
        const res = await api.request('POST', '/api/extensions', { number, name: `Burst ${number}`, secret: `pw-${number}-xyz` });
        if (res.status >= 200 && res.status < 300) acknowledged.push(number);
        else failed++;
      } catch {
        failed++;
      }
      if (acknowledged.length >= KILL_AFTER_ACKS && !killed) killed = box.kill9();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killed;
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  // The kill must really have cut the burst short, or this test proves nothing.
  expect(failed).toBeGreaterThan(0);

  const again = await startAppliance({ dataDir: box.dataDir });
  started.push(again);
  const check = new ApiClient(again.httpUrl);
  await check.login('admin', 'Adm1n-pass!');
  const items = ((await check.request('GET', '/api/extensions')).body as { items: { number: string }[] }).items;
  const present = new Set(items.map((e) => e.number));
  const lost = acknowledged.filter((n) => !present.has(n));
  expect(lost).toEqual([]);

  const db = new Database(join(box.dataDir, 'appliance.db'), { readonly: true });
  expect(db.query('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  db.close();
  console.log(`crash test: ${acknowledged.length} acknowledged, ${failed} cut off, ${items.length} present after restart, 0 lost`);
  await again.stop();
}, 120_000);
