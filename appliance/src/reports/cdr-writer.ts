/**
 * Writes call records durably: a record is committed before its promise
 * resolves, and the B2BUA answers the BYE only then, so once a phone has
 * seen its hang-up confirmed the record survives a crash or power cut.
 * Records of calls ending close together share one commit (GroupCommit).
 */
import type { GroupCommit } from '../store/index.ts';
import type { CdrRepository, NewCdr } from './cdr-repository.ts';

export class CdrWriter {
  constructor(
    private readonly repository: CdrRepository,
    private readonly commit: GroupCommit,
  ) {}

  write(cdr: NewCdr): Promise<number> {
    return this.commit.run(() => this.repository.insert(cdr));
  }

  /** Commits what is waiting (shutdown). */
  flush(): void {
    this.commit.flush();
  }
}
