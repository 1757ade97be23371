/**
 * Channels in use per trunk, against its max_channels: the call layer takes
 * one per call leg on the trunk and gives it back when the leg ends. Kept
 * by trunk name apart from the configuration, so a reload never forgets
 * the calls in progress.
 */
export class ChannelCounter {
  private readonly used = new Map<string, number>();

  /** Takes a channel; false when `max` are already in use (null: no limit). */
  acquire(name: string, max: number | null): boolean {
    const now = this.used.get(name) ?? 0;
    if (max !== null && now >= max) return false;
    this.used.set(name, now + 1);
    return true;
  }

  /** Gives one back; a release without an acquire is ignored rather than going below zero. */
  release(name: string): void {
    const now = this.used.get(name) ?? 0;
    if (now <= 1) this.used.delete(name);
    else this.used.set(name, now - 1);
  }

  inUse(name: string): number {
    return this.used.get(name) ?? 0;
  }
}
