/**
 * The RFC 4475 torture messages from ../shared/conformance/rfc4475, byte
 * exact, with their class from MANIFEST.tsv. Under CI the folder must be
 * there: a missing folder fails the suite instead of skipping it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TORTURE_DIR = resolve(import.meta.dir, '../../../shared/conformance/rfc4475');

export interface TortureMessage {
  label: string;
  valid: boolean;
  section: string;
  title: string;
  bytes: Buffer;
}

export function tortureAvailable(): boolean {
  return existsSync(join(TORTURE_DIR, 'MANIFEST.tsv'));
}

export function loadTortureMessages(): TortureMessage[] {
  if (!tortureAvailable()) {
    if (process.env.CI === 'true') throw new Error(`RFC 4475 torture messages missing at ${TORTURE_DIR} (CI must have ../shared)`);
    return [];
  }
  return readFileSync(join(TORTURE_DIR, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [label, cls, section, title] = line.split('\t') as [string, string, string, string];
      return { label, valid: cls === 'valid', section, title, bytes: readFileSync(join(TORTURE_DIR, `${label}.dat`)) };
    });
}
