/**
 * A small SMTP server on 127.0.0.1 for tests: it speaks the server's half
 * of the dialogue strictly (commands in order, STARTTLS, AUTH PLAIN and
 * LOGIN, DATA with dot-stuffing), keeps what it was told, and can be set
 * to refuse a command or to say nothing at all.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer, TLSSocket } from 'node:tls';

const TESTDATA = join(import.meta.dir, '..', 'smtp', 'testdata');
export const TEST_CERT = readFileSync(join(TESTDATA, 'test-server.crt'), 'utf8');
const TEST_KEY = readFileSync(join(TESTDATA, 'test-server.key'), 'utf8');

export interface TestSmtpOptions {
  /** Offer STARTTLS. */
  starttls?: boolean;
  /** TLS from the first byte (port 465 style). */
  implicitTls?: boolean;
  auth?: { mechanisms: ('PLAIN' | 'LOGIN')[]; user: string; password: string };
  /** A reply that replaces the usual one for a command verb, e.g. `{ RCPT: '550 no such user' }`. */
  refuse?: Record<string, string>;
  /** Accept the connection and never greet. */
  silent?: boolean;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent, dot-stuffing undone, CRLF lines. */
  data: string;
  /** Whether the dialogue was encrypted when the message came. */
  encrypted: boolean;
  /** The user that logged in, if any. */
  user: string | null;
}

export class TestSmtpServer {
  /** Each line the client sent, AUTH secrets included (tests check them). */
  readonly transcript: string[] = [];
  readonly mails: ReceivedMail[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly options: TestSmtpOptions,
  ) {}

  static start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    let self: TestSmtpServer | null = null;
    const handler = (socket: Socket) => self?.accept(socket, options.implicitTls === true);
    const server = options.implicitTls ? createTlsServer({ key: TEST_KEY, cert: TEST_CERT }, handler) : createServer(handler);
    self = new TestSmtpServer(server, options);
    const started = self;
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(started)));
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket, encrypted: boolean): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    if (this.options.silent) return;
    new Session(this, socket, encrypted).greet();
  }

  /** Used by sessions. */
  reply(verb: string, usual: string): string {
    return this.options.refuse?.[verb] ?? usual;
  }

  get settings(): TestSmtpOptions {
    return this.options;
  }
}

class Session {
  private buffer = '';
  private mode: 'command' | 'data' | 'auth-user' | 'auth-password' = 'command';
  private from: string | null = null;
  private to: string[] = [];
  private data: string[] = [];
  private user: string | null = null;
  private pendingUser = '';
  private greeted = false;

  constructor(
    private readonly server: TestSmtpServer,
    private socket: Socket,
    private encrypted: boolean,
  ) {
    this.listen(socket);
  }

  greet(): void {
    this.send('220 test.smtp ESMTP ready');
  }

  private listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.buffer += text;
      for (let end = this.buffer.indexOf('\r\n'); end >= 0; end = this.buffer.indexOf('\r\n')) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.line(line);
      }
    });
  }

  private send(text: string): void {
    this.socket.write(`${text}\r\n`);
  }

  private line(line: string): void {
    if (this.mode === 'data') { this.dataLine(line); return; }
    this.server.transcript.push(line);
    if (this.mode === 'auth-user') {
      this.pendingUser = Buffer.from(line, 'base64').toString();
      this.mode = 'auth-password';
      this.send('334 UGFzc3dvcmQ6');
      return;
    }
    if (this.mode === 'auth-password') {
      this.mode = 'command';
      this.login(this.pendingUser, Buffer.from(line, 'base64').toString());
      return;
    }
    const verb = (line.split(/[ :]/)[0] ?? '').toUpperCase();
    const refused = this.server.settings.refuse?.[verb];
    if (refused) { this.send(refused); return; }
    this.command(verb, line);
  }

  private command(verb: string, line: string): void {
    const o = this.server.settings;
    switch (verb) {
      case 'EHLO': {
        this.greeted = true;
        const lines = ['test.smtp'];
        if (o.starttls && !this.encrypted) lines.push('STARTTLS');
        if (o.auth && this.encrypted) lines.push(`AUTH ${o.auth.mechanisms.join(' ')}`);
        lines.push('8BITMIME');
        lines.forEach((l, i) => {
          this.send(`250${i === lines.length - 1 ? ' ' : '-'}${l}`);
        });
        return;
      }
      case 'STARTTLS': {
        if (!o.starttls || this.encrypted) { this.send('503 not now'); return; }
        this.send('220 go ahead');
        this.socket.removeAllListeners('data');
        const secure = new TLSSocket(this.socket, { isServer: true, key: TEST_KEY, cert: TEST_CERT });
        secure.on('error', () => {});
        this.socket = secure;
        this.encrypted = true;
        this.greeted = false;
        this.buffer = '';
        this.listen(secure);
        return;
      }
      case 'AUTH':
        this.auth(line.split(' ').slice(1));
        return;
      case 'MAIL':
        if (!this.greeted) { this.send('503 EHLO first'); return; }
        if (o.auth && this.user === null) { this.send('530 authentication required'); return; }
        this.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
        this.to = [];
        this.send('250 sender ok');
        return;
      case 'RCPT':
        if (this.from === null) { this.send('503 MAIL first'); return; }
        this.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
        this.send('250 recipient ok');
        return;
      case 'DATA':
        if (this.to.length === 0) { this.send('503 RCPT first'); return; }
        this.mode = 'data';
        this.data = [];
        this.send('354 end with <CRLF>.<CRLF>');
        return;
      case 'QUIT':
        this.send('221 bye');
        this.socket.end();
        return;
      default:
        this.send('502 unknown command');
        return;
    }
  }

  private auth(args: string[]): void {
    const o = this.server.settings;
    const mechanism = (args[0] ?? '').toUpperCase();
    if (!o.auth || !this.encrypted || !o.auth.mechanisms.includes(mechanism as 'PLAIN')) { this.send('504 mechanism not offered'); return; }
    if (mechanism === 'PLAIN') {
      const [, user, password] = Buffer.from(args[1] ?? '', 'base64').toString().split('\0');
      this.login(user ?? '', password ?? '');
      return;
    }
    this.mode = 'auth-user';
    this.send('334 VXNlcm5hbWU6');
  }

  private login(user: string, password: string): void {
    const auth = this.server.settings.auth;
    if (auth && user === auth.user && password === auth.password) {
      this.user = user;
      this.send('235 authenticated');
      return;
    }
    this.send('535 5.7.8 credentials invalid');
  }

  private dataLine(line: string): void {
    if (line === '.') {
      this.mode = 'command';
      const answer = this.server.reply('MESSAGE', '250 queued as 1');
      if (answer.startsWith('250')) {
        this.server.mails.push({ from: this.from ?? '', to: this.to, data: this.data.join('\r\n'), encrypted: this.encrypted, user: this.user });
      }
      this.from = null;
      this.send(answer);
      return;
    }
    this.data.push(line.startsWith('..') ? line.slice(1) : line);
  }
}
