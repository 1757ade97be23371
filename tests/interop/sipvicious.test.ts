/**
 * The attacks every box on the internet sees: SIPVicious svwar (extension
 * enumeration) and svcrack (password cracking), and a dictionary attack by
 * a client hiding its user agent. None enumerates an extension or finds a
 * password; the attacking address ends up banned, visible and liftable.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestClient, type SipResponse, systemRandomBytes } from '../../appliance/src/sip/index.ts';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { openUdpSipProbe } from '../support/udp-sip-probe.ts';

const EXTENSIONS = `
admin: { username: admin, password: "Adm1n-pass!" }
extensions:
  - { number: "1001", name: "Alice", secret: "pw-1001-xyz" }
  - { number: "1002", name: "Bob", secret: "pw-1002-xyz" }
`;
const security = (trusted: string[]) =>
  `sip_security: { failure_threshold: 5, failure_window_s: 120, ban_s: 900, scanner_ban_s: 86400, rate_per_s: 500, rate_burst: 2000, trusted: ${JSON.stringify(trusted)}, digest_algorithms: [MD5] }\n`;

const boxes: ApplianceProcess[] = [];
afterAll(async () => {
  for (const b of boxes) {
    await b.stop();
    b.cleanup();
  }
});

async function start(provision: string): Promise<{ box: ApplianceProcess; api: ApiClient }> {
  const box = await startAppliance({ provision });
  boxes.push(box);
  const api = new ApiClient(box.httpUrl);
  await api.login('admin', 'Adm1n-pass!');
  return { box, api };
}

async function run(args: string[]): Promise<string> {
  if (Bun.which(args[0] as string) === null) throw new Error(`${args[0]} is not installed (Debian package sipvicious); npm test installs it`);
  const child = Bun.spawn(args, { stdout: 'pipe', stderr: 'pipe' });
  const [out, err] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  await child.exited;
  return out + err;
}

function dictionary(box: ApplianceProcess): string {
  const file = join(box.dataDir, 'dictionary.txt');
  writeFileSync(file, ['123456', 'password', '1001', 'pw-1001-xyz', 'pw-1002-xyz'].join('\n'));
  return file;
}

describe('with default defences', () => {
  test('svwar enumerates nothing and svcrack cracks nothing; the scanner is banned, listed and liftable', async () => {
    const { box, api } = await start(EXTENSIONS);
    const war = await run(['svwar', '-e1000-1010', '-m', 'REGISTER', '-p', String(box.sipPort), '127.0.0.1']);
    expect(war).toContain('found nothing');
    const crack = await run(['svcrack', '-u', '1001', '-d', dictionary(box), '-p', String(box.sipPort), '127.0.0.1']);
    expect(crack).not.toContain('pw-1001-xyz');
    const bans = (await api.request('GET', '/api/sip/bans')).body as { items: { address: string; reason: string }[] };
    expect(bans.items.find((b) => b.address === '127.0.0.1')?.reason).toContain('scanner');
    expect((await api.request('DELETE', '/api/sip/bans/127.0.0.1')).status).toBe(204);
    expect(((await api.request('GET', '/api/sip/bans')).body as { items: unknown[] }).items).toEqual([]);
    const audit = (await api.request('GET', '/api/audit?action=sip.ban_lift')).body as { items: { target: string }[] };
    expect(audit.items[0]?.target).toBe('address:127.0.0.1');
  }, 120_000);

  test('a dictionary attack behind an ordinary user agent is banned after the failure threshold, right password or not', async () => {
    const { box } = await start(`${security([])}${EXTENSIONS}`);
    const udp = await openUdpSipProbe();
    const client = new DigestClient({ random: systemRandomBytes });
    let cseq = 1;
    const register = async (authorization: string | null): Promise<SipResponse | null> => {
      const before = udp.answers.length;
      const n = cseq++;
      udp.send(
        `REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${udp.port};branch=z9hG4bK-dict-${n};rport\r\nFrom: <sip:1001@127.0.0.1>;tag=d\r\nTo: <sip:1001@127.0.0.1>\r\nCall-ID: dictionary-attack\r\nCSeq: ${n} REGISTER\r\nContact: <sip:1001@127.0.0.1:${udp.port}>\r\n${authorization ? `Authorization: ${authorization}\r\n` : ''}User-Agent: Yealink SIP-T46U\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`,
        box.sipPort,
      );
      return udp.next(before);
    };
    const guesses = ['123456', 'password', '1001', 'qwerty', 'letmein', 'pw-1001-xyz'];
    const statuses: (number | null)[] = [];
    for (const guess of guesses) {
      const challenge = await register(null);
      if (!challenge) {
        statuses.push(null);
        continue;
      }
      const auth = client.authorize({ challenges: challenge.getAll('www-authenticate'), username: '1001', password: guess, method: 'REGISTER', uri: 'sip:127.0.0.1' });
      if (!auth.ok) throw new Error('client could not answer the challenge');
      statuses.push((await register(auth.value.value))?.status ?? null);
    }
    udp.close();
    // Five wrong guesses, then silence: the right password in sixth place never gets through.
    expect(statuses).toEqual([401, 401, 401, 401, 401, null]);
  }, 60_000);
});

describe('from a trusted address (no bans), the answers themselves give nothing away', () => {
  test('svwar finds no extension with REGISTER or INVITE', async () => {
    const { box } = await start(`${security(['127.0.0.1'])}${EXTENSIONS}`);
    for (const method of ['REGISTER', 'INVITE']) {
      const war = await run(['svwar', '-e1000-1010', '-m', method, '--force', '-p', String(box.sipPort), '127.0.0.1']);
      expect({ method, found: war.includes('found nothing') }).toEqual({ method, found: true });
    }
  }, 120_000);
});
