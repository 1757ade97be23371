/**
 * Writes call records durably and in groups. A call's record is committed
 * (WAL, synchronous=FULL) before the promise resolves, and the B2BUA answers
 * the BYE only then: once a phone has seen its hang-up confirmed, the record
 * survives a crash or power cut. Records of calls ending in the same moment
 * share one transaction, so a thousand hang-ups a second cost a handful of
 * disk flushes, not a thousand.
 */
import type { Logger } from '../system/index.ts';
import type { CdrRepository, NewCdr } from './cdr-repository.ts';

interface Pending {
  cdr: NewCdr;
  resolve(id: number): void;
  reject(error: unknown): void;
}

export class CdrWriter {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly repository: CdrRepository,
    private readonly logger: Logger,
    /** Runs the flush after the current burst of work; setImmediate in production. */
    private readonly defer: (task: () => void) => void = (task) => setImmediate(task),
  ) {}

  write(cdr: NewCdr): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ cdr, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.defer(() => this.flush());
      }
    });
  }

  /** Writes what is waiting now (also called at shutdown). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const ids = this.repository.insertMany(batch.map((p) => p.cdr));
      for (const [i, p] of batch.entries()) p.resolve(ids[i] as number);
    } catch (error) {
      // One bad record (a duplicate call id) must not lose the others: write them one by one.
      this.logger.warn('CDR batch failed, writing records one by one', { error, count: batch.length });
      for (const p of batch) {
        try {
          p.resolve(this.repository.insert(p.cdr));
        } catch (single) {
          this.logger.error('CDR not written', { error: single, call_id: p.cdr.call_id });
          p.reject(single);
        }
      }
    }
  }
}
