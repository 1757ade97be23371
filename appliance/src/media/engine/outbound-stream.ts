/**
 * One RTP stream the box sends to a remote party. Whatever feeds it — the
 * other leg of a bridge, a prompt, music on hold, the mixer, a new leg after
 * a transfer — the remote sees one SSRC with sequence numbers and timestamps
 * that just go on (RFC 3550 §5.1, RFC 7160): a phone that sees a new SSRC
 * or a jump in timestamps may drop audio or reset its jitter buffer.
 *
 * Relayed packets keep their payload and timing; only the header is
 * rewritten in place with fixed offsets, computed again whenever the source
 * changes (a new SSRC, or `rebase()` after the feeder changed).
 */
const SAMPLES_PER_MS = 8;

export class OutboundStream {
  private seq: number;
  private ts: number;
  private lastSentAt = -1;
  private sourceSsrc = -1;
  private seqDelta = 0;
  private tsDelta = 0;
  private generating = false;
  /** Set the marker bit on the next packet: a new talkspurt for the receiver (RFC 3551 §4.1). */
  private markNext = true;
  packets = 0;
  octets = 0;

  constructor(
    readonly ssrc: number,
    initialSeq: number,
    initialTs: number,
  ) {
    this.seq = (initialSeq - 1) & 0xffff;
    this.ts = initialTs >>> 0;
  }

  /** The feeder changed: the next packet, relayed or generated, starts a new mapping. */
  rebase(): void {
    this.sourceSsrc = -1;
    this.generating = false;
  }

  /**
   * Rewrites the header of a relayed packet in place (sequence, timestamp,
   * SSRC, marker on a new source) and counts it as sent.
   */
  relay(buf: Uint8Array, inSeq: number, inTs: number, inSsrc: number, payloadBytes: number, nowMs: number): void {
    if (inSsrc !== this.sourceSsrc) {
      this.sourceSsrc = inSsrc;
      this.generating = false;
      const ts = this.continuedTimestamp(nowMs);
      this.seqDelta = (this.seq + 1 - inSeq) & 0xffff;
      this.tsDelta = (ts - inTs) >>> 0;
      this.markNext = true;
    }
    const seq = (inSeq + this.seqDelta) & 0xffff;
    const ts = (inTs + this.tsDelta) >>> 0;
    // Reordered packets keep their place; only newer ones move the stream forward.
    if (((seq - this.seq) & 0xffff) < 0x8000) {
      this.seq = seq;
      this.ts = ts;
    }
    this.lastSentAt = nowMs;
    this.writeHeader(buf, seq, ts);
    this.packets++;
    this.octets += payloadBytes;
  }

  /** Writes sequence, timestamp, SSRC and marker for a frame the box generates (`samples` long). */
  generate(buf: Uint8Array, samples: number, payloadBytes: number, nowMs: number): void {
    if (!this.generating) {
      this.generating = true;
      this.sourceSsrc = -1;
      this.ts = this.continuedTimestamp(nowMs) - samples;
      this.markNext = true;
    }
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + samples) >>> 0;
    this.lastSentAt = nowMs;
    this.writeHeader(buf, this.seq, this.ts);
    this.packets++;
    this.octets += payloadBytes;
  }

  /** Next sequence number, same timestamp: the later packets of one RFC 4733 event. */
  repeatTimestamp(buf: Uint8Array, payloadBytes: number, nowMs: number): void {
    this.seq = (this.seq + 1) & 0xffff;
    this.lastSentAt = nowMs;
    this.writeHeader(buf, this.seq, this.ts);
    this.packets++;
    this.octets += payloadBytes;
  }

  /**
   * The timestamp a new source starts from: the last one plus the wall time
   * since (at least one 20 ms frame), so the receiver's playout clock keeps
   * its pace across the switch.
   */
  private continuedTimestamp(nowMs: number): number {
    const elapsed = this.lastSentAt < 0 ? 20 : Math.max(20, nowMs - this.lastSentAt);
    return (this.ts + Math.round(elapsed * SAMPLES_PER_MS)) >>> 0;
  }

  private writeHeader(buf: Uint8Array, seq: number, ts: number): void {
    if (this.markNext) {
      buf[1] = (buf[1] as number) | 0x80;
      this.markNext = false;
    }
    buf[2] = seq >>> 8;
    buf[3] = seq & 0xff;
    buf[4] = ts >>> 24;
    buf[5] = (ts >>> 16) & 0xff;
    buf[6] = (ts >>> 8) & 0xff;
    buf[7] = ts & 0xff;
    const ssrc = this.ssrc;
    buf[8] = ssrc >>> 24;
    buf[9] = (ssrc >>> 16) & 0xff;
    buf[10] = (ssrc >>> 8) & 0xff;
    buf[11] = ssrc & 0xff;
  }

  /** What an RTCP sender report needs. */
  get lastTimestamp(): number {
    return this.ts;
  }
}
