/**
 * The calls waiting in one queue, always in service order: priority desc,
 * then enteredAt asc (a callback that kept its place re-enters with its old
 * enteredAt), then seq asc. A sorted array with binary-search insert plus a
 * Map by id, so positions, heads and removals stay cheap at 10,000 calls.
 * Calls are also indexed by their preferred agent, so the distributor finds
 * the calls waiting for one agent who just became free without a scan; change
 * a listed call's preference through prefer() to keep that index right.
 */
import { AppError } from '../../errors.ts';

export interface WaitingCall {
  id: string;
  queue: string;
  /** Higher is served first. */
  priority: number;
  /** ms when the caller joined the queue (kept across a callback). */
  enteredAt: number;
  /** Arrival counter: the last tie-break. */
  seq: number;
  /** An agent this call may only go to while now < preferredUntil (last_agent, customer_owner, transfers). */
  preferred: string | null;
  preferredUntil: number;
  /** Agents that already let this call ring out: used only when no other free member is left. */
  excluded: Set<string>;
}

/** < 0 when a is served before b. */
export function compareWaiting(a: WaitingCall, b: WaitingCall): number {
  return b.priority - a.priority || a.enteredAt - b.enteredAt || a.seq - b.seq;
}

const NONE: ReadonlySet<WaitingCall> = new Set();

export class WaitingList {
  private readonly calls: WaitingCall[] = [];
  private readonly byId = new Map<string, WaitingCall>();
  /** Preferred agent → the listed calls that named that agent when added or in prefer(). */
  private readonly byPreferred = new Map<string, Set<WaitingCall>>();
  private readonly indexedAs = new Map<WaitingCall, string>();

  /** Adds a call in its place; a call already listed under the same id is replaced. */
  add(call: WaitingCall): void {
    if (this.byId.has(call.id)) this.remove(call.id);
    this.calls.splice(this.lowerBound(call), 0, call);
    this.byId.set(call.id, call);
    this.index(call);
  }

  remove(id: string): WaitingCall | undefined {
    const call = this.byId.get(id);
    if (call === undefined) return undefined;
    this.calls.splice(this.indexOf(call), 1);
    this.byId.delete(id);
    this.unindex(call);
    return call;
  }

  /** Reserves a listed call for one agent until `until` (ms), or ends the reservation (null); false when absent. */
  prefer(id: string, agent: string | null, until: number): boolean {
    const call = this.byId.get(id);
    if (call === undefined) return false;
    this.unindex(call);
    call.preferred = agent;
    call.preferredUntil = until;
    this.index(call);
    return true;
  }

  /** Listed calls that were given `agent` as their preferred agent (check `preferred` and `preferredUntil` before use). */
  preferring(agent: string): ReadonlySet<WaitingCall> {
    return this.byPreferred.get(agent) ?? NONE;
  }

  get(id: string): WaitingCall | undefined {
    return this.byId.get(id);
  }

  head(): WaitingCall | undefined {
    return this.calls[0];
  }

  /** The call at a 0-based place in service order. */
  at(index: number): WaitingCall | undefined {
    return this.calls[index];
  }

  /** 1-based place in service order, 0 when absent. */
  positionOf(id: string): number {
    const call = this.byId.get(id);
    return call === undefined ? 0 : this.indexOf(call) + 1;
  }

  get size(): number {
    return this.calls.length;
  }

  [Symbol.iterator](): Iterator<WaitingCall> {
    return this.calls[Symbol.iterator]();
  }

  private index(call: WaitingCall): void {
    if (call.preferred === null) return;
    let set = this.byPreferred.get(call.preferred);
    if (set === undefined) {
      set = new Set();
      this.byPreferred.set(call.preferred, set);
    }
    set.add(call);
    this.indexedAs.set(call, call.preferred);
  }

  private unindex(call: WaitingCall): void {
    const agent = this.indexedAs.get(call);
    if (agent === undefined) return;
    this.indexedAs.delete(call);
    const set = this.byPreferred.get(agent);
    set?.delete(call);
    if (set?.size === 0) this.byPreferred.delete(agent);
  }

  /** First index whose call is not served before `call`. */
  private lowerBound(call: WaitingCall): number {
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareWaiting(this.calls[mid] as WaitingCall, call) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Index of a listed call. The object is found from its sort key; calls
   * with an identical key are stepped over. Sort fields must not be changed
   * while a call is listed (remove, change, add again).
   */
  private indexOf(call: WaitingCall): number {
    for (let i = this.lowerBound(call); i < this.calls.length; i++) if (this.calls[i] === call) return i;
    const slow = this.calls.indexOf(call);
    if (slow < 0) throw new AppError('waiting_list_corrupt', `waiting list lost call ${call.id}`);
    return slow;
  }
}
