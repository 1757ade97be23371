/**
 * Unix datagram sockets through libc. Used to talk to systemd's notify
 * socket; the receiver exists so tests can stand in for systemd with a real
 * socket rather than a mock.
 */
import { ptr } from 'bun:ffi';
import { AppError } from '../errors.ts';
import {
  AF_UNIX,
  MSG_DONTWAIT,
  openLibcSockets,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCKADDR_UN_SIZE,
  SUN_PATH_MAX,
} from './libc-socket-symbols.ts';

export class UnixSocketError extends AppError {
  constructor(operation: string, address: string) {
    super('unix_socket', `${operation} failed for unix socket ${address}`);
  }
}

type Libc = ReturnType<typeof openLibcSockets>;

/** Builds a sockaddr_un; a leading '@' means Linux's abstract namespace. */
export function encodeSockaddrUn(address: string): { bytes: Uint8Array; length: number } {
  const abstract = address.startsWith('@');
  const path = new TextEncoder().encode(abstract ? address.slice(1) : address);
  const pathLength = path.length + 1; // abstract: leading NUL; filesystem: trailing NUL
  if (pathLength > SUN_PATH_MAX) throw new UnixSocketError('encode (path too long)', address);
  const bytes = new Uint8Array(SOCKADDR_UN_SIZE);
  new DataView(bytes.buffer).setUint16(0, AF_UNIX, true);
  bytes.set(path, abstract ? 3 : 2);
  return { bytes, length: 2 + pathLength };
}

abstract class UnixDatagramSocket {
  protected readonly fd: number;
  private closed = false;

  constructor(
    protected readonly libc: Libc,
    protected readonly address: string,
  ) {
    this.fd = libc.symbols.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (this.fd < 0) throw new UnixSocketError('socket', address);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.libc.symbols.close(this.fd);
  }
}

export class UnixDatagramSender extends UnixDatagramSocket {
  private readonly target = encodeSockaddrUn(this.address);

  static open(address: string): UnixDatagramSender {
    return new UnixDatagramSender(openLibcSockets(), address);
  }

  /** Returns false when the datagram could not be sent (no listener, full buffer). */
  send(message: string): boolean {
    const payload = new TextEncoder().encode(message);
    const sent = this.libc.symbols.sendto(
      this.fd,
      ptr(payload),
      payload.length,
      0,
      ptr(this.target.bytes),
      this.target.length,
    );
    return Number(sent) === payload.length;
  }
}

export class UnixDatagramReceiver extends UnixDatagramSocket {
  private readonly buffer = new Uint8Array(4096);

  static listen(address: string): UnixDatagramReceiver {
    const receiver = new UnixDatagramReceiver(openLibcSockets(), address);
    const sockaddr = encodeSockaddrUn(address);
    if (receiver.libc.symbols.bind(receiver.fd, ptr(sockaddr.bytes), sockaddr.length) !== 0) {
      receiver.close();
      throw new UnixSocketError('bind', address);
    }
    return receiver;
  }

  /** Non-blocking: the next datagram, or null when none is waiting. */
  tryReceive(): string | null {
    const n = Number(this.libc.symbols.recv(this.fd, ptr(this.buffer), this.buffer.length, MSG_DONTWAIT));
    if (n < 0) return null;
    return new TextDecoder().decode(this.buffer.subarray(0, n));
  }
}
