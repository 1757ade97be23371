/** Services over a real SQLite file in a temporary directory, for unit tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Services, createServices } from '../services.ts';
import { openDatabase } from '../store/database.ts';
import { SecretBox } from '../store/secret-box.ts';
import { FakeClock } from '../system/fake-clock.ts';
import { silentLogger } from '../system/logger.ts';

export interface TempServices {
  services: Services;
  clock: FakeClock;
  dir: string;
  close(): void;
}

export function tempServices(): TempServices {
  const dir = mkdtempSync(join(tmpdir(), 'appliance-unit-'));
  const clock = new FakeClock();
  const db = openDatabase(join(dir, 'appliance.db'));
  const services = createServices({ db, clock, logger: silentLogger, box: SecretBox.fromKeyFile(join(dir, 'secret.key')) });
  return {
    services,
    clock,
    dir,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
