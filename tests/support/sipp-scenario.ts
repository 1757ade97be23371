/**
 * SIPp scenario templates from tests/sipp with their placeholders filled
 * in, written to a test's scratch directory (one file per fill, numbered).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './appliance-process.ts';

export function scenarioWriter(dir: string): (name: string, fill: Record<string, string>) => string {
  let written = 0;
  return (name, fill) => {
    let text = readFileSync(join(ROOT, 'tests/sipp', name), 'utf8');
    for (const [key, value] of Object.entries(fill)) text = text.replaceAll(key, value);
    const path = join(dir, `${written++}-${name}`);
    writeFileSync(path, text);
    return path;
  };
}
