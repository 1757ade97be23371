import { afterEach, describe, expect, test } from 'bun:test';
import { createResponse, parseSipMessage, type SipRequest, type SipResponse } from '../message/index.ts';
import { silentLogger } from '../../system/logger.ts';
import { SipTransportLayer } from './sip-transport-layer.ts';
import type { InboundMessage } from './transport-types.ts';

const layers: SipTransportLayer[] = [];
afterEach(() => {
  for (const l of layers.splice(0)) l.stop();
});

function options(port = 9): string {
  return [
    'OPTIONS sip:box@127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/UDP 10.9.9.9:5060;branch=z9hG4bK-opt-${port};rport`,
    'From: <sip:probe@example>;tag=1',
    'To: <sip:box@example>',
    `Call-ID: call-${port}`,
    `CSeq: ${port} OPTIONS`,
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

async function echoLayer(): Promise<{ layer: SipTransportLayer; seen: InboundMessage[] }> {
  const seen: InboundMessage[] = [];
  const layer: SipTransportLayer = await SipTransportLayer.start({
    hostname: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    onMessage: (inbound) => {
      seen.push(inbound);
      // Back to where the request came from, on its connection (what §18.2.2 and RFC 3581 amount to here).
      layer.send(createResponse(inbound.message as SipRequest, 200), { endpoint: inbound.source, connectionId: inbound.connectionId });
    },
  });
  layers.push(layer);
  return { layer, seen };
}

function udpClient(): Promise<{ send(text: string, port: number): void; next(): Promise<SipResponse>; close(): void }> {
  const queue: SipResponse[] = [];
  const waiters: ((r: SipResponse) => void)[] = [];
  return Bun.udpSocket({
    hostname: '127.0.0.1',
    socket: {
      data(_s, data) {
        const r = parseSipMessage(data, { stream: false });
        if (r.kind !== 'message') return;
        const w = waiters.shift();
        if (w) w(r.message as SipResponse);
        else queue.push(r.message as SipResponse);
      },
    },
  }).then((socket) => ({
    send: (text: string, port: number) => socket.send(Buffer.from(text, 'latin1'), port, '127.0.0.1'),
    next: () => {
      const ready = queue.shift();
      return ready ? Promise.resolve(ready) : new Promise<SipResponse>((resolve) => waiters.push(resolve));
    },
    close: () => socket.close(),
  }));
}

describe('UDP', () => {
  test('stamps received and rport (RFC 3581) and answers to the source port', async () => {
    const { layer, seen } = await echoLayer();
    const client = await udpClient();
    client.send(options(1), layer.port);
    const response = await client.next();
    expect(response.status).toBe(200);
    const via = seen[0]?.message.topVia();
    expect(via?.params).toContainEqual(['received', '127.0.0.1']);
    expect(via?.params.find(([n]) => n === 'rport')?.[1]).toMatch(/^\d+$/);
    client.close();
  });

  test('answers a malformed request with 400 and serves the next message', async () => {
    const { layer } = await echoLayer();
    const client = await udpClient();
    client.send(options(2).replace('CSeq: 2 OPTIONS', 'CSeq: 2 INVITE'), layer.port);
    const bad = await client.next();
    expect(bad.status).toBe(400);
    expect(bad.reason).toContain('CSeq');
    client.send(options(3), layer.port);
    expect((await client.next()).status).toBe(200);
    expect(layer.stats).toMatchObject({ received: 1, malformed: 1 });
    client.close();
  });

  test('an admission check drops a source before parsing', async () => {
    const seen: InboundMessage[] = [];
    const layer = await SipTransportLayer.start({
      hostname: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      onMessage: (m) => seen.push(m),
      admit: () => false,
    });
    layers.push(layer);
    const client = await udpClient();
    client.send(options(4), layer.port);
    await Bun.sleep(50);
    expect(seen).toEqual([]);
    client.close();
  });
});

describe('TCP', () => {
  async function tcpExchange(port: number, chunks: string[], expected: number): Promise<string> {
    let received = '';
    const done = Promise.withResolvers<void>();
    const socket = await Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        data(_s, data) {
          received += data.toString('latin1');
          if ((received.match(/^SIP\/2\.0 /gm) ?? []).length >= expected) done.resolve();
        },
      },
    });
    for (const chunk of chunks) {
      socket.write(chunk);
      await Bun.sleep(5);
    }
    await done.promise;
    socket.end();
    return received;
  }

  test('frames several messages in one write and one message split over writes', async () => {
    const { layer } = await echoLayer();
    const a = options(5).replace('UDP', 'TCP');
    const b = options(6).replace('UDP', 'TCP');
    const c = options(7).replace('UDP', 'TCP');
    const text = await tcpExchange(layer.port, [a + b, c.slice(0, 40), c.slice(40)], 3);
    expect(text.match(/^SIP\/2\.0 200 OK/gm)).toHaveLength(3);
    expect(text).toContain('CSeq: 7 OPTIONS');
  });

  test('answers a CRLF CRLF keep-alive with CRLF', async () => {
    const { layer } = await echoLayer();
    const text = await tcpExchange(layer.port, ['\r\n\r\n', options(8).replace('UDP', 'TCP')], 1);
    expect(text.startsWith('\r\n')).toBe(true);
  });
});
