/**
 * Baseline for the media bench, run as its own process so its CPU can be
 * read apart: the barest Bun RTP relay — two UDP sockets per call, each
 * latching to the first source it hears and forwarding every datagram
 * unchanged from the other socket. No SIP, no parsing, no recording.
 * Like the box, it ignores ICMP errors from a peer that went away.
 * Usage: bun bare-relay.ts CALLS PORTS_OUT; writes "port_for_a port_for_b"
 * per call to PORTS_OUT, then prints "ready".
 */
import { writeFileSync } from 'node:fs';
import type { udp } from 'bun';

const calls = Number(process.argv[2]);
const out = process.argv[3] as string;
const HOST = '127.0.0.1';

interface Side {
  socket: udp.Socket<'buffer'> | null;
  /** Where this side's peer sends from: 0 until it has. */
  peerPort: number;
}

function forward(to: Side, buf: Buffer): void {
  if (to.peerPort === 0) return;
  try {
    to.socket?.send(buf, to.peerPort, HOST);
  } catch {
    // ECONNREFUSED after an ICMP port unreachable: the generator stopped; drop the packet.
  }
}

async function bindSide(self: Side, other: Side): Promise<number> {
  self.socket = await Bun.udpSocket({
    hostname: HOST,
    socket: {
      data(_s, buf, port) {
        self.peerPort = port;
        forward(other, buf);
      },
      error() {},
    },
  });
  return self.socket.port;
}

async function relayPair(): Promise<string> {
  const a: Side = { socket: null, peerPort: 0 };
  const b: Side = { socket: null, peerPort: 0 };
  return `${await bindSide(a, b)} ${await bindSide(b, a)}`;
}

const lines: string[] = [];
for (let i = 0; i < calls; i++) lines.push(await relayPair());
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write('ready\n');
process.on('SIGTERM', () => process.exit(0));
