/**
 * Where outgoing audio comes from, one frame at a time: a prompt, music on
 * hold, a tone, silence. The media clock pulls a frame per tick into a frame
 * it owns, so sources never allocate.
 */

export interface FrameSource {
  /**
   * Fills all of `out`. Returns false once the source has nothing left; `out`
   * is then silence. A last partial frame is padded with silence and still
   * returns true, so the caller plays it before moving on.
   */
  read(out: Int16Array): boolean;
}

export interface SamplesPlayerOptions {
  /** Start over at the end (music on hold) instead of finishing (prompts). */
  loop: boolean;
}

/** Plays decoded 8 kHz audio; many players may share one samples array. */
export class SamplesPlayer implements FrameSource {
  private position = 0;

  constructor(
    private readonly samples: Int16Array,
    private readonly options: SamplesPlayerOptions = { loop: false },
  ) {}

  read(out: Int16Array): boolean {
    const length = this.samples.length;
    if (length === 0 || (!this.options.loop && this.position >= length)) {
      out.fill(0);
      return false;
    }
    let written = 0;
    while (written < out.length) {
      if (this.position >= length) {
        if (!this.options.loop) break;
        this.position = 0;
      }
      // A copy loop rather than set(subarray()): subarray allocates a view per frame.
      const n = Math.min(out.length - written, length - this.position);
      for (let i = 0; i < n; i++) out[written + i] = this.samples[this.position + i] as number;
      this.position += n;
      written += n;
    }
    out.fill(0, written);
    return true;
  }

  /** Samples already played since the start or the last loop. */
  get offset(): number {
    return this.position;
  }

  rewind(): void {
    this.position = 0;
  }
}

/** Silence, for ever or for a number of samples (a pause between prompts). */
export class SilenceSource implements FrameSource {
  private remaining: number;

  constructor(samples = Number.POSITIVE_INFINITY) {
    this.remaining = samples;
  }

  read(out: Int16Array): boolean {
    out.fill(0);
    if (this.remaining <= 0) return false;
    this.remaining -= out.length;
    return true;
  }
}
