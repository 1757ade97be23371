/**
 * A mix of several endpoints (3-way calls, barge-in): every tick each member
 * hears the sum of the others' frames from the tick before.
 */
import { mixFrames } from '../audio/index.ts';
import { FRAME_SAMPLES, type MediaEndpoint } from './media-endpoint.ts';

export class Conference {
  private outputs: Int16Array[];

  constructor(private list: MediaEndpoint[]) {
    this.outputs = list.map(() => new Int16Array(FRAME_SAMPLES));
  }

  get members(): readonly MediaEndpoint[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** True when the endpoint was a member (and is no longer). */
  remove(endpoint: MediaEndpoint): boolean {
    const at = this.list.indexOf(endpoint);
    if (at < 0) return false;
    this.list = this.list.filter((m) => m !== endpoint);
    this.outputs = this.list.map(() => new Int16Array(FRAME_SAMPLES));
    return true;
  }

  tick(nowMs: number): void {
    const inputs = this.list.map((m) => (m.hasFrame ? m.frame : null));
    mixFrames(inputs, this.outputs);
    for (const [i, member] of this.list.entries()) member.sendFrame(this.outputs[i] as Int16Array, nowMs);
  }
}
