/**
 * Kernel socket buffer sizes, which Bun's UDP API does not expose. A SIP
 * port under load receives bursts: with the default 208 KiB a pause of a few
 * tens of milliseconds (a GC, a disk flush) overflows the buffer, datagrams
 * are dropped and phones retransmit, which adds load at the worst moment.
 */
import { ptr } from 'bun:ffi';
import { openLibcSockets, SO_RCVBUF, SO_RCVBUFFORCE, SO_SNDBUF, SO_SNDBUFFORCE, SOL_SOCKET } from './libc-socket-symbols.ts';

export interface SocketBufferSizes {
  receive: number;
  send: number;
}

/**
 * Asks for buffers of the given sizes (the kernel doubles what it grants);
 * tries the privileged option first, then the capped one. Returns what the
 * kernel reports afterwards, or null when the fd cannot be changed.
 */
export function setSocketBuffers(fd: number, wanted: SocketBufferSizes): SocketBufferSizes | null {
  const libc = openLibcSockets();
  const value = new Int32Array(1);
  const set = (force: number, plain: number, bytes: number) => {
    value[0] = bytes;
    if (libc.symbols.setsockopt(fd, SOL_SOCKET, force, ptr(value), 4) === 0) return true;
    return libc.symbols.setsockopt(fd, SOL_SOCKET, plain, ptr(value), 4) === 0;
  };
  const get = (option: number) => {
    const out = new Int32Array(1);
    const length = new Uint32Array([4]);
    return libc.symbols.getsockopt(fd, SOL_SOCKET, option, ptr(out), ptr(length)) === 0 ? (out[0] as number) : -1;
  };
  if (!set(SO_RCVBUFFORCE, SO_RCVBUF, wanted.receive) || !set(SO_SNDBUFFORCE, SO_SNDBUF, wanted.send)) return null;
  return { receive: get(SO_RCVBUF), send: get(SO_SNDBUF) };
}
