/**
 * The RTP port range (`RTP_PORTS`) as a pool of even ports: RTP on the even
 * port, RTCP on the odd one above it (RFC 3550 §11). Ports are handed out
 * round-robin rather than lowest-first, so a port just released is not given
 * to the next call while stray packets of the old call may still arrive.
 */
export class RtpPortPool {
  private readonly free: number[] = [];
  private head = 0;
  private readonly taken = new Set<number>();

  constructor(range: { min: number; max: number }) {
    const first = range.min % 2 === 0 ? range.min : range.min + 1;
    for (let port = first; port + 1 <= range.max; port += 2) this.free.push(port);
  }

  /** Ports not in use. */
  get available(): number {
    return this.free.length - this.head;
  }

  get inUse(): number {
    return this.taken.size;
  }

  /** The next free even port, or null when the range is exhausted. */
  take(): number | null {
    if (this.head >= this.free.length) return null;
    const port = this.free[this.head++] as number;
    if (this.head > 1024 && this.head * 2 > this.free.length) {
      this.free.splice(0, this.head);
      this.head = 0;
    }
    this.taken.add(port);
    return port;
  }

  /** Gives a port back; it is handed out again only after every other free port. */
  release(port: number): void {
    if (!this.taken.delete(port)) return;
    this.free.push(port);
  }
}
