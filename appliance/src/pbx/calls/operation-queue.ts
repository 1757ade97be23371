/**
 * One operation at a time per call: a re-INVITE, a transfer, a hold and a
 * recording start never change the same call from two places at once.
 */
export class OperationQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(operation: () => Promise<void> | void): Promise<void> {
    const next = this.tail.then(operation).catch(this.onError);
    this.tail = next;
    return next;
  }
}
