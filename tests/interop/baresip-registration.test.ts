/**
 * baresip, a real softphone, registers to the box and stays registered when
 * the service restarts: the binding is restored from disk at once, and the
 * phone's next refresh is accepted by the new process.
 */
import { afterAll, expect, test } from 'bun:test';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { baresipAvailable, type BaresipPhone, startBaresip } from '../support/baresip.ts';

const PROVISION = `
admin: { username: admin, password: "Adm1n-pass!" }
sip_registrar: { min_expires: 5, max_expires: 3600, default_expires: 3600, max_contacts: 5 }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz" }
`;

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});

interface Registration {
  extension: string;
  contacts: { contact: string; user_agent: string | null; registered_at: string }[];
}

async function waitForRegistration(api: ApiClient, after: number, timeoutMs: number): Promise<Registration | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const items = ((await api.request('GET', '/api/registrations')).body as { items: Registration[] }).items;
    const found = items.find((r) => r.extension === '1001' && r.contacts.some((c) => Date.parse(c.registered_at) >= after));
    if (found) return found;
    await Bun.sleep(100);
  }
  return undefined;
}

test('baresip registers, and stays registered across a restart of the service', async () => {
  if (!baresipAvailable()) throw new Error('baresip is not installed (Debian package baresip-core); npm test installs it');
  const first: ApplianceProcess = await startAppliance({ provision: PROVISION });
  cleanup.push(async () => {
    await first.kill9();
  });
  const phone: BaresipPhone = await startBaresip({ extension: '1001', secret: 'pw-1001-xyz', registrar: `127.0.0.1:${first.sipPort}`, regint: 6 });
  cleanup.push(() => phone.stop());
  const api = new ApiClient(first.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  const registered = await waitForRegistration(api, 0, 15_000);
  expect(registered?.contacts[0]?.user_agent ?? '').toMatch(/baresip/i);

  expect(await first.stop()).toBe(0);
  const restartedAt = Date.now();
  const second = await startAppliance({ dataDir: first.dataDir, env: { SIP_PORT: String(first.sipPort) } });
  cleanup.push(async () => {
    await second.stop();
    second.cleanup();
  });
  const again = new ApiClient(second.httpUrl);
  await again.login('admin', 'Adm1n-pass!');
  // Restored from disk before the phone has said anything to the new process.
  const restored = ((await again.request('GET', '/api/registrations')).body as { items: Registration[] }).items;
  expect(restored.map((r) => r.extension)).toEqual(['1001']);
  // And the phone's next refresh is accepted by the new process.
  const refreshed = await waitForRegistration(again, restartedAt, 20_000);
  expect(refreshed, phone.log().slice(-2000)).toBeDefined();
}, 90_000);
