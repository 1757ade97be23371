/** Writes provisioning/schema.json from the TypeBox definition the service validates with. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionFile } from '../src/provisioning/schema.ts';

export function provisioningSchemaJson(): string {
  return `${JSON.stringify(ProvisionFile, null, 2)}\n`;
}

if (import.meta.main) {
  const out = join(import.meta.dir, '../../provisioning/schema.json');
  writeFileSync(out, provisioningSchemaJson());
  process.stdout.write(`wrote ${out}\n`);
}
