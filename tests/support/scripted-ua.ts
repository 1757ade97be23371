/**
 * A SIP phone a test scripts step by step, for what baresip 1.0.0 cannot do
 * (an attended transfer: REFER with Replaces, RFC 3891). One UDP socket on
 * 127.0.0.1 that talks only to the box: REGISTER with digest, answering
 * calls with an SDP answer, placing calls (407 answered; with an offer, or
 * without one and the answer in the ACK, RFC 3261 §13.2.1), re-INVITE to
 * hold, REFER, and BYE; NOTIFY, BYE and OPTIONS from the box are answered
 * 200 on their own, and a re-INVITE (session refresh) gets the dialog's SDP.
 * Messages are parsed, and digests computed, with the box's own SIP library.
 *
 * Transactions are kept just far enough for loopback: a request is sent
 * again every 500 ms until a response (non-INVITE: a final one) comes; a
 * 2xx to INVITE that arrives again is ACKed again; a request from the box
 * that arrives again gets the same response again. RTP sent to the phone's
 * media port is recorded (scripted-media.ts); the phone sends RTP only when a
 * test does. Requests no well-behaved phone sends are built in
 * scripted-ua-requests.ts on `sendRequest` and `sendInDialog`.
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
import { Arrivals } from './arrivals.ts';
import { phoneSdp, pickPayloadType, RtpPort } from './scripted-media.ts';

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
  /** The SDP the box sent last in this dialog (its offer or answer). */
  remoteSdp: string;
}

export interface CallOptions {
  /** false: an INVITE without SDP; the box offers in its 200 and our answer goes in the ACK (§13.2.1). Default true. */
  offer?: boolean;
  /** With `offer: false`: false sends the ACK without the answer. Default true. */
  answerInAck?: boolean;
  /** Runs with the 200 just before it is ACKed. */
  beforeAck?: (ok: SipResponse) => void;
}

/** A request in a new client transaction, with what a phone would normally not choose. */
export interface OutgoingRequest {
  method: string;
  uri: string;
  headers: [string, string][];
  body?: string;
  /** The top Via's sent-by (default: this phone's address); `;rport` keeps the response coming here. */
  viaSentBy?: string;
  /** Default 70. */
  maxForwards?: string;
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
  private readonly inbox: Arrivals<SipRequest>;
  /** Every request the box sent, oldest first (retransmissions excluded). */
  readonly requests: SipRequest[];
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
    /** The media port: what reached it, and sending from it. */
    readonly rtp: RtpPort,
  ) {
    this.extension = o.extension;
    this.inbox = new Arrivals<SipRequest>(`scripted phone ${o.extension}`);
    this.requests = this.inbox.items;
  }

  static async start(o: ScriptedUaOptions): Promise<ScriptedUa> {
    let ua: ScriptedUa | undefined;
    const socket = await Bun.udpSocket({ hostname: HOST, binaryType: 'buffer', socket: { data: (_s, data) => ua?.receive(data) } });
    ua = new ScriptedUa(o, socket, await RtpPort.open(HOST));
    return ua;
  }

  get sipPort(): number {
    return this.socket.port;
  }

  get rtpPort(): number {
    return this.rtp.port;
  }

  get boxPort(): number {
    return this.o.boxPort;
  }

  /** RTP datagrams that reached the media port. */
  get rtpPackets(): number {
    return this.rtp.received.length;
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
  nextRequest(method: string, o: { since?: number; timeoutMs?: number } = {}): Promise<SipRequest> {
    return this.inbox.first((r) => r.method === method, { since: o.since, timeoutMs: o.timeoutMs ?? 10_000, what: method });
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
      remoteSdp: offer,
    };
    dialog.sdp = this.sdp(dialog, 'sendrecv');
    this.dialogs.push(dialog);
    this.respond(invite, 180, { toTag: dialog.localTag });
    const since = this.requests.length;
    this.respond(invite, 200, { toTag: dialog.localTag, sdp: dialog.sdp });
    await this.inbox.first((r) => r.method === 'ACK' && r.callId() === dialog.callId, { since, timeoutMs: 5000, what: 'the ACK' });
    return dialog;
  }

  /** Calls `number` through the box (answering the 407); resolves once the call is up and ACKed. */
  async call(number: string, o: CallOptions = {}): Promise<UaDialog> {
    const offer = o.offer ?? true;
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
      remoteSdp: '',
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
      ...(offer ? [['Content-Type', 'application/sdp'] as [string, string]] : []),
    ];
    const body = offer ? dialog.sdp : '';
    let response = await this.request('INVITE', uri, headers([]), body);
    if (response.status === 401 || response.status === 407) {
      dialog.cseq++;
      response = await this.request('INVITE', uri, headers([this.credentials(response, 'INVITE', uri)]), body);
    }
    if (response.status !== 200) throw new Error(`${this.extension}: INVITE ${number} answered ${response.status} ${response.reason}`);
    dialog.remoteTag = response.toTag() as string;
    dialog.remoteTarget = nameAddrUri(response.get('contact') as string);
    dialog.remoteSdp = new TextDecoder().decode(response.body);
    dialog.payloadType = pickPayloadType(dialog.remoteSdp);
    // Without an offer of ours the 200 carried the box's: the answer takes the codec it put first.
    if (!offer) dialog.sdp = this.sdp(dialog, 'sendrecv');
    this.dialogs.push(dialog);
    o.beforeAck?.(response);
    this.sendAck(dialog, response, !offer && o.answerInAck !== false ? dialog.sdp : '');
    return dialog;
  }

  /** re-INVITE with `a=sendonly` (hold) or `a=sendrecv` (resume); resolves with the final response, ACKed. */
  async reinvite(dialog: UaDialog, direction: 'sendonly' | 'sendrecv'): Promise<SipResponse> {
    dialog.sdpVersion++;
    dialog.sdp = this.sdp(dialog, direction);
    const response = await this.sendInDialog(dialog, 'INVITE', [['Contact', this.contact], ['Content-Type', 'application/sdp']], dialog.sdp);
    if (response.status >= 200 && response.status < 300) this.sendAck(dialog, response);
    return response;
  }

  /** REFER in `dialog` to `referTo` (a Refer-To value); resolves with the final response. */
  refer(dialog: UaDialog, referTo: string): Promise<SipResponse> {
    return this.sendInDialog(dialog, 'REFER', [
      ['Refer-To', referTo],
      ['Referred-By', `<${this.aor}>`],
      ['Contact', this.contact],
    ]);
  }

  bye(dialog: UaDialog): Promise<SipResponse> {
    return this.sendInDialog(dialog, 'BYE', []);
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
    this.rtp.close();
  }

  private tag(): string {
    return randomHex(systemRandomBytes, 6);
  }

  /** The Authorization or Proxy-Authorization header answering `challenge` (401 or 407). */
  credentials(challenge: SipResponse, method: string, uri: string): [string, string] {
    const status = challenge.status as 401 | 407;
    const values = challenge.getAll(status === 407 ? 'proxy-authenticate' : 'www-authenticate');
    const result = this.digest.authorize({ challenges: values, username: this.extension, password: this.o.secret, method, uri });
    if (!result.ok) throw new Error(`${this.extension}: cannot answer the challenge: ${result.error.message}`);
    return [credentialsHeaderFor(status), result.value.value];
  }

  private sdp(dialog: UaDialog, direction: string): string {
    return phoneSdp({ host: HOST, port: this.rtpPort, payloadType: dialog.payloadType, version: dialog.sdpVersion, direction });
  }

  /** A request in `dialog` (§12.2.1.1); `cseq` sends that number instead of the next one (the dialog's count stays). */
  sendInDialog(dialog: UaDialog, method: string, headers: [string, string][], body?: string, o: { cseq?: number } = {}): Promise<SipResponse> {
    const cseq = o.cseq ?? ++dialog.cseq;
    return this.request(
      method,
      dialog.remoteTarget,
      [
        ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
        ['To', `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`],
        ['Call-ID', dialog.callId],
        ['CSeq', `${cseq} ${method}`],
        ...headers,
      ],
      body,
    );
  }

  /** Any request, headers as given (no credentials, no dialog); resolves with its final response. */
  sendRequest(r: OutgoingRequest): Promise<SipResponse> {
    return this.request(r.method, r.uri, r.headers, r.body, r);
  }

  /** Sends a request in a new client transaction; resolves with its final response (a non-2xx to INVITE is ACKed). */
  private request(method: string, uri: string, headers: [string, string][], body = '', o: { viaSentBy?: string; maxForwards?: string } = {}): Promise<SipResponse> {
    const branch = `z9hG4bK${randomHex(systemRandomBytes, 8)}`;
    const via = `SIP/2.0/UDP ${o.viaSentBy ?? `${HOST}:${this.sipPort}`};branch=${branch};rport`;
    const bytes = this.encode(`${method} ${uri} SIP/2.0`, [['Via', via], ['Max-Forwards', o.maxForwards ?? '70'], ...headers], body);
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

  private sendAck(dialog: UaDialog, response: SipResponse, body = ''): void {
    const seq = response.cseq()?.seq ?? dialog.cseq;
    const bytes = this.encode(`ACK ${dialog.remoteTarget} SIP/2.0`, [
      ['Via', `SIP/2.0/UDP ${HOST}:${this.sipPort};branch=z9hG4bK${randomHex(systemRandomBytes, 8)};rport`],
      ['Max-Forwards', '70'],
      ['From', `<${dialog.localUri}>;tag=${dialog.localTag}`],
      ['To', `<${dialog.remoteUri}>;tag=${dialog.remoteTag}`],
      ['Call-ID', dialog.callId],
      ['CSeq', `${seq} ACK`],
      ...(body ? [['Content-Type', 'application/sdp'] as [string, string]] : []),
    ], body);
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
      if (!this.requests.some((r) => r.method === 'ACK' && branchOf(r) === branchOf(request))) this.inbox.push(request);
      return;
    }
    this.inbox.push(request);
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
