/**
 * Free loopback ports for peers that need more than one TCP port: a UDP
 * port, a run of UDP ports (SIPp binds its RTP port and that port + 2), and
 * a SIP port for baresip, which listens on UDP and TCP at the port and for
 * TLS at the port + 1. Each is probed by binding it and letting go, so
 * another process may still take it in between; the runs are random to
 * make that unlikely.
 */
import { freePort } from './appliance-process.ts';

const HOST = '127.0.0.1';

async function udpFree(port: number): Promise<boolean> {
  try {
    const socket = await Bun.udpSocket({ hostname: HOST, port });
    socket.close();
    return true;
  } catch {
    return false;
  }
}

function tcpFree(port: number): boolean {
  try {
    Bun.listen({ hostname: HOST, port, socket: { data() {} } }).stop(true);
    return true;
  } catch {
    return false;
  }
}

export async function freeUdpPort(): Promise<number> {
  const socket = await Bun.udpSocket({ hostname: HOST, port: 0 });
  const port = socket.port;
  socket.close();
  return port;
}

/** An even port `p` with UDP `p` … `p + size - 1` free (RTP convention: even RTP, odd RTCP). */
export async function freeUdpPortRun(size: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + 2 * Math.floor(Math.random() * 10_000);
    let free = true;
    for (let p = base; p < base + size && free; p++) free = await udpFree(p);
    if (free) return base;
  }
  throw new Error(`no run of ${size} free UDP ports found`);
}

/** A port free for UDP and TCP, with TCP port + 1 free as well (baresip's TLS listener). */
export async function freeSipPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await freePort();
    if (port < 65_535 && tcpFree(port + 1) && (await udpFree(port))) return port;
  }
  throw new Error('no free SIP port (UDP+TCP, and TCP + 1) found');
}
