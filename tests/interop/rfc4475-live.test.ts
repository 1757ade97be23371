/**
 * RFC 4475 §3.1 against the running service: every torture message is sent
 * over UDP and over TCP, and after each one a plain OPTIONS must still be
 * answered 200. Invalid requests that can be answered get 400 (or 505 for
 * an unknown version) on the connection they came on.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type SipResponse, StreamFramer } from '../../appliance/src/sip/index.ts';
import { ApiClient, type ApplianceProcess, startAppliance } from '../support/appliance-process.ts';
import { loadTortureMessages } from '../sip/torture-messages.ts';
import { openUdpSipProbe } from '../support/udp-sip-probe.ts';

// Nineteen malformed messages from one address would (rightly) get it banned; this test is about parsing.
const PROVISION = `
admin: { username: admin, password: "Adm1n-pass!" }
sip_security: { failure_threshold: 1000, failure_window_s: 60, ban_s: 60, scanner_ban_s: 60, rate_per_s: 1000, rate_burst: 5000, trusted: [], digest_algorithms: [MD5] }
`;

const messages = loadTortureMessages();
let box: ApplianceProcess;

beforeAll(async () => {
  box = await startAppliance({ provision: PROVISION });
});
afterAll(async () => {
  await box.stop();
  box.cleanup();
});

const probe = (n: number, port: number, transport: string) =>
  `OPTIONS sip:box@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/${transport} 127.0.0.1:${port};branch=z9hG4bK-probe-${transport}-${n};rport\r\nFrom: <sip:probe@127.0.0.1>;tag=p${n}\r\nTo: <sip:box@127.0.0.1>\r\nCall-ID: probe-${transport}-${n}\r\nCSeq: ${n} OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;

/** Opens a TCP connection, writes one message, returns the first response on it (or undefined after 500 ms). */
async function tcpFirstResponse(message: (localPort: number) => string | Uint8Array): Promise<SipResponse | undefined> {
  const framer = new StreamFramer();
  const responses: SipResponse[] = [];
  const socket = await Bun.connect({
    hostname: '127.0.0.1',
    port: box.sipPort,
    socket: {
      data(_s, data) {
        for (const f of framer.push(data)) if (f.kind === 'message') responses.push(f.message as SipResponse);
      },
    },
  });
  socket.write(message(socket.localPort));
  for (let i = 0; i < 100 && responses.length === 0; i++) await Bun.sleep(5);
  socket.end();
  return responses[0];
}

describe('the live service after each RFC 4475 torture message', () => {
  test('over UDP: keeps answering OPTIONS; counts every invalid message as malformed', async () => {
    const udp = await openUdpSipProbe();
    let n = 0;
    for (const m of messages) {
      udp.send(m.bytes, box.sipPort);
      n++;
      udp.send(probe(n, udp.port, 'UDP'), box.sipPort);
      const answered = await udp.waitFor(`probe-UDP-${n}`);
      expect({ after: m.label, status: answered?.status }).toEqual({ after: m.label, status: 200 });
    }
    udp.close();
    const api = new ApiClient(box.httpUrl);
    await api.login('admin', 'Adm1n-pass!');
    const status = (await api.request('GET', '/api/sip/status')).body as { transport: { malformed: number } };
    expect(status.transport.malformed).toBe(messages.filter((m) => !m.valid).length);
  }, 60_000);

  test('over TCP: an invalid request is answered 400 or 505 on its connection, and the service keeps serving', async () => {
    for (const m of messages.filter((x) => !x.valid && !x.bytes.toString('latin1').startsWith('SIP/2.0'))) {
      const first = await tcpFirstResponse(() => m.bytes);
      // Requests whose headers are too broken to answer (§8.2.6.2) are dropped; the rest get an error status.
      if (first) expect({ label: m.label, status: first.status }).toEqual({ label: m.label, status: m.label === 'badvers' ? 505 : 400 });
    }
    expect((await tcpFirstResponse((localPort) => probe(1, localPort, 'TCP')))?.status).toBe(200);
  }, 60_000);
});
