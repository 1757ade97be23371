/**
 * A client for baresip's ctrl_tcp module (baresip 1.0.0): commands and
 * replies, and the phone's events, as netstring-framed JSON on one TCP
 * connection.
 *
 *   → 37:{"command":"dial","params":"sip:b@…","token":"t1"},
 *   ← 52:{"response":true,"ok":true,"data":"","token":"t1"},
 *   ← 199:{"event":true,"type":"CALL_ESTABLISHED","class":"call",…},
 *
 * Commands are the menu module's: the same names as its `/help` list, plus
 * the in-call ones (hold, resume, transfer, …) while a call exists. A reply
 * with ok=false ("Invalid argument" when there is no call) rejects.
 */

/** An event as ctrl_tcp reports it, e.g. type CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED, TRANSFER. */
export interface BaresipEvent {
  type: string;
  class?: string;
  accountaor?: string;
  direction?: 'incoming' | 'outgoing';
  peeruri?: string;
  /** The call's id (its SIP Call-ID). */
  id?: string;
  /** CALL_CLOSED: the reason; CALL_INCOMING/ESTABLISHED: the peer URI; AUDIO_ERROR: "0,end of file". */
  param?: string;
  [key: string]: unknown;
}

interface Reply {
  ok: boolean;
  data: string;
}

const REPLY_TIMEOUT_MS = 5000;

export class BaresipControl {
  private pending = new Uint8Array(0);
  private readonly waiting = new Map<string, (reply: Reply) => void>();
  private nextToken = 1;

  private constructor(
    private readonly socket: Bun.Socket<undefined>,
    private readonly onEvent: (event: BaresipEvent) => void,
  ) {}

  /** Connects, retrying while baresip starts up, until `timeoutMs` or until `alive()` says the process is gone. */
  static async connect(o: { port: number; onEvent: (event: BaresipEvent) => void; alive: () => boolean; timeoutMs: number }): Promise<BaresipControl> {
    const deadline = Date.now() + o.timeoutMs;
    let control: BaresipControl | undefined;
    for (;;) {
      try {
        const socket = await Bun.connect({
          hostname: '127.0.0.1',
          port: o.port,
          socket: { data: (_s, data) => control?.receive(data) },
        });
        control = new BaresipControl(socket, o.onEvent);
        return control;
      } catch (error) {
        if (!o.alive()) throw new Error('baresip exited before its control port opened');
        if (Date.now() > deadline) throw new Error(`baresip control port ${o.port} not open within ${o.timeoutMs} ms`, { cause: error });
        await Bun.sleep(50);
      }
    }
  }

  /** Runs a menu command; resolves with its text output, rejects when baresip answers ok=false or not at all. */
  command(name: string, params = ''): Promise<string> {
    const token = `t${this.nextToken++}`;
    const body = new TextEncoder().encode(JSON.stringify({ command: name, params, token }));
    this.socket.write(new TextEncoder().encode(`${body.length}:`));
    this.socket.write(body);
    this.socket.write(',');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        reject(new Error(`baresip did not answer "${name} ${params}" within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(token, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.data);
        else reject(new Error(`baresip refused "${name} ${params}": ${reply.data}`));
      });
    });
  }

  close(): void {
    this.socket.end();
  }

  private receive(data: Uint8Array): void {
    const joined = new Uint8Array(this.pending.length + data.length);
    joined.set(this.pending);
    joined.set(data, this.pending.length);
    let at = 0;
    for (;;) {
      const colon = joined.indexOf(0x3a, at);
      if (colon < 0) break;
      const length = Number(new TextDecoder().decode(joined.subarray(at, colon)));
      const end = colon + 1 + length;
      if (!Number.isInteger(length) || end >= joined.length) break;
      this.dispatch(new TextDecoder().decode(joined.subarray(colon + 1, end)));
      at = end + 1; // the netstring's trailing ','
    }
    this.pending = joined.slice(at);
  }

  private dispatch(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.event === true) this.onEvent(message as unknown as BaresipEvent);
    else if (message.response === true && typeof message.token === 'string') {
      const settle = this.waiting.get(message.token);
      this.waiting.delete(message.token);
      settle?.({ ok: message.ok === true, data: String(message.data ?? '') });
    }
  }
}
