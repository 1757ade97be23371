/**
 * An agent's phone that the bench process plays itself on a UDP port a
 * binding already points at (SIPp registered the extension from it and
 * exited): it timestamps each INVITE the moment it arrives and refuses it
 * when told, with a final response built from the INVITE's own headers
 * (RFC 3261 §8.2.6: Via, From, Call-ID and CSeq copied, a To tag added).
 * Kept just far enough for loopback: an INVITE that arrives again (same
 * top Via branch) is a retransmission — counted, not reported as new, and
 * given the same response again once there is one; the ACK of the refusal
 * is recorded; OPTIONS is answered 200; anything else is only counted.
 *
 * The parse is deliberately independent of the box's SIP library: lines,
 * unfolded headers, compact names (RFC 3261 §7.3.3). A datagram that is not
 * a request is counted and dropped.
 */

const HOST = '127.0.0.1';
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length' };

interface Request {
  method: string;
  /** Header lines in order, name lower-cased (compact forms expanded) and value. */
  headers: [name: string, value: string][];
}

/** A request's start line and headers, or null for a response or a datagram that is not SIP. */
function parseRequest(text: string): Request | null {
  const end = text.indexOf('\r\n\r\n');
  const lines = (end < 0 ? text : text.slice(0, end)).split('\r\n');
  const start = /^([A-Z]+) \S+ SIP\/2\.0$/.exec(lines[0] ?? '');
  if (!start) return null;
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const last = headers.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  return { method: start[1] as string, headers };
}

const first = (r: Request, name: string) => r.headers.find(([n]) => n === name)?.[1] ?? '';
const topBranch = (r: Request) => /;\s*branch=([^;,\s]+)/i.exec(first(r, 'via'))?.[1] ?? '';

export interface ReceivedInvite {
  /** performance.now() when the datagram was handed to the bench. */
  at: number;
  callId: string;
  branch: string;
  cseq: string;
  request: Request;
  source: { address: string; port: number };
}

/** RFC 3261 §8.2.6.2: the request's Vias (all, in order), From, To (with a tag of ours), Call-ID, CSeq. */
function finalResponse(invite: ReceivedInvite, status: number, reason: string, toTag: string): string {
  const r = invite.request;
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const [name, value] of r.headers) if (name === 'via') lines.push(`Via: ${value}`);
  const to = first(r, 'to');
  lines.push(
    `From: ${first(r, 'from')}`,
    `To: ${/;\s*tag=/i.test(to) ? to : `${to};tag=${toTag}`}`,
    `Call-ID: ${invite.callId}`,
    `CSeq: ${invite.cseq}`,
    'Content-Length: 0',
    '',
    '',
  );
  return lines.join('\r\n');
}

export interface PhoneCounters {
  invites: number;
  /** INVITEs that came again (same branch). */
  retransmissions: number;
  acks: number;
  /** Other requests by method. */
  other: Record<string, number>;
  /** Datagrams that were not a request. */
  dropped: number;
}

export class RefusingPhone {
  readonly counters: PhoneCounters = { invites: 0, retransmissions: 0, acks: 0, other: {}, dropped: 0 };
  private readonly fresh: ReceivedInvite[] = [];
  private waiter: ((invite: ReceivedInvite) => void) | null = null;
  /** Responses given, by branch, sent again when the INVITE comes again. */
  private readonly given = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly acked = new Set<string>();
  private ackWaiter: { branch: string; resolve: () => void } | null = null;
  private tags = 0;

  private constructor(private socket: Bun.udp.Socket<'buffer'> | null) {}

  /** Binds `port` on 127.0.0.1 (free again once the registering SIPp has exited). */
  static async bind(port: number): Promise<RefusingPhone> {
    let phone: RefusingPhone | undefined;
    const socket = await Bun.udpSocket({
      hostname: HOST,
      port,
      binaryType: 'buffer',
      socket: { data: (_s, data, fromPort, fromAddress) => phone?.receive(data, fromPort, fromAddress, performance.now()) },
    });
    phone = new RefusingPhone(socket);
    return phone;
  }

  /** The next new INVITE (already arrived or yet to), or null after `timeoutMs`. */
  nextInvite(timeoutMs: number): Promise<ReceivedInvite | null> {
    const ready = this.fresh.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (invite) => {
        clearTimeout(timer);
        this.waiter = null;
        resolve(invite);
      };
    });
  }

  /** INVITEs that arrived and nobody took yet (a stray one the bench did not expect). */
  drain(): ReceivedInvite[] {
    return this.fresh.splice(0);
  }

  /** Sends a final response to the INVITE (kept for its retransmissions). */
  refuse(invite: ReceivedInvite, status = 486, reason = 'Busy Here'): void {
    const response = finalResponse(invite, status, reason, `bench${++this.tags}`);
    this.given.set(invite.branch, response);
    this.socket?.send(response, invite.source.port, invite.source.address);
  }

  /** Waits (bounded) for the ACK of the refusal; true when it came. */
  untilAck(invite: ReceivedInvite, timeoutMs: number): Promise<boolean> {
    if (this.acked.has(invite.branch)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ackWaiter = null;
        resolve(false);
      }, timeoutMs);
      this.ackWaiter = {
        branch: invite.branch,
        resolve: () => {
          clearTimeout(timer);
          this.ackWaiter = null;
          resolve(true);
        },
      };
    });
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private receive(data: Buffer, port: number, address: string, at: number): void {
    const r = parseRequest(data.toString('latin1'));
    if (r === null) {
      this.counters.dropped += 1;
      return;
    }
    const branch = topBranch(r);
    if (r.method === 'INVITE') {
      this.invite({ at, callId: first(r, 'call-id'), branch, cseq: first(r, 'cseq'), request: r, source: { address, port } });
      return;
    }
    if (r.method === 'ACK') {
      // The ACK of a non-2xx final response carries the INVITE's branch (RFC 3261 §17.1.1.3).
      this.counters.acks += 1;
      this.acked.add(branch);
      if (this.ackWaiter?.branch === branch) this.ackWaiter.resolve();
      return;
    }
    this.counters.other[r.method] = (this.counters.other[r.method] ?? 0) + 1;
    if (r.method === 'OPTIONS') {
      const request = { at, callId: first(r, 'call-id'), branch, cseq: first(r, 'cseq'), request: r, source: { address, port } };
      this.socket?.send(finalResponse(request, 200, 'OK', `bench${++this.tags}`), port, address);
    }
  }

  private invite(invite: ReceivedInvite): void {
    if (this.seen.has(invite.branch)) {
      this.counters.retransmissions += 1;
      const given = this.given.get(invite.branch);
      if (given !== undefined) this.socket?.send(given, invite.source.port, invite.source.address);
      return;
    }
    this.seen.add(invite.branch);
    this.counters.invites += 1;
    if (this.waiter) this.waiter(invite);
    else this.fresh.push(invite);
  }
}
