/**
 * Real phones' registration, played by SIPp: digest-authenticated REGISTER,
 * refresh and un-register over UDP and TCP; wrong passwords and unknown users
 * never get 200 and get the same answer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { SipResponse } from '../../appliance/src/sip/index.ts';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { THREE_PHONES_ROWS, THREE_PHONES_YAML } from '../support/three-phones.ts';
import { credentialRows, runSipp, sippAvailable } from '../support/sipp.ts';
import { openUdpSipProbe } from '../support/udp-sip-probe.ts';


let box: ApplianceProcess;
let api: ApiClient;

beforeAll(async () => {
  if (!sippAvailable()) throw new Error('sipp is not installed (Debian package sip-tester); npm test installs it');
  box = await startAppliance({ provision: THREE_PHONES_YAML });
  api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
});
afterAll(async () => {
  await box?.stop();
  box?.cleanup();
});

async function registrations(): Promise<{ extension: string; contacts: { transport: string }[] }[]> {
  return ((await api.request('GET', '/api/registrations')).body as { items: { extension: string; contacts: { transport: string }[] }[] }).items;
}

describe.each(['u1', 't1'] as const)('SIPp over %s', (transport) => {
  test('registers with digest auth, is listed as registered, refreshes and un-registers', async () => {
    const run = runSipp({
      scenario: 'register-digest.xml',
      target: `127.0.0.1:${box.sipPort}`,
      rows: THREE_PHONES_ROWS,
      calls: 3,
      rate: 50,
      transport,
    });
    let seen: string[] = [];
    for (let i = 0; i < 100 && seen.length < 3; i++) {
      await Bun.sleep(20);
      seen = (await registrations()).map((r) => r.extension);
    }
    expect(seen.sort()).toEqual(['1001', '1002', '1003']);
    expect((await registrations())[0]?.contacts[0]?.transport).toBe(transport === 'u1' ? 'udp' : 'tcp');
    const result = await run;
    expect({ code: result.code, successful: result.successful, failed: result.failed, errors: result.errors }).toEqual({
      code: 0,
      successful: 3,
      failed: 0,
      errors: '',
    });
    expect(await registrations()).toEqual([]);
  }, 60_000);
});

test('a wrong password, or an unknown user, is challenged again and never gets 200', async () => {
  const result = await runSipp({
    scenario: 'register-wrong-password.xml',
    target: `127.0.0.1:${box.sipPort}`,
    rows: credentialRows([
      ['1001', 'not-the-password'],
      ['1002', 'pw-1001-xyz'],
      ['9999', 'anything-at-all'],
    ]),
    calls: 3,
    rate: 50,
  });
  expect({ code: result.code, successful: result.successful, failed: result.failed }).toEqual({ code: 0, successful: 3, failed: 0 });
  expect(await registrations()).toEqual([]);
}, 60_000);

test('known and unknown users get the same answer to an unauthenticated REGISTER', async () => {
  const udp = await openUdpSipProbe();
  const ask = (user: string) => {
    udp.send(
      `REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${udp.port};branch=z9hG4bK-enum-${user};rport\r\nFrom: <sip:${user}@127.0.0.1>;tag=x${user}\r\nTo: <sip:${user}@127.0.0.1>\r\nCall-ID: enum-${user}\r\nCSeq: 1 REGISTER\r\nContact: <sip:${user}@127.0.0.1:${udp.port}>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`,
      box.sipPort,
    );
    return udp.waitFor(`enum-${user}`);
  };
  const answers = [await ask('1001'), await ask('7777')];
  udp.close();
  const shape = (r: SipResponse) => ({
    status: r.status,
    reason: r.reason,
    headers: r.headers.map((h) => h.name),
    challenge: (r.get('www-authenticate') ?? '').replace(/nonce="[^"]*"/, 'nonce=…'),
  });
  expect(shape(answers[0] as SipResponse)).toEqual(shape(answers[1] as SipResponse));
  expect(answers[0]?.status).toBe(401);
}, 30_000);
