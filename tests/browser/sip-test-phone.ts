/**
 * A phone for tests that registers over UDP with the project's own SIP code:
 * REGISTER without credentials, answer the 401's challenge with Digest,
 * REGISTER again (new branch, same Call-ID, next CSeq). Requests are
 * retransmitted every 500 ms until answered, as UDP needs (RFC 3261 §17.1.2.2).
 */
import {
  DigestClient,
  isRequest,
  parseSipMessage,
  randomHex,
  type SipResponse,
  systemRandomBytes,
  viaBranch,
} from '../../appliance/src/sip/index.ts';

const RETRANSMIT_MS = 500;

export interface SipTestPhoneOptions {
  extension: string;
  password: string;
  /** The appliance's SIP port on 127.0.0.1. */
  registrarPort: number;
  userAgent?: string;
}

export class SipTestPhone {
  readonly #options: SipTestPhoneOptions;
  readonly #socket: Bun.udp.Socket<'buffer'>;
  readonly #digest = new DigestClient({ random: systemRandomBytes });
  readonly #waiting = new Map<string, (response: SipResponse) => void>();
  readonly #callId = `${randomHex(systemRandomBytes, 8)}@127.0.0.1`;
  readonly #fromTag = randomHex(systemRandomBytes, 4);
  #cseq = 0;

  private constructor(options: SipTestPhoneOptions, socket: Bun.udp.Socket<'buffer'>) {
    this.#options = options;
    this.#socket = socket;
  }

  static async open(options: SipTestPhoneOptions): Promise<SipTestPhone> {
    let phone: SipTestPhone | null = null;
    const socket = await Bun.udpSocket({
      hostname: '127.0.0.1',
      socket: {
        data: (_socket, data) => {
          if (phone) phone.#receive(data);
        },
      },
    });
    phone = new SipTestPhone(options, socket);
    return phone;
  }

  /** The UDP port the phone listens on: its contact is sip:EXT@127.0.0.1:PORT. */
  get localPort(): number {
    return this.#socket.port;
  }

  get contact(): string {
    return `sip:${this.#options.extension}@127.0.0.1:${this.localPort}`;
  }

  /** One full round (challenge, then credentials); `expires` 0 un-registers. Resolves with the final status. */
  async register(expires: number): Promise<number> {
    const challenged = await this.#request(expires, null, 4_000);
    if (!challenged) throw new Error('no answer to REGISTER');
    if (challenged.status !== 401) return challenged.status;
    const authorization = this.#digest.authorize({
      challenges: challenged.getAll('WWW-Authenticate'),
      username: this.#options.extension,
      password: this.#options.password,
      method: 'REGISTER',
      uri: this.#registrarUri,
    });
    if (!authorization.ok) throw authorization.error;
    const answer = await this.#request(expires, authorization.value.value, 4_000);
    if (!answer) throw new Error('no answer to the authenticated REGISTER');
    return answer.status;
  }

  /** Sends one REGISTER without credentials; the status, or null when nothing came back within `waitMs` (a ban). */
  async probe(waitMs: number): Promise<number | null> {
    return (await this.#request(300, null, waitMs))?.status ?? null;
  }

  close(): void {
    this.#socket.close();
  }

  get #registrarUri(): string {
    return `sip:127.0.0.1:${this.#options.registrarPort}`;
  }

  async #request(expires: number, authorization: string | null, waitMs: number): Promise<SipResponse | null> {
    const branch = `z9hG4bK${randomHex(systemRandomBytes, 8)}`;
    this.#cseq += 1;
    const { extension, registrarPort, userAgent = 'browser-test softphone' } = this.#options;
    const lines = [
      `REGISTER ${this.#registrarUri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.localPort};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:${extension}@127.0.0.1>;tag=${this.#fromTag}`,
      `To: <sip:${extension}@127.0.0.1>`,
      `Call-ID: ${this.#callId}`,
      `CSeq: ${this.#cseq} REGISTER`,
      `Contact: <${this.contact}>`,
      `Expires: ${expires}`,
      ...(authorization ? [`Authorization: ${authorization}`] : []),
      `User-Agent: ${userAgent}`,
      'Content-Length: 0',
    ];
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    const answered = new Promise<SipResponse>((resolve) => this.#waiting.set(branch, resolve));
    const deadline = Date.now() + waitMs;
    try {
      while (Date.now() < deadline) {
        this.#socket.send(bytes, registrarPort, '127.0.0.1');
        const wait = Math.min(RETRANSMIT_MS, deadline - Date.now());
        const response = await Promise.race([answered, Bun.sleep(wait).then(() => null)]);
        if (response) return response;
      }
      return null;
    } finally {
      this.#waiting.delete(branch);
    }
  }

  /** Final responses settle the request whose branch they carry; provisional ones are ignored. */
  #receive(data: Buffer): void {
    const parsed = parseSipMessage(data, { stream: false });
    if (parsed.kind !== 'message' || isRequest(parsed.message)) return;
    const response = parsed.message as SipResponse;
    const via = response.vias()?.[0];
    const branch = via ? viaBranch(via) : null;
    if (response.status >= 200 && branch) this.#waiting.get(branch)?.(response);
  }
}
