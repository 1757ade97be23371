/**
 * The connection an SMTP client talks over, and the real one over TCP and
 * TLS. STARTTLS upgrades the same connection in place, so the client only
 * ever sees one socket; tests can give it any other implementation.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export interface SmtpSocketOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465), rather than after STARTTLS. */
  implicitTls: boolean;
  /** Refuse a certificate that does not verify for `host`. */
  verifyCertificate: boolean;
  /** Extra trusted CA (PEM), for a server with a private certificate. */
  ca?: string;
}

export interface SmtpSocket {
  write(text: string): void;
  /** Text as it arrives; replaced by each call. */
  onData(listener: (text: string) => void): void;
  /** The connection ended or failed; replaced by each call. */
  onClose(listener: (error: Error | null) => void): void;
  /** Runs the TLS handshake on the open connection. */
  startTls(): Promise<void>;
  close(): void;
}

export type SmtpConnector = (options: SmtpSocketOptions) => Promise<SmtpSocket>;

/** The real connector: node:net, node:tls. */
export const tcpSmtpConnector: SmtpConnector = (o) =>
  new Promise((resolve, reject) => {
    const tls = { servername: isAddress(o.host) ? undefined : o.host, rejectUnauthorized: o.verifyCertificate, ca: o.ca };
    const socket: Socket = o.implicitTls ? tlsConnect({ host: o.host, port: o.port, ...tls }) : tcpConnect({ host: o.host, port: o.port });
    const failed = (error: Error) => reject(error);
    socket.once('error', failed);
    socket.once(o.implicitTls ? 'secureConnect' : 'connect', () => {
      socket.off('error', failed);
      resolve(new NodeSmtpSocket(socket, tls));
    });
  });

class NodeSmtpSocket implements SmtpSocket {
  private dataListener: (text: string) => void = () => {};
  private closeListener: (error: Error | null) => void = () => {};
  private lastError: Error | null = null;

  constructor(
    private socket: Socket | TLSSocket,
    private readonly tls: { servername: string | undefined; rejectUnauthorized: boolean; ca: string | undefined },
  ) {
    this.attach(socket);
  }

  write(text: string): void {
    this.socket.write(text);
  }

  onData(listener: (text: string) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: (error: Error | null) => void): void {
    this.closeListener = listener;
  }

  startTls(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    return new Promise((resolve, reject) => {
      const secure = tlsConnect({ socket: plain, ...this.tls });
      secure.once('error', reject);
      secure.once('secureConnect', () => {
        secure.off('error', reject);
        this.socket = secure;
        this.attach(secure);
        resolve();
      });
    });
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private attach(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => this.dataListener(text));
    socket.on('error', (error) => {
      this.lastError = error;
    });
    socket.on('close', () => this.closeListener(this.lastError));
  }
}

function isAddress(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}
