/**
 * A SIP phone a test scripts step by step, for what baresip 1.0.0 cannot do
 * (an attended transfer: REFER with Replaces, RFC 3891). One UDP socket on
 * 127.0.0.1 that talks only to the box: REGISTER with digest, answering
 * calls with an SDP answer, placing calls (407 answered), re-INVITE to
 * hold, REFER, and BYE; NOTIFY, BYE and OPTIONS from the box are answered
 * 200 on their own, and a re-INVITE (session refresh) gets the dialog's SDP.
 * Messages are parsed, and digests computed, with the box's own SIP library.
 *
 * Transactions are kept just far enough for loopback: a request is sent
 * again every 500 ms until a response (non-INVITE: a final one) comes; a
 * 2xx to INVITE that arrives again is ACKed again; a request from the box
 * that arrives again gets the same response again. RTP sent to the phone's
 * media port is only counted.
 */
import {
  createResponse,
  credentialsHeaderFor,
  DigestClient,
  parseSipMessage,
  randomHex,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  serializeMessage,
  systemRandomBytes,
  viaBranch,
} from '../../appliance/src/sip/index.ts';

const HOST = '127.0.0.1';
const RETRANSMIT_MS = 500;
const TRANSACTION_TIMEOUT_MS = 8000;

/** One dialog as this phone holds it (RFC 3261 §12). */
export interface UaDialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  /** From/To URIs without tags: ours and the box's. */
  localUri: string;
  remoteUri: string;
  /** Where in-dialog requests go (the box's Contact). */
  remoteTarget: string;
  /** Our last CSeq in this dialog. */
  cseq: number;
  /** The SDP we sent last: a re-INVITE from the box gets it again. */
  sdp: string;
  sdpVersion: number;
  /** The codec both sides settled on (payload type). */
  payloadType: number;
}

interface ClientTx {
  bytes: Uint8Array;
  invite: boolean;
  answered: boolean;
  timer: ReturnType<typeof setInterval>;
  deadline: ReturnType<typeof setTimeout>;
  resolve(response: SipResponse): void;
  reject(error: Error): void;
}

export interface ScriptedUaOptions {
  extension: string;
  secret: string;
  /** The box's SIP port on 127.0.0.1. */
  boxPort: number;
}

export class ScriptedUa {
  readonly extension: string;
  /** Every request the box sent, oldest first (retransmissions excluded). */
  readonly requests: SipRequest[] = [];
  /** RTP datagrams that reached the media port. */
  rtpPackets = 0;
  private readonly clients = new Map<string, ClientTx>();
  /** Responses given, by branch + method, resent when the request comes again. */
  private readonly given = new Map<string, Uint8Array>();
  /** ACKs sent for 2xx, by Call-ID + CSeq, resent when the 2xx comes again. */
  private readonly acks = new Map<string, Uint8Array>();
  private readonly dialogs: UaDialog[] = [];
  private readonly digest = new DigestClient({ random: systemRandomBytes });

  private constructor(
    private readonly o: ScriptedUaOptions,
    private readonly socket: Bun.udp.Socket<'buffer'>,
    private readonly media: Bun.udp.Socket<'buffer'>,
  ) {
    this.extension = o.extension;
  }

  static async start(o: ScriptedUaOptions): Promise<ScriptedUa> {
    let ua: ScriptedUa | undefined;
    const socket = await Bun.udpSocket({ hostname: HOST, binaryType: 'buffer', socket: { data: (_s, data) => ua?.receive(data) } });
    const media = await Bun.udpSocket({
      hostname: HOST,
      binaryType: 'buffer',
      socket: {
        data: () => {
          if (ua) ua.rtpPackets++;
        },
      },
    });
    ua = new ScriptedUa(o, socket, media);
    return ua;
  }

  get sipPort(): number {
    return this.socket.port;
  }

  get rtpPort(): number {
    return this.media.port;
  }

  private get aor(): string {
    return `sip:${this.extension}@${HOST}`;
  }

  private get contact(): string {
    return `<sip:${this.extension}@${HOST}:${this.sipPort}>`;
  }

  /** REGISTER, answering the 401; resolves with the final status. */
  async register(expires = 300): Promise<number> {
    const callId = `${randomHex(systemRandomBytes, 8)}@${HOST}`;
    const tag = this.tag();
    const uri = `sip:${HOST}:${this.o.boxPort}`;
    const headers = (cseq: number, auth: [string, string][]): [string, string][] => [
      ['From', `<${this.aor}>;tag=${tag}`],
      ['To', `<${this.aor}>`],
      ['Call-ID', callId],
      ['CSeq', `${cseq} REGISTER`],
      ['Contact', this.contact],
      ['Expires', String(expires)],
      ...auth,
    ];
    let response = await this.request('REGISTER', uri, headers(1, []));
    if (response.status === 401 || response.status === 407) {
      response = await this.request('REGISTER', uri, headers(2, [this.credentials(response, 'REGISTER', uri)]));
    }
    return response.status;
  }

  /** The next request of `method` from the box (after the `since`-th one), once it comes. */
  async nextRequest(method: string, o: { since?: number; timeoutMs?: number } = {}): Promise<SipRequest> {
    const deadline = Date.now() + (o.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.requests.slice(o.since ?? 0).find((r) => r.method === method);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.extension}: no ${method} within ${o.timeoutMs ?? 10_000} ms`);
      await Bun.sleep(10);
    }
  }

  /** Answers an INVITE from the box: 180, then 200 with an SDP answer; resolves once the ACK came. */
  async answer(invite: SipRequest): Promise<UaDialog> {
    const offer = new TextDecoder().decode(invite.body);
    const payloadType = pickPayloadType(offer);
    const dialog: UaDialog = {
      callId: invite.callId() as string,
      localTag: this.tag(),
      remoteTag: invite.fromTag() as string,
      localUri: nameAddrUri(invite.get('to') as string),
      remoteUri: nameAddrUri(invite.get('from') as string),
      remoteTarget: nameAddrUri(invite.get('contact') as string),
      cseq: 0,
      sdp: '',
      sdpVersion: 1,
      payloadType,
    };
    dialog.sdp = this.sdp(dialog, 'sendrecv');
    this.dialogs.push(dialog);
    this.respond(invite, 180, { toTag: dialog.localTag });
    const since = this.requests.length;
    this.respond(invite, 200, { toTag: dialog.localTag, sdp: dialog.sdp });
    await this.waitFor((r) => r.method === 'ACK' && r.callId() === dialog.callId, since);
    return dialog;
  }

  /** Calls `number` through the box (answering the 407); resolves once the call is up and ACKed. */
  async call(number: string): Promise<UaDialog> {
    const uri = `sip:${number}@${HOST}:${this.o.boxPort}`;
    const dialog: UaDialog = {
      callId: `${randomHex(systemRandomBytes, 8)}@${HOST}`,
      localTag: this.tag(),
      remoteTag: '',
      localUri: this.aor,
      remoteUri: `sip:${number}@${HOST}`,
      remoteTarget: uri,
      cseq: 1,
      sdp: '',
      sdpVersion: 1,
      payloadType: 8,
    };
    dialog.sdp = this.sdp(dialog, 'sendrecv');
    const headers = (auth: [string, string][]): [string, string][] => [
      ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
      ['To', `<${dialog.remoteUri}>`],
      ['Call-ID', dialog.callId],
      ['CSeq', `${dialog.cseq} INVITE`],
      ['Contact', this.contact],
      ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY'],
      ['Supported', 'replaces'],
      ...auth,
      ['Content-Type', 'application/sdp'],
    ];
    let response = await this.request('INVITE', uri, headers([]), dialog.sdp);
    if (response.status === 401 || response.status === 407) {
      dialog.cseq++;
      response = await this.request('INVITE', uri, headers([this.credentials(response, 'INVITE', uri)]), dialog.sdp);
    }
    if (response.status !== 200) throw new Error(`${this.extension}: INVITE ${number} answered ${response.status} ${response.reason}`);
    dialog.remoteTag = response.toTag() as string;
    dialog.remoteTarget = nameAddrUri(response.get('contact') as string);
    dialog.payloadType = pickPayloadType(new TextDecoder().decode(response.body));
    this.dialogs.push(dialog);
    this.sendAck(dialog, response);
    return dialog;
  }

  /** re-INVITE with `a=sendonly` (hold) or `a=sendrecv` (resume); resolves with the final response, ACKed. */
  async reinvite(dialog: UaDialog, direction: 'sendonly' | 'sendrecv'): Promise<SipResponse> {
    dialog.sdpVersion++;
    dialog.sdp = this.sdp(dialog, direction);
    const response = await this.inDialog(dialog, 'INVITE', [['Contact', this.contact], ['Content-Type', 'application/sdp']], dialog.sdp);
    if (response.status >= 200 && response.status < 300) this.sendAck(dialog, response);
    return response;
  }

  /** REFER in `dialog` to `referTo` (a Refer-To value); resolves with the final response. */
  refer(dialog: UaDialog, referTo: string): Promise<SipResponse> {
    return this.inDialog(dialog, 'REFER', [
      ['Refer-To', referTo],
      ['Referred-By', `<${this.aor}>`],
      ['Contact', this.contact],
    ]);
  }

  bye(dialog: UaDialog): Promise<SipResponse> {
    return this.inDialog(dialog, 'BYE', []);
  }

  /** The sipfrag status lines of the NOTIFYs received in `dialog`, in order. */
  notifies(dialog: UaDialog): string[] {
    return this.requests
      .filter((r) => r.method === 'NOTIFY' && r.callId() === dialog.callId)
      .map((r) => new TextDecoder().decode(r.body).split('\r\n')[0] as string);
  }

  close(): void {
    for (const tx of this.clients.values()) this.settle(tx);
    this.clients.clear();
    this.socket.close();
    this.media.close();
  }

  private tag(): string {
    return randomHex(systemRandomBytes, 6);
  }

  private credentials(challenge: SipResponse, method: string, uri: string): [string, string] {
    const status = challenge.status as 401 | 407;
    const values = challenge.getAll(status === 407 ? 'proxy-authenticate' : 'www-authenticate');
    const result = this.digest.authorize({ challenges: values, username: this.extension, password: this.o.secret, method, uri });
    if (!result.ok) throw new Error(`${this.extension}: cannot answer the challenge: ${result.error.message}`);
    return [credentialsHeaderFor(status), result.value.value];
  }

  private sdp(dialog: UaDialog, direction: string): string {
    const pt = dialog.payloadType;
    return [
      'v=0',
      `o=scripted ${dialog.localTag.length} ${dialog.sdpVersion} IN IP4 ${HOST}`,
      's=-',
      `c=IN IP4 ${HOST}`,
      't=0 0',
      `m=audio ${this.rtpPort} RTP/AVP ${pt} 101`,
      `a=rtpmap:${pt} ${pt === 0 ? 'PCMU' : 'PCMA'}/8000`,
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  private inDialog(dialog: UaDialog, method: string, headers: [string, string][], body?: string): Promise<SipResponse> {
    dialog.cseq++;
    return this.request(
      method,
      dialog.remoteTarget,
      [
        ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
        ['To', `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`],
        ['Call-ID', dialog.callId],
        ['CSeq', `${dialog.cseq} ${method}`],
        ...headers,
      ],
      body,
    );
  }

  /** Sends a request in a new client transaction; resolves with its final response (a non-2xx to INVITE is ACKed). */
  private request(method: string, uri: string, headers: [string, string][], body = ''): Promise<SipResponse> {
    const branch = `z9hG4bK${randomHex(systemRandomBytes, 8)}`;
    const bytes = this.encode(`${method} ${uri} SIP/2.0`, [['Via', `SIP/2.0/UDP ${HOST}:${this.sipPort};branch=${branch};rport`], ['Max-Forwards', '70'], ...headers], body);
    return new Promise<SipResponse>((resolve, reject) => {
      const tx: ClientTx = {
        bytes,
        invite: method === 'INVITE',
        answered: false,
        timer: setInterval(() => {
          if (!tx.answered) this.send(bytes);
        }, RETRANSMIT_MS),
        deadline: setTimeout(() => {
          this.settle(tx);
          this.clients.delete(branch);
          reject(new Error(`${this.extension}: no final response to ${method} within ${TRANSACTION_TIMEOUT_MS} ms`));
        }, TRANSACTION_TIMEOUT_MS),
        resolve,
        reject,
      };
      this.clients.set(branch, tx);
      this.send(bytes);
    });
  }

  private settle(tx: ClientTx): void {
    clearInterval(tx.timer);
    clearTimeout(tx.deadline);
  }

  private sendAck(dialog: UaDialog, response: SipResponse): void {
    const seq = response.cseq()?.seq ?? dialog.cseq;
    const bytes = this.encode(`ACK ${dialog.remoteTarget} SIP/2.0`, [
      ['Via', `SIP/2.0/UDP ${HOST}:${this.sipPort};branch=z9hG4bK${randomHex(systemRandomBytes, 8)};rport`],
      ['Max-Forwards', '70'],
      ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
      ['To', `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`],
      ['Call-ID', dialog.callId],
      ['CSeq', `${seq} ACK`],
    ]);
    this.acks.set(`${dialog.callId} ${seq}`, bytes);
    this.send(bytes);
  }

  private receive(data: Buffer): void {
    const parsed = parseSipMessage(data, { stream: false });
    if (parsed.kind !== 'message') return;
    const message: SipMessage = parsed.message;
    if (message.isRequest) this.onRequest(message as SipRequest);
    else this.onResponse(message as SipResponse);
  }

  private onResponse(response: SipResponse): void {
    const branch = branchOf(response);
    const tx = this.clients.get(branch);
    const cseq = response.cseq();
    if (tx === undefined) {
      // A 2xx to INVITE again: our ACK was lost or is on its way (§13.2.2.4).
      const ack = this.acks.get(`${response.callId()} ${cseq?.seq}`);
      if (ack && response.status >= 200 && response.status < 300) this.send(ack);
      return;
    }
    tx.answered = tx.answered || tx.invite || response.status >= 200;
    if (response.status < 200) return;
    this.settle(tx);
    this.clients.delete(branch);
    if (tx.invite && response.status >= 300) this.ackFailure(tx.bytes, response);
    tx.resolve(response);
  }

  /** §17.1.1.3: the ACK for a non-2xx final response, in the INVITE's transaction. */
  private ackFailure(inviteBytes: Uint8Array, response: SipResponse): void {
    const invite = parseSipMessage(inviteBytes, { stream: false });
    if (invite.kind !== 'message') return;
    const request = invite.message as SipRequest;
    this.send(
      this.encode(`ACK ${request.uri} SIP/2.0`, [
        ['Via', request.get('via') as string],
        ['Max-Forwards', '70'],
        ['From', request.get('from') as string],
        ['To', response.get('to') as string],
        ['Call-ID', request.callId() as string],
        ['CSeq', `${request.cseq()?.seq} ACK`],
      ]),
    );
  }

  private onRequest(request: SipRequest): void {
    const key = `${branchOf(request)} ${request.method}`;
    const again = this.given.get(key);
    if (again) {
      this.send(again);
      return;
    }
    if (request.method === 'ACK') {
      if (!this.requests.some((r) => r.method === 'ACK' && branchOf(r) === branchOf(request))) this.requests.push(request);
      return;
    }
    this.requests.push(request);
    const dialog = this.dialogs.find((d) => d.callId === request.callId() && d.localTag === request.toTag());
    switch (request.method) {
      case 'INVITE':
        if (request.toTag() === null) this.respond(request, 100);
        else if (dialog) this.respond(request, 200, { sdp: dialog.sdp });
        else this.respond(request, 481);
        return;
      case 'NOTIFY':
      case 'BYE':
      case 'OPTIONS':
        this.respond(request, dialog || request.method === 'OPTIONS' ? 200 : 481);
        return;
      default:
        this.respond(request, 405);
    }
  }

  private respond(request: SipRequest, status: number, o: { toTag?: string; sdp?: string } = {}): void {
    const headers: [string, string][] = [];
    if (request.method === 'INVITE' && status > 100 && status < 300) headers.push(['Contact', this.contact]);
    if (o.sdp) headers.push(['Content-Type', 'application/sdp']);
    const response = createResponse(request, status, { toTag: o.toTag ?? this.tag(), headers, ...(o.sdp ? { body: new TextEncoder().encode(o.sdp) } : {}) });
    const bytes = serializeMessage(response);
    this.given.set(`${branchOf(request)} ${request.method}`, bytes);
    this.send(bytes);
  }

  private async waitFor(match: (r: SipRequest) => boolean, since: number, timeoutMs = 5000): Promise<SipRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.slice(since).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.extension}: the awaited request did not come within ${timeoutMs} ms`);
      await Bun.sleep(10);
    }
  }

  private encode(startLine: string, headers: [string, string][], body = ''): Uint8Array {
    const bodyBytes = new TextEncoder().encode(body);
    const head = [startLine, ...headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${bodyBytes.length}`, '', ''].join('\r\n');
    return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]);
  }

  private send(bytes: Uint8Array): void {
    this.socket.send(bytes, this.o.boxPort, HOST);
  }
}

function branchOf(message: SipMessage): string {
  const via = message.topVia();
  return (via && viaBranch(via)) ?? '';
}

/** The URI inside a name-addr (`"Bob" <sip:…>;tag=x`) or of a bare addr-spec. */
function nameAddrUri(value: string): string {
  const m = /<([^>]*)>/.exec(value);
  return (m ? m[1] : value.split(';')[0])?.trim() ?? '';
}

/** The first of PCMU (0) or PCMA (8) in the offer's audio line; PCMA when none is found. */
function pickPayloadType(sdp: string): number {
  const formats = /^m=audio \d+ \S+ ([\d ]+)/m.exec(sdp)?.[1]?.split(' ').map(Number) ?? [];
  return formats.find((f) => f === 0 || f === 8) ?? 8;
}
