/**
 * The checks a schema cannot express: duplicates inside the file, and
 * references (queue agents, destinations, route trunks, user roles) that
 * must exist in the file or already in the box.
 */
import type { FieldIssue } from '../errors.ts';
import { checkDestination, type DestinationTargets } from '../pbx/index.ts';
import type { Services } from '../services.ts';
import type { ProvisionFile } from './schema.ts';

type Lookup = Pick<Services, 'extensions' | 'queues' | 'ivrs' | 'trunks' | 'roles' | 'users'>;

export function checkReferences(file: ProvisionFile, box: Lookup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const extensions = keysOf(file.extensions, 'extensions', (e) => e.number, issues);
  const queues = keysOf(file.queues, 'queues', (q) => q.number, issues);
  const ivrs = keysOf(file.ivrs, 'ivrs', (i) => i.name, issues);
  const trunks = keysOf(file.trunks, 'trunks', (t) => t.name, issues);
  const roles = keysOf(file.roles, 'roles', (r) => r.name, issues);
  keysOf(file.inbound_routes, 'inbound_routes', (r) => `${r.did}|${r.caller ?? ''}`, issues);
  keysOf(file.outbound_routes, 'outbound_routes', (r) => r.pattern, issues);
  const users = keysOf(file.users, 'users', (u) => u.username.toLowerCase(), issues);

  const targets: DestinationTargets = {
    extension: (n) => extensions.has(n) || box.extensions.findByNumber(n) !== null,
    queue: (n) => queues.has(n) || box.queues.findByNumber(n) !== null,
    ivr: (n) => ivrs.has(n) || box.ivrs.findByName(n) !== null,
  };

  file.queues?.forEach((q, i) => {
    q.agents?.forEach((a, j) => {
      if (!targets.extension(a)) issues.push({ path: `queues[${i}].agents[${j}]`, message: `no extension ${a}` });
    });
  });
  file.ivrs?.forEach((ivr, i) => {
    for (const [digit, dest] of Object.entries(ivr.options)) issues.push(...checkDestination(dest, `ivrs[${i}].options.${digit}`, targets));
    if (ivr.on_timeout) issues.push(...checkDestination(ivr.on_timeout, `ivrs[${i}].on_timeout`, targets));
    if (ivr.on_invalid) issues.push(...checkDestination(ivr.on_invalid, `ivrs[${i}].on_invalid`, targets));
    if (!ivr.greeting.tts && !ivr.greeting.file) issues.push({ path: `ivrs[${i}].greeting`, message: 'needs tts or file' });
  });
  file.inbound_routes?.forEach((r, i) => {
    issues.push(...checkDestination(r.destination, `inbound_routes[${i}].destination`, targets));
  });
  file.outbound_routes?.forEach((r, i) => {
    if ((r.trunk === undefined) === (r.trunks === undefined)) {
      issues.push({ path: `outbound_routes[${i}]`, message: 'needs exactly one of trunk or trunks' });
    }
    const names = r.trunks ?? (r.trunk ? [r.trunk] : []);
    names.forEach((name, j) => {
      if (!trunks.has(name) && box.trunks.findByName(name) === null) {
        issues.push({ path: r.trunks ? `outbound_routes[${i}].trunks[${j}]` : `outbound_routes[${i}].trunk`, message: `no trunk ${name}` });
      }
    });
  });
  file.roles?.forEach((r, i) => {
    if (box.roles.findByName(r.name)?.builtin) issues.push({ path: `roles[${i}].name`, message: `${r.name} is a built-in role` });
  });
  file.users?.forEach((u, i) => {
    if (!roles.has(u.role) && box.roles.findByName(u.role) === null) issues.push({ path: `users[${i}].role`, message: `no role ${u.role}` });
  });
  if (file.admin && users.has(file.admin.username.toLowerCase())) {
    issues.push({ path: 'admin.username', message: `${file.admin.username} is also listed under users` });
  }
  return issues;
}

/** The natural keys of a section, with an issue for each duplicate. */
function keysOf<T>(items: T[] | undefined, section: string, key: (item: T) => string, issues: FieldIssue[]): Set<string> {
  const seen = new Map<string, number>();
  items?.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) issues.push({ path: `${section}[${i}]`, message: `duplicate of ${section}[${first}]` });
    else seen.set(k, i);
  });
  return new Set(seen.keys());
}
