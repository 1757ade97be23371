import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provisioningSchemaJson } from '../../scripts/write-provisioning-schema.ts';

test('the published provisioning/schema.json matches the schema the service validates with', () => {
  const published = readFileSync(join(import.meta.dir, '../../../provisioning/schema.json'), 'utf8');
  // If this fails, run: bun appliance/scripts/write-provisioning-schema.ts
  expect(published).toBe(provisioningSchemaJson());
});
