/**
 * Reception statistics of one RTP source, as RFC 3550 Appendix A computes
 * them for receiver reports:
 *  - A.1: a source is valid after `minSequential` packets in sequence; the
 *    16-bit sequence number is extended with a cycle count; a jump of more
 *    than MAX_DROPOUT ahead or MAX_MISORDER behind is believed only when
 *    the next packet confirms it (the sender restarted);
 *  - A.3: expected and lost packets, and the fraction lost per interval;
 *  - A.8: interarrival jitter, in timestamp units.
 *
 * The caller gives the arrival time already converted to the source's
 * clock (timestamp units); the tracker reads no clock of its own.
 */

const SEQ_MOD = 0x10000;
/** A.1: the largest forward jump taken as loss rather than a restart. */
const MAX_DROPOUT = 3000;
/** A.1: the largest backward jump taken as reordering rather than a restart. */
const MAX_MISORDER = 100;
/** A.1: packets in sequence before a new source counts. */
const MIN_SEQUENTIAL = 2;
/** Cumulative loss travels as a signed 24-bit field (§6.4.1). */
const MAX_LOST = 0x7fffff;
const MIN_LOST = -0x800000;

export interface SequenceTrackerOptions {
  /** Packets in sequence before the source is believed; 0 when signalling already vouches for it. */
  minSequential?: number;
}

export interface ReceptionStats {
  /** Packets counted, duplicates included (so `lost` can go negative, as §6.4.1 allows). */
  received: number;
  expected: number;
  /** Expected minus received, clamped to the signed 24 bits of a report block. */
  cumulativeLost: number;
  /** Lost in the current interval as a fraction of 256 (0 when none or more arrived than expected). */
  fractionLost: number;
  /** Highest sequence number with the wrap count in the upper 16 bits. */
  extendedHighestSequence: number;
  /** Times the sequence number wrapped. */
  cycles: number;
  /** Interarrival jitter in timestamp units, truncated. */
  jitter: number;
}

export class SequenceTracker {
  private readonly minSequential: number;
  private started = false;
  private probation = 0;
  private baseSeq = 0;
  private maxSeq = 0;
  private badSeq = SEQ_MOD + 1;
  /** Multiples of 65536, as in A.1. */
  private shiftedCycles = 0;
  private received = 0;
  private receivedPrior = 0;
  private expectedPrior = 0;
  private haveTransit = false;
  private transit = 0;
  private jitter = 0;

  constructor(options: SequenceTrackerOptions = {}) {
    this.minSequential = options.minSequential ?? MIN_SEQUENTIAL;
  }

  /** Whether the source has passed probation. */
  get valid(): boolean {
    return this.started && this.probation === 0;
  }

  /**
   * Accounts for one packet. Returns false when the packet is not (yet)
   * counted: during probation, or the first packet of a suspected restart.
   */
  update(sequence: number, rtpTimestamp: number, arrivalTimestamp: number): boolean {
    const seq = sequence & 0xffff;
    if (!this.accept(seq)) return false;
    this.updateJitter(rtpTimestamp, arrivalTimestamp);
    return true;
  }

  /** The statistics now, without closing the interval. */
  stats(): ReceptionStats {
    const extended = this.shiftedCycles + this.maxSeq;
    const expected = this.valid ? extended - this.baseSeq + 1 : 0;
    const expectedInterval = expected - this.expectedPrior;
    const lostInterval = expectedInterval - (this.received - this.receivedPrior);
    return {
      received: this.received,
      expected,
      cumulativeLost: Math.min(MAX_LOST, Math.max(MIN_LOST, expected - this.received)),
      fractionLost: expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval * 256) / expectedInterval),
      extendedHighestSequence: extended >>> 0,
      cycles: this.shiftedCycles / SEQ_MOD,
      jitter: Math.trunc(this.jitter),
    };
  }

  /** The statistics for a report block; the next fraction lost counts from here (A.3). */
  closeInterval(): ReceptionStats {
    const stats = this.stats();
    this.expectedPrior = stats.expected;
    this.receivedPrior = this.received;
    return stats;
  }

  private accept(seq: number): boolean {
    if (!this.started) {
      this.started = true;
      this.restart(seq);
      if (this.minSequential === 0) {
        this.received++;
        return true;
      }
      this.maxSeq = (seq - 1) & 0xffff;
      this.probation = this.minSequential;
    }
    const udelta = (seq - this.maxSeq) & 0xffff;
    if (this.probation > 0) {
      if (seq === ((this.maxSeq + 1) & 0xffff)) {
        this.probation--;
        this.maxSeq = seq;
        if (this.probation === 0) {
          this.restart(seq);
          this.received++;
          return true;
        }
      } else {
        this.probation = this.minSequential - 1;
        this.maxSeq = seq;
      }
      return false;
    }
    if (udelta < MAX_DROPOUT) {
      // In order, with a permissible gap.
      if (seq < this.maxSeq) this.shiftedCycles += SEQ_MOD;
      this.maxSeq = seq;
    } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
      // A very large jump: believe it only if the next packet follows on.
      if (seq !== this.badSeq) {
        this.badSeq = (seq + 1) & 0xffff;
        return false;
      }
      this.restart(seq);
    }
    // Otherwise a duplicate or a packet reordered within MAX_MISORDER: counted, nothing moves.
    this.received++;
    return true;
  }

  /** A.1 init_seq: a new base, as after the sender restarted. */
  private restart(seq: number): void {
    this.baseSeq = seq;
    this.maxSeq = seq;
    this.badSeq = SEQ_MOD + 1;
    this.shiftedCycles = 0;
    this.received = 0;
    this.receivedPrior = 0;
    this.expectedPrior = 0;
    // A restarted sender picks a new timestamp base; the old transit time means nothing now.
    this.haveTransit = false;
  }

  /** A.8, in floating point: J += (|D| − J) / 16. Differences are taken modulo 2^32. */
  private updateJitter(rtpTimestamp: number, arrivalTimestamp: number): void {
    const transit = (arrivalTimestamp - rtpTimestamp) | 0;
    if (this.haveTransit) {
      const d = Math.abs((transit - this.transit) | 0);
      this.jitter += (d - this.jitter) / 16;
    }
    this.transit = transit;
    this.haveTransit = true;
  }
}
