/**
 * Sends one email over SMTP (RFC 5321), the way a small box must: EHLO,
 * STARTTLS (RFC 3207) when asked, AUTH PLAIN or LOGIN (RFC 4954) only over
 * an encrypted connection, MAIL / RCPT / DATA with dot-stuffing, QUIT.
 * Every wait has a deadline from the injected scheduler; every failure is
 * an SmtpError saying which step failed and what the server replied.
 *
 *   S: 220 mx ready            C: MAIL FROM:<box@example.com>   S: 250
 *   C: EHLO box                C: RCPT TO:<bob@example.com>     S: 250
 *   S: 250-mx / 250 STARTTLS   C: DATA                          S: 354
 *   C: STARTTLS   S: 220       C: …message… CRLF . CRLF         S: 250
 *   (handshake, EHLO again)    C: QUIT                          S: 221
 */
import type { Scheduler, Timer } from '../../system/index.ts';
import { SmtpError } from './smtp-errors.ts';
import { ehloExtensions, type SmtpReply, SmtpReplyReader } from './smtp-reply.ts';
import type { SmtpConnector, SmtpSocket } from './smtp-socket.ts';

export interface SmtpServer {
  host: string;
  port: number;
  secure: 'none' | 'starttls' | 'tls';
  username: string | null;
  password: string | null;
  verifyCertificate: boolean;
  /** Extra trusted CA (PEM). */
  ca?: string;
}

export interface SmtpEnvelope {
  from: string;
  to: string[];
}

export interface SmtpClientDeps {
  connect: SmtpConnector;
  scheduler: Scheduler;
  /** The name the box gives in EHLO. */
  heloName: string;
  /** Longest wait for any one reply (RFC 5321 §4.5.3.2 allows minutes; a box should give up sooner). */
  timeoutMs?: number;
}

const ADDRESS = /^[^\s<>@]+@[^\s<>@]+$/;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Sends `message` (RFC 5322 text, CRLF lines); resolves once the server has taken it (250 after DATA). */
export async function sendMail(deps: SmtpClientDeps, server: SmtpServer, envelope: SmtpEnvelope, message: string): Promise<void> {
  for (const address of [envelope.from, ...envelope.to]) {
    if (!ADDRESS.test(address)) throw new SmtpError('smtp_config', `not an email address: ${JSON.stringify(address)}`);
  }
  if (envelope.to.length === 0) throw new SmtpError('smtp_config', 'no recipient');
  if (server.host === '') throw new SmtpError('smtp_config', 'no SMTP host set');
  const conversation = new Conversation(deps);
  try {
    await conversation.open(server);
    await conversation.send(envelope, message);
  } finally {
    conversation.close();
  }
}

/** RFC 5321 §4.5.2: a line starting with '.' gets another; the data ends with CRLF . CRLF. */
export function dataBlock(message: string): string {
  const lines = message.replace(/\r?\n/g, '\r\n').replace(/\r\n$/, '').split('\r\n');
  return `${lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join('\r\n')}\r\n.\r\n`;
}

class Conversation {
  private socket: SmtpSocket | null = null;
  private readonly reader = new SmtpReplyReader();
  private readonly replies: (SmtpReply | SmtpError)[] = [];
  private waiting: ((reply: SmtpReply | SmtpError) => void) | null = null;
  private closed: SmtpError | null = null;

  constructor(private readonly deps: SmtpClientDeps) {}

  async open(server: SmtpServer): Promise<void> {
    const connecting = this.connect(server);
    this.socket = await this.deadline('connect', connecting).catch((error) => {
      // A connection that comes after the deadline is closed as it arrives.
      void connecting.then((late) => late.close(), () => {});
      throw error;
    });
    this.socket.onData((text) => this.received(this.reader.push(text)));
    this.socket.onClose((error) => {
      this.closed = new SmtpError('smtp_connect', `the server closed the connection${error ? `: ${error.message}` : ''}`, null, { cause: error });
      this.received([this.closed]);
    });
    await this.expect('greeting', [220]);
    let extensions = await this.ehlo();
    if (server.secure === 'starttls') {
      if (!extensions.has('STARTTLS')) throw new SmtpError('smtp_tls', 'the server does not offer STARTTLS');
      await this.command('STARTTLS', 'STARTTLS', [220]);
      this.reader.reset();
      this.replies.length = 0;
      await this.deadline('TLS handshake', this.socket.startTls()).catch((error) => {
        throw error instanceof SmtpError ? error : new SmtpError('smtp_tls', `TLS failed: ${(error as Error).message}`, null, { cause: error });
      });
      extensions = await this.ehlo();
    }
    if (server.username !== null) await this.authenticate(server, extensions.get('AUTH') ?? []);
  }

  async send(envelope: SmtpEnvelope, message: string): Promise<void> {
    await this.command('MAIL FROM', `MAIL FROM:<${envelope.from}>`, [250]);
    for (const to of envelope.to) await this.command('RCPT TO', `RCPT TO:<${to}>`, [250, 251]);
    await this.command('DATA', 'DATA', [354]);
    this.write(dataBlock(message));
    await this.expect('message', [250]);
    // The message is taken; a QUIT that goes wrong changes nothing.
    await this.command('QUIT', 'QUIT', [221]).catch(() => {});
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private async connect(server: SmtpServer): Promise<SmtpSocket> {
    try {
      return await this.deps.connect({
        host: server.host,
        port: server.port,
        implicitTls: server.secure === 'tls',
        verifyCertificate: server.verifyCertificate,
        ...(server.ca ? { ca: server.ca } : {}),
      });
    } catch (error) {
      const tls = server.secure === 'tls' && /certificate|SSL|TLS|handshake/i.test(String((error as Error).message));
      throw new SmtpError(tls ? 'smtp_tls' : 'smtp_connect', `cannot reach ${server.host}:${server.port}: ${(error as Error).message}`, null, { cause: error });
    }
  }

  private async ehlo(): Promise<Map<string, string[]>> {
    return ehloExtensions(await this.command('EHLO', `EHLO ${this.deps.heloName}`, [250]));
  }

  /** AUTH PLAIN when offered, else LOGIN; never over a connection in clear. */
  private async authenticate(server: SmtpServer, mechanisms: string[]): Promise<void> {
    if (server.secure === 'none') throw new SmtpError('smtp_config', 'a username and password need secure = starttls or tls');
    const user = server.username ?? '';
    const password = server.password ?? '';
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    if (mechanisms.includes('PLAIN')) {
      await this.command('AUTH', `AUTH PLAIN ${b64(`\0${user}\0${password}`)}`, [235], 'smtp_auth');
    } else if (mechanisms.includes('LOGIN')) {
      await this.command('AUTH', 'AUTH LOGIN', [334], 'smtp_auth');
      await this.command('AUTH', b64(user), [334], 'smtp_auth');
      await this.command('AUTH', b64(password), [235], 'smtp_auth');
    } else {
      throw new SmtpError('smtp_auth', `the server offers no login we speak (AUTH ${mechanisms.join(' ') || 'none'})`);
    }
  }

  private async command(step: string, line: string, accept: number[], failure: 'smtp_rejected' | 'smtp_auth' = 'smtp_rejected'): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.expect(step, accept, failure);
  }

  private async expect(step: string, accept: number[], failure: 'smtp_rejected' | 'smtp_auth' = 'smtp_rejected'): Promise<SmtpReply> {
    const reply = await this.deadline(step, this.next());
    if (reply instanceof SmtpError) throw reply;
    if (accept.includes(reply.code)) return reply;
    const text = reply.lines.join(' ').slice(0, 200);
    // 535 is the usual "credentials refused"; any other refusal of AUTH is still a login failure.
    throw new SmtpError(step === 'AUTH' || reply.code === 535 ? 'smtp_auth' : failure, `${step}: the server answered ${reply.code} ${text}`, reply.code);
  }

  private next(): Promise<SmtpReply | SmtpError> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private received(items: (SmtpReply | SmtpError)[]): void {
    for (const item of items) {
      const waiter = this.waiting;
      this.waiting = null;
      if (waiter) waiter(item);
      else this.replies.push(item);
    }
  }

  private write(text: string): void {
    if (this.closed) throw this.closed;
    this.socket?.write(text);
  }

  private deadline<T>(step: string, work: Promise<T>): Promise<T> {
    const ms = this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: Timer | null = null;
    const expired = new Promise<never>((_, reject) => {
      timer = this.deps.scheduler.after(ms, () => reject(new SmtpError('smtp_timeout', `${step}: no answer within ${Math.round(ms / 1000)} s`)));
    });
    return Promise.race([work, expired]).finally(() => (timer as Timer | null)?.cancel());
  }
}
