/** Opens the appliance's data directory: the database, the secret key and the services over them. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Services, createServices } from './services.ts';
import { openDatabase } from './store/database.ts';
import { SecretBox } from './store/secret-box.ts';
import type { Clock } from './system/clock.ts';
import type { Logger } from './system/logger.ts';

export interface DataPaths {
  database: string;
  secretKey: string;
  recordings: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    database: join(dataDir, 'appliance.db'),
    secretKey: join(dataDir, 'secret.key'),
    recordings: join(dataDir, 'recordings'),
  };
}

export function openServices(dataDir: string, clock: Clock, logger: Logger): { services: Services; box: SecretBox; paths: DataPaths; close(): void } {
  const paths = dataPaths(dataDir);
  mkdirSync(paths.recordings, { recursive: true, mode: 0o750 });
  const db = openDatabase(paths.database);
  const box = SecretBox.fromKeyFile(paths.secretKey);
  const services = createServices({ db, clock, logger, box });
  return {
    services,
    box,
    paths,
    close() {
      // Fold the WAL back into the main file so a copied database is complete.
      db.run('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
