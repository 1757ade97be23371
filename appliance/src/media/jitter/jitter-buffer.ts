/**
 * A playout buffer for one received RTP stream, for the parts of the box
 * that consume audio on a clock (recorder, mixer, IVR digit detection).
 * The network delivers packets late, early, twice or out of order;
 * `push()` takes them as they come and `pop()`, called once per frame
 * tick, hands them back one per tick in sequence order, or null where the
 * caller must conceal a frame.
 *
 *   push ──► ring of slots, indexed by sequence & mask ──► pop (1 per tick)
 *            [played | next ... highest]   depth = highest − next + 1
 *
 * Ordering is by sequence number, one packet per tick: the caller ticks at
 * the stream's packet interval. Timestamps serve only to spot a new
 * stream and to tell a late packet from the first after a silence.
 *
 * Delay adapts between `minDepthFrames` and `maxDepthFrames`:
 *  - start: wait until `target` frames are buffered (initially the minimum);
 *  - a packet arriving after its frame was concealed, or the buffer running
 *    dry and the awaited packet turning up late, raises `target` by one
 *    and pauses playout until that much is buffered again;
 *  - every `stableFrames` ticks without such trouble lower `target` by one,
 *    and if the buffer never fell below `target` one frame is dropped, so
 *    the delay comes down again one frame at a time;
 *  - more than `maxDepthFrames` buffered: the oldest are dropped.
 * A jump in sequence (beyond the ring) or timestamp (beyond a second)
 * means a new stream: the buffer empties and starts over.
 *
 * Payloads are copied into a preallocated ring; nothing is allocated per
 * packet once each slot has been played at its frame size.
 */

export interface JitterBufferOptions {
  minDepthFrames?: number;
  maxDepthFrames?: number;
  /** Timestamp units per frame, for telling a late packet from a new talkspurt. */
  frameSamples?: number;
  /** Largest payload kept; larger ones are counted and dropped. */
  maxPayloadBytes?: number;
  /** Ticks without trouble before the delay shrinks by one frame. */
  stableFrames?: number;
}

export interface JitterBufferStats {
  received: number;
  played: number;
  /** Arrived after their turn had passed. */
  lateDropped: number;
  duplicates: number;
  /** Ticks at which pop() returned null once playout had begun. */
  concealed: number;
  /** Frames dropped on purpose to bring the delay down. */
  discarded: number;
  /** Times the buffer ran dry. */
  underruns: number;
  /** Times a jump in sequence or timestamp restarted the buffer. */
  resyncs: number;
  tooLarge: number;
  currentDepth: number;
  targetDepth: number;
}

export type JitterPushOutcome = 'stored' | 'duplicate' | 'late' | 'too-large';

const EMPTY = 0;
const FILLED = 1;
const PLAYED = 2;
const CONCEALED = 3;
const DISCARDED = 4;

/** Beyond this many frames of timestamp disagreement a packet belongs to a new stream. */
const RESYNC_FRAMES = 50;

const int16 = (value: number) => (value << 16) >> 16;

export class JitterBuffer {
  private readonly minDepth: number;
  private readonly maxDepth: number;
  private readonly frameSamples: number;
  private readonly maxPayload: number;
  private readonly stableFrames: number;
  private readonly mask: number;
  private readonly data: Uint8Array;
  private readonly slotSeq: Int32Array;
  private readonly slotState: Uint8Array;
  private readonly slotLength: Uint16Array;
  private readonly slotTs: Uint32Array;
  /** The view last returned for each slot, reused while the frame size stays the same. */
  private readonly views: Uint8Array[];

  private started = false;
  /** Past the prebuffer: pop() takes frames. */
  private playing = false;
  /** A frame has been taken since the start, so nulls from here on are concealment. */
  private primed = false;
  private starving = false;
  private starvedTicks = 0;
  private nextSeq = 0;
  private highestSeq = 0;
  private highestTs = 0;
  private hasLastPlayed = false;
  private lastPlayedSeq = 0;
  private lastPlayedTs = 0;
  private target: number;
  private windowTicks = 0;
  private windowMin = Number.POSITIVE_INFINITY;
  private readonly counts = { received: 0, played: 0, lateDropped: 0, duplicates: 0, concealed: 0, discarded: 0, underruns: 0, resyncs: 0, tooLarge: 0 };

  constructor(options: JitterBufferOptions = {}) {
    this.minDepth = options.minDepthFrames ?? 2;
    this.maxDepth = options.maxDepthFrames ?? 10;
    this.frameSamples = options.frameSamples ?? 160;
    this.maxPayload = options.maxPayloadBytes ?? 1280;
    this.stableFrames = options.stableFrames ?? 250;
    if (this.minDepth < 1 || this.maxDepth < this.minDepth) throw new RangeError(`jitter depth ${this.minDepth}–${this.maxDepth} frames`);
    // Room for the deepest delay plus as much again of reordering; a power of two so sequence & mask survives the 16-bit wrap.
    const capacity = Math.max(16, 2 ** Math.ceil(Math.log2(this.maxDepth * 2)));
    this.mask = capacity - 1;
    this.data = new Uint8Array(capacity * this.maxPayload);
    this.slotSeq = new Int32Array(capacity).fill(-1);
    this.slotState = new Uint8Array(capacity);
    this.slotLength = new Uint16Array(capacity);
    this.slotTs = new Uint32Array(capacity);
    this.views = Array.from({ length: capacity }, (_, slot) => this.data.subarray(slot * this.maxPayload, (slot + 1) * this.maxPayload));
    this.target = this.minDepth;
  }

  /** One received packet; the payload is copied, so the caller may reuse its buffer at once. */
  push(sequence: number, timestamp: number, payload: Uint8Array): JitterPushOutcome {
    this.counts.received++;
    if (payload.length > this.maxPayload) {
      this.counts.tooLarge++;
      return 'too-large';
    }
    const seq = sequence & 0xffff;
    const ts = timestamp >>> 0;
    if (!this.started) this.begin(seq, ts);
    else {
      const ahead = int16(seq - this.nextSeq);
      if (ahead > this.mask || ahead < -this.mask || this.timestampJumped(seq, ts)) {
        this.counts.resyncs++;
        this.clear();
        this.begin(seq, ts);
      } else if (ahead < 0) {
        // Before the first frame is taken, an earlier packet only means the stream began out of order.
        if (this.primed || -ahead + this.depth() > this.mask) return this.late(seq, -ahead);
        this.nextSeq = seq;
      }
    }
    const slot = seq & this.mask;
    if (this.slotSeq[slot] === seq && this.slotState[slot] === FILLED) {
      this.counts.duplicates++;
      return 'duplicate';
    }
    if (this.starving) this.judgeStarvation(seq, ts);
    this.data.set(payload, slot * this.maxPayload);
    this.slotSeq[slot] = seq;
    this.slotState[slot] = FILLED;
    this.slotLength[slot] = payload.length;
    this.slotTs[slot] = ts;
    if (int16(seq - this.highestSeq) > 0) {
      this.highestSeq = seq;
      this.highestTs = ts;
    }
    return 'stored';
  }

  /**
   * The next frame in order, or null when it is missing (lost, late, or
   * the buffer is filling). The view is valid until the next push or pop.
   */
  pop(): Uint8Array | null {
    if (!this.started) return null;
    let depth = this.depth();
    if (!this.playing) {
      if (depth < this.target) return this.conceal();
      this.playing = true;
    }
    for (; depth > this.maxDepth; depth--) this.discard();
    if (this.shouldShrink(depth)) {
      this.discard();
      depth--;
    }
    if (depth === 0) {
      this.counts.underruns++;
      this.playing = false;
      this.starving = true;
      this.starvedTicks = 0;
      this.resetWindow();
      return this.conceal();
    }
    this.primed = true;
    const seq = this.nextSeq;
    const slot = seq & this.mask;
    this.nextSeq = (seq + 1) & 0xffff;
    if (this.slotSeq[slot] !== seq || this.slotState[slot] !== FILLED) {
      this.slotSeq[slot] = seq;
      this.slotState[slot] = CONCEALED;
      this.counts.concealed++;
      return null;
    }
    this.slotState[slot] = PLAYED;
    this.counts.played++;
    this.hasLastPlayed = true;
    this.lastPlayedSeq = seq;
    this.lastPlayedTs = this.slotTs[slot] as number;
    return this.view(slot);
  }

  /** Empties the buffer for a new source (SSRC change); the delay starts again from the minimum. */
  reset(): void {
    this.clear();
    this.target = this.minDepth;
  }

  stats(): JitterBufferStats {
    return { ...this.counts, currentDepth: this.depth(), targetDepth: this.target };
  }

  private depth(): number {
    if (!this.started) return 0;
    const span = int16(this.highestSeq - this.nextSeq);
    return span < 0 ? 0 : span + 1;
  }

  private begin(seq: number, ts: number): void {
    this.started = true;
    this.nextSeq = seq;
    this.highestSeq = seq;
    this.highestTs = ts;
  }

  private clear(): void {
    this.slotSeq.fill(-1);
    this.slotState.fill(EMPTY);
    this.started = false;
    this.playing = false;
    this.primed = false;
    this.starving = false;
    this.hasLastPlayed = false;
    this.resetWindow();
  }

  private timestampJumped(seq: number, ts: number): boolean {
    const expected = this.highestTs + int16(seq - this.highestSeq) * this.frameSamples;
    return Math.abs((ts - expected) | 0) > RESYNC_FRAMES * this.frameSamples;
  }

  /** `behind`: how many frames past its turn the packet came. */
  private late(seq: number, behind: number): JitterPushOutcome {
    const slot = seq & this.mask;
    const known = this.slotSeq[slot] === seq;
    const state = this.slotState[slot];
    if (known && (state === PLAYED || state === DISCARDED)) {
      this.counts.duplicates++;
      return 'duplicate';
    }
    this.counts.lateDropped++;
    // We concealed this frame and the packet did exist: the delay is too short, unless
    // even the deepest delay would not have saved it (a one-off spike is not worth the latency).
    if (known && state === CONCEALED && this.target + behind <= this.maxDepth) this.grow();
    return 'late';
  }

  /** The first packet after the buffer ran dry: late if it continues the stream and its turn has passed. */
  private judgeStarvation(seq: number, ts: number): void {
    this.starving = false;
    if (!this.hasLastPlayed) return;
    const frames = int16(seq - this.lastPlayedSeq);
    const continuous = ((ts - this.lastPlayedTs) | 0) === frames * this.frameSamples;
    if (continuous && this.starvedTicks >= frames) this.grow();
  }

  private grow(): void {
    if (this.target < this.maxDepth) this.target++;
    this.playing = false;
    this.resetWindow();
  }

  private shouldShrink(depth: number): boolean {
    if (depth < this.windowMin) this.windowMin = depth;
    if (++this.windowTicks < this.stableFrames) return false;
    const lowest = this.windowMin;
    this.resetWindow();
    if (this.target > this.minDepth) this.target--;
    return lowest > this.target;
  }

  private resetWindow(): void {
    this.windowTicks = 0;
    this.windowMin = Number.POSITIVE_INFINITY;
  }

  /** Drops the frame due now to shorten the delay. */
  private discard(): void {
    const seq = this.nextSeq;
    const slot = seq & this.mask;
    const present = this.slotSeq[slot] === seq && this.slotState[slot] === FILLED;
    this.slotSeq[slot] = seq;
    this.slotState[slot] = present ? DISCARDED : EMPTY;
    this.counts.discarded++;
    this.nextSeq = (seq + 1) & 0xffff;
  }

  private conceal(): null {
    if (this.primed) this.counts.concealed++;
    if (this.starving) this.starvedTicks++;
    return null;
  }

  private view(slot: number): Uint8Array {
    const length = this.slotLength[slot] as number;
    const cached = this.views[slot] as Uint8Array;
    if (cached.length === length) return cached;
    const start = slot * this.maxPayload;
    const view = this.data.subarray(start, start + length);
    this.views[slot] = view;
    return view;
  }
}
