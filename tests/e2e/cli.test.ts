/** The `appliance` command as installers use it: --help, bad flags, provision apply and export. */
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/appliance-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'appliance-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function appliance(...args: string[]) {
  const result = Bun.spawnSync([join(ROOT, 'appliance/bin/appliance'), ...args], { cwd: dir, env: { ...process.env, LOG_FORMAT: 'json' } });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString() };
}

test('--help lists every variable and exits 0', () => {
  const r = appliance('--help');
  expect(r.code).toBe(0);
  for (const name of ['APPLIANCE_DATA', 'APPLIANCE_PROVISION', 'SIP_PORT', 'HTTP_PORT', 'RTP_PORTS']) expect(r.out).toContain(name);
});

test('bad flags are reported together and the service does not start', () => {
  const r = appliance('--http-port', 'x', '--rtp-ports', '9-1', '--nope', '1');
  expect(r.code).toBe(2);
  expect(r.err).toContain('--http-port');
  expect(r.err).toContain('--rtp-ports');
  expect(r.err).toContain('--nope: unknown flag');
});

test('provision apply refuses an invalid file naming the key, applies a good one idempotently, and export round-trips', () => {
  const data = join(dir, 'data');
  const example = readFileSync(join(ROOT, 'provisioning/example.yaml'), 'utf8');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, example.replace('trunk: carrier', 'trunk: nowhere'));
  const refused = appliance('provision', 'apply', bad, '--data', data);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('outbound_routes[0].trunk: no trunk nowhere');

  const good = join(dir, 'good.yaml');
  writeFileSync(good, example);
  expect(appliance('provision', 'apply', good, '--data', data).out).toContain('9 created, 1 updated, 0 unchanged');
  expect(appliance('provision', 'apply', good, '--data', data).out).toContain('0 created, 0 updated, 10 unchanged');

  const exported = join(dir, 'export.yaml');
  expect(appliance('provision', 'export', '--out', exported, '--data', data).code).toBe(0);
  const text = readFileSync(exported, 'utf8');
  expect(text).toContain('pw-1001-xyz');
  const other = join(dir, 'other');
  expect(appliance('provision', 'apply', exported, '--data', other).code).toBe(0);
  const again = appliance('provision', 'export', '--data', other).out;
  const strip = (yaml: string) => yaml.replace(/^# Generated .*$/m, '');
  expect(strip(again)).toBe(strip(text));
});
