import { afterEach, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisioningError } from '../errors.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml } from './index.ts';

const EXAMPLE = readFileSync(join(import.meta.dir, '../../../provisioning/example.yaml'), 'utf8');
const boxes: TempServices[] = [];
const box = () => {
  const b = tempServices();
  boxes.push(b);
  return b.services;
};
afterEach(() => {
  for (const b of boxes.splice(0)) b.close();
});
const apply = (s: ReturnType<typeof box>, yaml: string) => applyProvisioning(s, parseProvisionYaml(yaml), { actor: 'test', source: 'unit' });

function refusal(fn: () => unknown): Promise<ProvisioningError> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => {
        if (!(e instanceof ProvisioningError)) throw e;
        return e;
      },
    );
}

describe('provisioning apply', () => {
  test('the CONTRACT.md example applies, and applying it again changes nothing', async () => {
    const s = box();
    const first = await apply(s, EXAMPLE);
    expect(first).toMatchObject({ created: 9, updated: 1, unchanged: 0 });
    const snapshot = exportProvisioningYaml(s, 'now');
    const second = await apply(s, EXAMPLE);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect(exportProvisioningYaml(s, 'now')).toBe(snapshot);
    expect(s.extensions.list().map((e) => e.number)).toEqual(['1001', '1002', '1003']);
    expect(s.queues.findByNumber('6001')?.agents).toEqual(['1002', '1003']);
    expect(s.routes.listOutbound()[0]).toMatchObject({ pattern: '9X.', trunks: ['carrier'], strip: 1 });
    expect(s.extensions.secretOf(s.extensions.findByNumber('1001')?.id as number)).toBe('pw-1001-xyz');
  });

  test('a changed field updates only that object', async () => {
    const s = box();
    await apply(s, EXAMPLE);
    const summary = await apply(s, EXAMPLE.replace('"Bob"', '"Robert"'));
    expect(summary.changes).toEqual([{ entity: 'extension', key: '1002', action: 'updated' }]);
    expect(s.extensions.findByNumber('1002')?.name).toBe('Robert');
  });

  test('an invalid file is refused whole, naming the key path, and nothing is applied', async () => {
    const s = box();
    const bad = EXAMPLE.replace('agents: ["1002", "1003"]', 'agents: ["1002", "1009"]');
    const error = await refusal(() => apply(s, bad));
    expect(error.message).toContain('queues[0].agents[1]: no extension 1009');
    expect(s.extensions.list()).toEqual([]);
    expect(s.users.count()).toBe(0);
  });

  test.each([
    ['unknown key', 'recording: { mode: all }', 'recording: { mode: all, colour: red }', 'recording.colour: unknown key'],
    ['bad enum', 'strategy: round_robin', 'strategy: fastest', 'queues[0].strategy: must be one of'],
    ['short secret', 'secret: "pw-1003-xyz"', 'secret: "short"', 'extensions[2].secret'],
    ['missing trunk', 'trunk: carrier', 'trunk: nowhere', 'outbound_routes[0].trunk: no trunk nowhere'],
    ['missing IVR target', '"0": { extension: "1001" }', '"0": { extension: "1999" }', 'ivrs[0].options.0.extension: no extension 1999'],
    ['two destinations', '{ ivr: main }', '{ ivr: main, hangup: true }', 'inbound_routes[0].destination: needs exactly one'],
    ['duplicate', '{ number: "1003"', '{ number: "1001"', 'extensions[2]: duplicate of extensions[0]'],
    ['weak admin password', '"Adm1n-pass!"', '"short"', 'admin.password: must be at least'],
    ['YAML syntax', 'queues:', 'queues: [', 'line '],
  ])('refuses %s', async (_name, from, to, expected) => {
    const s = box();
    const error = await refusal(() => apply(s, EXAMPLE.replace(from, to)));
    expect(error.message).toContain(expected);
    expect(s.extensions.list()).toEqual([]);
  });

  test('export → apply on a new box → export is a fixed point', async () => {
    const a = box();
    await apply(a, EXAMPLE);
    const exported = exportProvisioningYaml(a, 'now');
    const b = box();
    await apply(b, exported);
    expect(exportProvisioningYaml(b, 'now')).toBe(exported);
    expect(await b.auth.login('admin', 'Adm1n-pass!', 'test')).toHaveProperty('token');
  });

  test('trunk caller ID, from_domain, expiry, ping interval and match entries apply, export and re-apply unchanged', async () => {
    const s = box();
    const yaml = [
      'trunks:',
      '  - { name: carrier, host: 203.0.113.7, register: true, username: acct, secret: pw, caller_id: "02150001234",',
      '      from_domain: carrier.example, register_expires: 600, options_interval_s: 15, match: ["203.0.113.0/28", "sbc.carrier.example:5070"] }',
      '',
    ].join('\n');
    expect((await apply(s, yaml)).created).toBe(1);
    expect(s.trunks.findByName('carrier')).toMatchObject({ caller_id: '02150001234', register_expires: 600, match: ['203.0.113.0/28', 'sbc.carrier.example:5070'] });
    expect((await apply(s, yaml)).unchanged).toBe(1);
    expect((await apply(s, exportProvisioningYaml(s, 'now'))).updated).toBe(0);
    expect((await apply(s, yaml.replace('02150001234', '4008001234'))).updated).toBe(1);
  });

  test('references may point at objects already in the box', async () => {
    const s = box();
    await apply(s, EXAMPLE);
    const summary = await apply(s, 'queues:\n  - { number: "6002", name: Sales, strategy: ring_all, agents: ["1001"] }\n');
    expect(summary.created).toBe(1);
  });
});
