/**
 * A mix of several endpoints (3-way calls, supervisor listen, whisper,
 * barge): every tick each member hears the sum of the others' frames from
 * the tick before — all of them, or just those its hearing list names.
 *
 *   listen   caller ← agent        agent ← caller               supervisor ← caller + agent
 *   whisper  caller ← agent        agent ← caller + supervisor  supervisor ← caller + agent
 *   barge    everyone ← everyone else (no hearing lists)
 *
 * Buffers are made when the membership changes, never per tick.
 */
import { type Hearing, mixFrames } from '../audio/index.ts';
import { FRAME_SAMPLES, type MediaEndpoint } from './media-endpoint.ts';

/**
 * Why `hears` is not a hearing list for `size` members, or null when it is:
 * one list per member, each of distinct integer indices of other members.
 * Checks plain data of any shape, as it may come across the Worker boundary.
 */
export function hearingProblem(hears: unknown, size: number): string | null {
  if (!Array.isArray(hears)) return 'hears must be an array of index lists';
  if (hears.length !== size) return `hears has ${hears.length} lists for ${size} members`;
  for (const [i, heard] of hears.entries()) {
    if (!Array.isArray(heard)) return `hears[${i}] is not a list`;
    for (const j of heard) {
      if (!Number.isInteger(j) || j < 0 || j >= size) return `hears[${i}] names ${String(j)}, not a member index 0..${size - 1}`;
      if (j === i) return `hears[${i}] names member ${i} itself`;
    }
    if (new Set(heard).size !== heard.length) return `hears[${i}] names a member twice`;
  }
  return null;
}

/** The hearing lists once member `at` has left: its own list goes, and so does every mention of it; later indices move down. */
export function withoutMember(hears: Hearing, at: number): number[][] {
  return hears.filter((_, i) => i !== at).map((heard) => heard.filter((j) => j !== at).map((j) => (j > at ? j - 1 : j)));
}

export class Conference {
  private list: MediaEndpoint[];
  /** Whom each member hears, by index into `list`; null: all the others. */
  private hearing: number[][] | null;
  private inputs: (Int16Array | null)[] = [];
  private outputs: Int16Array[] = [];

  /** `hears` must have passed `hearingProblem`; it is copied, so the caller may reuse it. */
  constructor(members: MediaEndpoint[], hears: Hearing | null = null) {
    this.list = members;
    this.hearing = hears === null ? null : hears.map((heard) => [...heard]);
    this.allocate();
  }

  get members(): readonly MediaEndpoint[] {
    return this.list;
  }

  /** Whom each member hears, as indices into `members`; null when everyone hears all the others. */
  get hears(): Hearing | null {
    return this.hearing;
  }

  get size(): number {
    return this.list.length;
  }

  /** True when the endpoint was a member (and is no longer); the others keep hearing whom they heard. */
  remove(endpoint: MediaEndpoint): boolean {
    const at = this.list.indexOf(endpoint);
    if (at < 0) return false;
    this.list = this.list.filter((_, i) => i !== at);
    if (this.hearing !== null) this.hearing = withoutMember(this.hearing, at);
    this.allocate();
    return true;
  }

  tick(nowMs: number): void {
    const { list, inputs, outputs } = this;
    for (let i = 0; i < list.length; i++) {
      const member = list[i] as MediaEndpoint;
      inputs[i] = member.hasFrame ? member.frame : null;
    }
    mixFrames(inputs, outputs, this.hearing ?? undefined);
    for (let i = 0; i < list.length; i++) (list[i] as MediaEndpoint).sendFrame(outputs[i] as Int16Array, nowMs);
  }

  private allocate(): void {
    this.inputs = this.list.map(() => null);
    this.outputs = this.list.map(() => new Int16Array(FRAME_SAMPLES));
  }
}
