/**
 * What arrived at a test peer (SIP requests, RTP datagrams), oldest first,
 * with waits that are checked as each item arrives rather than by polling.
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  private readonly checks = new Set<() => void>();

  constructor(private readonly name: string) {}

  push(item: T): void {
    this.items.push(item);
    for (const check of [...this.checks]) check();
  }

  /** The first item after the `since`-th one that matches, once it arrives; rejects after `timeoutMs`. */
  first(match: (item: T) => boolean, o: { since?: number; timeoutMs: number; what: string }): Promise<T> {
    let found: T | undefined;
    return this.until(
      (items) => {
        found = items.slice(o.since ?? 0).find(match);
        return found !== undefined;
      },
      o,
    ).then(() => found as T);
  }

  /** Resolves once `done(items)` holds; rejects after `timeoutMs`. */
  until(done: (items: readonly T[]) => boolean, o: { timeoutMs: number; what: string }): Promise<void> {
    if (done(this.items)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done(this.items)) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`${this.name}: ${o.what} did not come within ${o.timeoutMs} ms (${this.items.length} so far)`));
      }, o.timeoutMs);
      this.checks.add(check);
    });
  }
}
