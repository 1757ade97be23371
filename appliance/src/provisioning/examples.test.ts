import { afterEach, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml } from './index.ts';

const DIR = join(import.meta.dir, '../../../provisioning');
const EXAMPLES = readdirSync(DIR).filter((name) => name.endsWith('.yaml'));
const boxes: TempServices[] = [];
afterEach(() => {
  for (const b of boxes.splice(0)) b.close();
});

test('there are example files to check', () => {
  expect(EXAMPLES).toContain('water-delivery.yaml');
});

test.each(EXAMPLES)('the example %s applies, and applying its export changes nothing', async (name) => {
  const b = tempServices();
  boxes.push(b);
  const apply = (yaml: string) => applyProvisioning(b.services, parseProvisionYaml(yaml), { actor: 'test', source: 'unit' });
  const first = await apply(readFileSync(join(DIR, name), 'utf8'));
  expect(first.created).toBeGreaterThan(0);
  const exported = exportProvisioningYaml(b.services, 'now');
  expect(await apply(exported)).toMatchObject({ created: 0, updated: 0 });
});
