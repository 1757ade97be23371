/**
 * The wait a caller is told ("about N minutes"), from their place in the
 * queue, how many agents serve it and the queue's average handle time (AHT:
 * talk + wrap-up). RunningAverage keeps that AHT without storing history:
 * an exponentially weighted mean, so recent calls count most.
 */

export interface WaitEstimateInput {
  /** 1-based place in the queue. */
  position: number;
  /** Agents logged in to the queue and not paused. */
  agentsServing: number;
  averageHandleMs: number;
}

/** ceil(position / max(1, agentsServing)) × averageHandleMs. */
export function estimateWaitMs({ position, agentsServing, averageHandleMs }: WaitEstimateInput): number {
  return Math.ceil(position / Math.max(1, agentsServing)) * averageHandleMs;
}

export class RunningAverage {
  private current: number;
  private samples = 0;

  /**
   * @param initial the value until the first sample
   * @param weight how much each new sample counts, in (0, 1]
   */
  constructor(
    initial: number,
    private readonly weight = 0.2,
  ) {
    this.current = initial;
  }

  /** The first sample replaces the initial value; later ones move the mean by `weight`. */
  add(ms: number): void {
    this.current = this.samples === 0 ? ms : this.current + this.weight * (ms - this.current);
    this.samples++;
  }

  get value(): number {
    return this.current;
  }

  get count(): number {
    return this.samples;
  }
}
