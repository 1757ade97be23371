/** One bound UDP socket for SIP. Datagrams in, datagrams out; nothing else. */
import type { udp } from 'bun';

export interface UdpEndpointOptions {
  hostname: string;
  port: number;
  onDatagram(data: Buffer, address: string, port: number): void;
}

/** Largest UDP payload over IPv4. */
export const MAX_UDP_PAYLOAD = 65_507;

export class UdpEndpoint {
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
      },
    });
    return new UdpEndpoint(socket);
  }

  get port(): number {
    return this.socket.port;
  }

  /** False when the datagram could not be handed to the kernel. */
  send(bytes: Uint8Array, address: string, port: number): boolean {
    if (bytes.length > MAX_UDP_PAYLOAD) return false;
    return this.socket.send(bytes, port, address);
  }

  close(): void {
    this.socket.close();
  }
}
