/**
 * The UDP sockets of one RTP session: RTP on an even port, RTCP on the odd
 * one above. Bound only while a call uses them, so packets to a port with
 * no call never reach the process: the kernel drops them.
 */
import type { udp } from 'bun';
import { setSocketBuffers } from '../../system/index.ts';

/**
 * The kernel default (~208 KiB) holds about a thousand RTP packets; a burst
 * or a short stall of the media thread beyond that is lost. A little more
 * per socket costs nothing until it is used.
 */
const RTP_BUFFERS = { receive: 512 * 1024, send: 256 * 1024 };

export type DatagramHandler = (data: Buffer, port: number, address: string) => void;

export interface MediaSocket {
  readonly port: number;
  send(data: Uint8Array, port: number, address: string): boolean;
  close(): void;
}

export type BindMediaSocket = (address: string, port: number, onData: DatagramHandler) => Promise<MediaSocket>;

export const bindUdpMediaSocket: BindMediaSocket = async (address, port, onData) => {
  const socket: udp.Socket<'buffer'> = await Bun.udpSocket({
    hostname: address,
    port,
    binaryType: 'buffer',
    socket: {
      data(_s, data, fromPort, fromAddress) {
        onData(data, fromPort, fromAddress);
      },
      // ICMP port unreachable from a phone that hung up: nothing to do, the call's signalling ends it.
      error() {},
    },
  });
  setSocketBuffers((socket as unknown as { fd: number }).fd, RTP_BUFFERS);
  return {
    port: socket.port,
    // The ICMP port unreachable of an earlier datagram makes the next send throw ECONNREFUSED:
    // one more lost packet to a phone that is gone, not an exception out of the relay or the media clock.
    send: (data, toPort, toAddress) => {
      try {
        return socket.send(data, toPort, toAddress);
      } catch {
        return false;
      }
    },
    close: () => socket.close(),
  };
};

/** Binds RTP and RTCP on `port` and `port + 1`; both or neither. */
export async function bindRtpPair(
  bind: BindMediaSocket,
  options: { address: string; port: number; onRtp: DatagramHandler; onRtcp: DatagramHandler },
): Promise<{ rtp: MediaSocket; rtcp: MediaSocket }> {
  const rtp = await bind(options.address, options.port, options.onRtp);
  try {
    const rtcp = await bind(options.address, options.port + 1, options.onRtcp);
    return { rtp, rtcp };
  } catch (error) {
    rtp.close();
    throw error;
  }
}
