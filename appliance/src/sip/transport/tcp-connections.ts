/**
 * SIP over TCP: a listener for phones that connect to the box, outbound
 * connections the box opens, one StreamFramer per connection, write
 * buffering until the socket drains, and an idle timeout. Connections have
 * small integer ids so responses and requests can reuse them (§18.2.2).
 */
import type { Socket, TCPSocketListener } from 'bun';
import { type FramerOutput, StreamFramer } from '../message/index.ts';

export interface TcpConnectionsOptions {
  hostname: string;
  idleSeconds: number;
  maxConnections: number;
  onFrames(connectionId: number, remote: { address: string; port: number }, frames: FramerOutput[]): void;
  onRefused?(address: string): void;
}

interface ConnectionState {
  id: number;
  address: string;
  port: number;
  framer: StreamFramer;
  pending: Uint8Array[];
}

type TcpSocket = Socket<ConnectionState>;

export class TcpConnections {
  private nextId = 1;
  private readonly byId = new Map<number, TcpSocket>();
  private readonly byRemote = new Map<string, number>();
  private listener: TCPSocketListener<ConnectionState> | null = null;

  constructor(private readonly options: TcpConnectionsOptions) {}

  /** Listens on the given port (the UDP port, so SIP answers on both at one number). */
  listen(port: number): number {
    this.listener = Bun.listen<ConnectionState>({
      hostname: this.options.hostname,
      port,
      socket: this.handlers(),
    });
    return this.listener.port;
  }

  get count(): number {
    return this.byId.size;
  }

  isOpen(id: number): boolean {
    return this.byId.has(id);
  }

  /** An open connection to that remote address, if any. */
  findByRemote(address: string, port: number): number | null {
    return this.byRemote.get(`${address}|${port}`) ?? null;
  }

  send(id: number, bytes: Uint8Array): boolean {
    const socket = this.byId.get(id);
    if (!socket) return false;
    if (socket.data.pending.length > 0) {
      socket.data.pending.push(bytes);
      return true;
    }
    const written = socket.write(bytes);
    if (written < bytes.length) socket.data.pending.push(bytes.subarray(Math.max(0, written)));
    return true;
  }

  /** Opens a connection to a remote SIP endpoint; resolves to its id. */
  async connect(address: string, port: number): Promise<number> {
    const socket = await Bun.connect<ConnectionState>({
      hostname: address,
      port,
      socket: this.handlers(),
      data: this.state(address, port),
    });
    return socket.data.id;
  }

  close(): void {
    this.listener?.stop(true);
    for (const socket of this.byId.values()) socket.end();
    this.byId.clear();
    this.byRemote.clear();
  }

  private state(address: string, port: number): ConnectionState {
    return { id: this.nextId++, address, port, framer: new StreamFramer(), pending: [] };
  }

  private handlers() {
    return {
      open: (socket: TcpSocket) => {
        if (this.byId.size >= this.options.maxConnections) {
          this.options.onRefused?.(socket.remoteAddress);
          socket.end();
          return;
        }
        // Accepted sockets get their state here; outbound ones were given it in connect().
        if (!socket.data) socket.data = this.state(socket.remoteAddress, socket.remotePort ?? 0);
        socket.timeout(this.options.idleSeconds);
        this.byId.set(socket.data.id, socket);
        this.byRemote.set(`${socket.data.address}|${socket.data.port}`, socket.data.id);
      },
      data: (socket: TcpSocket, chunk: Buffer) => {
        const frames = socket.data.framer.push(chunk);
        if (frames.length > 0) this.options.onFrames(socket.data.id, { address: socket.data.address, port: socket.data.port }, frames);
      },
      drain: (socket: TcpSocket) => {
        const pending = socket.data.pending;
        while (pending.length > 0) {
          const next = pending[0] as Uint8Array;
          const written = socket.write(next);
          if (written < next.length) {
            pending[0] = next.subarray(Math.max(0, written));
            return;
          }
          pending.shift();
        }
      },
      timeout: (socket: TcpSocket) => {
        socket.end();
      },
      close: (socket: TcpSocket) => this.forget(socket),
      error: (socket: TcpSocket) => this.forget(socket),
    };
  }

  private forget(socket: TcpSocket): void {
    if (!socket.data) return;
    this.byId.delete(socket.data.id);
    const key = `${socket.data.address}|${socket.data.port}`;
    if (this.byRemote.get(key) === socket.data.id) this.byRemote.delete(key);
  }

  /** Ends one connection, e.g. after a framing error that leaves the stream unsynchronised. */
  drop(id: number): void {
    this.byId.get(id)?.end();
  }
}
