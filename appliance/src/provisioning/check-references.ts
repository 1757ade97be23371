/**
 * The checks a schema cannot express: duplicates inside the file, and
 * references (queue agents, destinations, route trunks, user roles) that
 * must exist in the file or already in the box.
 */
import type { FieldIssue } from '../errors.ts';
import { checkIvrDefinition, definitionOf } from '../ivr/index.ts';
import { checkDestination, type DestinationTargets } from '../pbx/index.ts';
import { checkTimeCondition, parseBlacklistNumber, parseDialPattern } from '../pbx/index.ts';
import type { Services } from '../services.ts';
import type { ProvisionFile } from './schema.ts';

type Lookup = Pick<Services, 'extensions' | 'queues' | 'ivrs' | 'trunks' | 'roles' | 'users' | 'timeConditions' | 'agents'>;

export function checkReferences(file: ProvisionFile, box: Lookup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const extensions = keysOf(file.extensions, 'extensions', (e) => e.number, issues);
  const queues = keysOf(file.queues, 'queues', (q) => q.number, issues);
  const ivrs = keysOf(file.ivrs, 'ivrs', (i) => i.name, issues);
  const trunks = keysOf(file.trunks, 'trunks', (t) => t.name, issues);
  const roles = keysOf(file.roles, 'roles', (r) => r.name, issues);
  keysOf(file.inbound_routes, 'inbound_routes', (r) => `${r.did}|${r.caller ?? ''}|${r.area ?? ''}`, issues);
  const timeConditions = keysOf(file.time_conditions, 'time_conditions', (t) => t.name, issues);
  keysOf(file.blacklist, 'blacklist', (b) => b.number, issues);
  keysOf(file.outbound_routes, 'outbound_routes', (r) => r.pattern, issues);
  const users = keysOf(file.users, 'users', (u) => u.username.toLowerCase(), issues);
  const agents = keysOf(file.agents, 'agents', (a) => a.work_number, issues);
  keysOf(file.customers, 'customers', (c) => c.number, issues);
  const agentExists = (w: string) => agents.has(w) || box.agents.findByWorkNumber(w) !== null;
  const userExists = (u: string) => users.has(u.toLowerCase()) || file.admin?.username.toLowerCase() === u.toLowerCase() || box.users.findByUsername(u) !== null;
  file.agents?.forEach((a, i) => {
    if (a.user && !userExists(a.user)) issues.push({ path: `agents[${i}].user`, message: `no user ${a.user}` });
  });
  file.customers?.forEach((c, i) => {
    if (c.owner && !agentExists(c.owner)) issues.push({ path: `customers[${i}].owner`, message: `no agent ${c.owner}` });
  });

  const targets: DestinationTargets = {
    extension: (n) => extensions.has(n) || box.extensions.findByNumber(n) !== null,
    queue: (n) => queues.has(n) || box.queues.findByNumber(n) !== null,
    ivr: (n) => ivrs.has(n) || box.ivrs.findByName(n) !== null,
  };

  file.queues?.forEach((q, i) => {
    q.agents?.forEach((a, j) => {
      if (!targets.extension(a)) issues.push({ path: `queues[${i}].agents[${j}]`, message: `no extension ${a}` });
    });
    q.members?.forEach((m, j) => {
      if (!agentExists(m.agent)) issues.push({ path: `queues[${i}].members[${j}].agent`, message: `no agent ${m.agent}` });
      if (m.time_condition && !timeConditions.has(m.time_condition) && box.timeConditions.findByName(m.time_condition) === null) {
        issues.push({ path: `queues[${i}].members[${j}].time_condition`, message: `no time condition "${m.time_condition}"` });
      }
    });
    if (q.overflow) issues.push(...checkDestination(q.overflow, `queues[${i}].overflow`, targets));
    if (q.message_mailbox && !targets.extension(q.message_mailbox)) issues.push({ path: `queues[${i}].message_mailbox`, message: `no extension ${q.message_mailbox}` });
  });
  file.ivrs?.forEach((ivr, i) => {
    const { definition } = definitionOf(ivr);
    const lookups = { ...targets, timeCondition: (n: string) => timeConditions.has(n) || box.timeConditions.findByName(n) !== null };
    for (const issue of checkIvrDefinition(definition, lookups)) issues.push({ path: `ivrs[${i}].${issue.path}`, message: issue.message });
  });
  file.time_conditions?.forEach((t, i) => {
    issues.push(...checkTimeCondition(t, `time_conditions[${i}]`));
  });
  file.inbound_routes?.forEach((r, i) => {
    const at = `inbound_routes[${i}]`;
    issues.push(...checkDestination(r.destination, `${at}.destination`, targets));
    r.after_hours?.forEach((d, j) => {
      issues.push(...checkDestination(d, `${at}.after_hours[${j}]`, targets));
    });
    const caller = r.caller ? parseDialPattern(r.caller) : null;
    if (caller && !caller.ok) issues.push({ path: `${at}.caller`, message: `pattern ${caller.reason}` });
    if (r.time_condition !== undefined) {
      if (!timeConditions.has(r.time_condition) && box.timeConditions.findByName(r.time_condition) === null) {
        issues.push({ path: `${at}.time_condition`, message: `no time condition "${r.time_condition}"` });
      }
      if (!r.after_hours?.length) issues.push({ path: `${at}.after_hours`, message: `needs at least one destination for when ${r.time_condition} is closed` });
    }
  });
  file.blacklist?.forEach((b, i) => {
    const parsed = parseBlacklistNumber(b.number);
    if (!parsed.ok) issues.push({ path: `blacklist[${i}].number`, message: parsed.reason });
  });
  file.outbound_routes?.forEach((r, i) => {
    const pattern = parseDialPattern(r.pattern);
    if (!pattern.ok) issues.push({ path: `outbound_routes[${i}].pattern`, message: `pattern ${pattern.reason}` });
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
