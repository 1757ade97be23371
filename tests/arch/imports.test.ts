/**
 * The dependency rules of ARCHITECTURE.md and STYLE.md, checked on the real
 * import statements of appliance/src: layers import downward only, and a
 * domain reaches another domain only through its index.ts.
 */
import { expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dir, '../../appliance/src');
/** Shared leaf modules any domain may import directly. */
const SHARED = new Set(['errors.ts', 'events/event-map.ts']);

/** Domains that must not depend on the ones listed. */
const FORBIDDEN: Record<string, string[]> = {
  sip: ['pbx', 'acd', 'ivr', 'dialer', 'media', 'api', 'store'],
  media: ['sip', 'pbx', 'acd', 'ivr', 'dialer', 'api', 'store'],
  tdm: ['pbx', 'acd', 'ivr', 'dialer', 'api'],
  dsp: ['pbx', 'acd', 'ivr', 'dialer', 'api'],
  pbx: ['acd', 'ivr', 'dialer', 'api', 'provisioning'],
  acd: ['sip', 'media', 'api', 'provisioning'],
  ivr: ['sip', 'media', 'api', 'provisioning'],
  dialer: ['sip', 'media', 'api'],
  store: ['api', 'pbx', 'acd', 'ivr', 'auth', 'provisioning', 'reports'],
  events: ['api', 'store'],
  provisioning: ['api'],
  auth: ['api', 'provisioning'],
  reports: ['api', 'provisioning'],
  system: ['api', 'provisioning'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  target: string;
  typeOnly: boolean;
}

function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import type|import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => ({
    target: relative(SRC, resolve(dirname(file), m[2] as string)),
    typeOnly: m[1] === 'import type',
  }));
}

const domainOf = (path: string) => (path.includes('/') ? (path.split('/')[0] as string) : null);

const violations = (() => {
  const out: string[] = [];
  for (const file of files(SRC)) {
    const from = relative(SRC, file);
    const fromDomain = domainOf(from);
    if (from.endsWith('.test.ts') || fromDomain === 'testing' || fromDomain === null) continue;
    for (const { target, typeOnly } of imports(file)) {
      const toDomain = domainOf(target);
      if (toDomain === fromDomain || SHARED.has(target)) continue;
      if (toDomain === null) {
        // The services aggregate may be named as a type; nothing below the root may run root code.
        if (!(typeOnly && target === 'services.ts')) out.push(`${from} imports the composition root ${target}`);
        continue;
      }
      if (FORBIDDEN[fromDomain]?.includes(toDomain)) out.push(`${from} → ${target}: ${fromDomain} must not depend on ${toDomain}`);
      else if (target !== `${toDomain}/index.ts`) out.push(`${from} → ${target}: import another domain through ${toDomain}/index.ts`);
    }
  }
  return out;
})();

test('layers import downward only and domains meet through index.ts', () => {
  expect(violations).toEqual([]);
});

test('the checker sees the imports it judges (sanity)', () => {
  expect(imports(join(SRC, 'provisioning/apply.ts')).length).toBeGreaterThan(3);
});
