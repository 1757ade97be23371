/** One bound UDP socket for SIP. Datagrams in, datagrams out; nothing else. */
import type { udp } from 'bun';
import { type SocketBufferSizes, setSocketBuffers } from '../../system/index.ts';

export interface UdpEndpointOptions {
  hostname: string;
  port: number;
  onDatagram(data: Buffer, address: string, port: number): void;
  /** Kernel buffer sizes to ask for; bursts of thousands of datagrams a second need more than the default. */
  buffers?: SocketBufferSizes;
}

const DEFAULT_BUFFERS: SocketBufferSizes = { receive: 8 * 1024 * 1024, send: 4 * 1024 * 1024 };

/** Largest UDP payload over IPv4. */
export const MAX_UDP_PAYLOAD = 65_507;

export class UdpEndpoint {
  /** Datagrams waiting for the end of this event-loop turn, as sendMany wants them: data, port, address, … */
  private outbox: (Uint8Array | number | string)[] = [];
  private flushScheduled = false;
  /** Datagrams the kernel refused (buffer full); UDP loss the retransmission timers recover from. */
  dropped = 0;

  private constructor(private readonly socket: udp.Socket<'buffer'>) {}

  static async open(options: UdpEndpointOptions): Promise<UdpEndpoint> {
    const socket = await Bun.udpSocket({
      hostname: options.hostname,
      port: options.port,
      binaryType: 'buffer',
      socket: {
        data(_socket, data, port, address) {
          options.onDatagram(data, address, port);
        },
        // ICMP "port unreachable" for an earlier datagram (a phone that went away) surfaces here; it is
        // not an error of this socket, and the retransmission timers deal with the loss.
        error() {},
      },
    });
    const endpoint = new UdpEndpoint(socket);
    endpoint.buffers = setSocketBuffers((socket as unknown as { fd: number }).fd, options.buffers ?? DEFAULT_BUFFERS);
    return endpoint;
  }

  /** What the kernel granted, or null if it refused to change the buffers. */
  buffers: SocketBufferSizes | null = null;

  get port(): number {
    return this.socket.port;
  }

  /**
   * Queues a datagram; all datagrams queued in one event-loop turn leave in
   * one sendmmsg call, which under load costs far less than a syscall each.
   * False only for what can never be sent (too large, socket closed).
   */
  send(bytes: Uint8Array, address: string, port: number): boolean {
    if (bytes.length > MAX_UDP_PAYLOAD || this.socket.closed) return false;
    this.outbox.push(bytes, port, address);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  close(): void {
    this.flush();
    this.socket.close();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0 || this.socket.closed) return;
    const batch = this.outbox;
    this.outbox = [];
    // sendmmsg stops early when the socket reports an error, usually the ICMP "port unreachable"
    // of an earlier datagram to a phone that went away. Reporting it clears it, so the rest is sent
    // again; a datagram that makes no progress twice is given up, so one dead phone costs nobody else.
    let at = 0;
    let stalls = 0;
    const total = batch.length / 3;
    while (at < total) {
      const sent = this.socket.sendMany(at === 0 ? batch : batch.slice(at * 3));
      if (sent > 0) {
        at += sent;
        stalls = 0;
      } else if (++stalls >= 2) {
        this.dropped++;
        at++;
        stalls = 0;
      }
    }
  }
}
