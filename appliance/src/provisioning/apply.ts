/**
 * Applies a provisioning document: checked whole first, then written in one
 * transaction, so an invalid file changes nothing. Objects are matched by
 * their natural key (extension number, trunk name, …) and only written when
 * they differ: applying the same file twice leaves the same state and the
 * second run reports everything unchanged. Objects the file does not name
 * are left alone.
 */
import { checkPasswordStrength, hashPassword, isPasswordHash, verifyPassword } from '../auth/index.ts';
import type { Permission } from '../auth/index.ts';
import { type FieldIssue, ValidationError } from '../errors.ts';
import type { ConfigEntity } from '../events/event-map.ts';
import type { Services } from '../services.ts';
import { checkReferences } from './check-references.ts';
import * as canon from './normalize.ts';
import { refuse } from './parse.ts';
import type { ProvisionFile } from './schema.ts';

export interface ApplySummary {
  created: number;
  updated: number;
  unchanged: number;
  changes: { entity: ConfigEntity; key: string; action: 'created' | 'updated' }[];
}

export interface ApplyOptions {
  /** Who applies: a username, or a label such as `provisioning-file`. */
  actor: string | null;
  /** Where the file came from, for the audit log. */
  source: string;
}

type UserSpec = { path: string; username: string; display_name?: string; role: string; enabled?: boolean; password?: string; password_hash?: string };

export async function applyProvisioning(services: Services, file: ProvisionFile, options: ApplyOptions): Promise<ApplySummary> {
  const issues = checkReferences(file, services);
  const users = await resolveUsers(services, file, issues);
  if (issues.length > 0) refuse(issues);
  const summary: ApplySummary = { created: 0, updated: 0, unchanged: 0, changes: [] };
  const tally = (entity: ConfigEntity, key: string, action: 'created' | 'updated' | 'unchanged') => {
    summary[action]++;
    if (action !== 'unchanged') summary.changes.push({ entity, key, action });
  };
  try {
    services.db.transaction(() => writeAll(services, file, users, tally))();
  } catch (error) {
    // The checks above should make this unreachable; if a constraint still fires, report it the same way.
    if (error instanceof ValidationError) refuse(error.issues);
    throw error;
  }
  services.audit.record({
    actor: options.actor,
    source: options.source,
    action: 'provisioning.apply',
    target: null,
    details: { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, changes: summary.changes },
  });
  for (const c of summary.changes) services.bus.publish('config.changed', { entity: c.entity, action: c.action, id: 0, label: c.key, actor: options.actor });
  services.bus.publish('provisioning.applied', { source: options.source, created: summary.created, updated: summary.updated, unchanged: summary.unchanged });
  return summary;
}

type Tally = (entity: ConfigEntity, key: string, action: 'created' | 'updated' | 'unchanged') => void;

interface Reconcile {
  entity: ConfigEntity;
  key: string;
  exists: boolean;
  same: boolean;
  create: () => unknown;
  update: () => unknown;
}

function writeAll(s: Services, file: ProvisionFile, users: canon.CanonicalUser[], tally: Tally): void {
  const reconcile = (r: Reconcile) => {
    if (!r.exists) r.create();
    else if (!r.same) r.update();
    tally(r.entity, r.key, !r.exists ? 'created' : r.same ? 'unchanged' : 'updated');
  };
  for (const r of file.roles ?? []) {
    const desired = canon.canonicalRole(r);
    const current = s.roles.findByName(r.name);
    const input = { ...desired, permissions: desired.permissions as Permission[] };
    reconcile({
      entity: 'role',
      key: r.name,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.roleFromDb(current), desired),
      create: () => s.roles.create(input),
      update: () => s.roles.update(current?.id as number, input),
    });
  }
  for (const u of users) {
    const current = s.users.findByUsername(u.username);
    const row = { ...u, role_id: s.roles.findByName(u.role)?.id as number };
    reconcile({
      entity: 'user',
      key: u.username,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.userFromDb(current), u),
      create: () => s.users.create(row),
      update: () => s.users.update(current?.id as number, row),
    });
  }
  for (const e of file.extensions ?? []) {
    const desired = canon.canonicalExtension(e);
    const current = s.extensions.findByNumber(e.number);
    reconcile({
      entity: 'extension',
      key: e.number,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.extensionFromDb(current, s.extensions.secretOf(current.id)), desired),
      create: () => s.extensions.create(desired),
      update: () => s.extensions.update(current?.id as number, desired),
    });
  }
  for (const t of file.trunks ?? []) {
    const desired = canon.canonicalTrunk(t);
    const current = s.trunks.findByName(t.name);
    reconcile({
      entity: 'trunk',
      key: t.name,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.trunkFromDb(current, s.trunks.secretOf(current.id)), desired),
      create: () => s.trunks.create(desired),
      update: () => s.trunks.update(current?.id as number, desired),
    });
  }
  for (const a of file.agents ?? []) {
    const desired = canon.canonicalAgent(a);
    const current = s.agents.findByWorkNumber(a.work_number);
    const pinSame = current === null ? false : a.pin !== undefined ? s.agents.verifyPin(a.work_number, a.pin) : a.pin_hash === undefined || a.pin_hash === s.agents.pinHashOf(a.work_number);
    const row = { ...desired, ...(a.pin !== undefined ? { pin: a.pin } : {}), ...(a.pin_hash !== undefined ? { pin_hash: a.pin_hash } : {}) };
    reconcile({
      entity: 'agent',
      key: a.work_number,
      exists: current !== null,
      same: current !== null && pinSame && canon.sameCanonical(canon.canonicalAgent({ ...current }), desired),
      create: () => s.agents.create(row),
      update: () => s.agents.update(current?.id as number, row),
    });
  }
  for (const q of file.queues ?? []) {
    const desired = canon.canonicalQueue(q);
    const current = s.queues.findByNumber(q.number);
    reconcile({
      entity: 'queue',
      key: q.number,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.queueFromDb(current), desired),
      create: () => s.queues.create(desired),
      update: () => s.queues.update(current?.id as number, desired),
    });
  }
  for (const i of file.ivrs ?? []) {
    const desired = canon.canonicalIvr(i);
    const { name, ...definition } = desired;
    const current = s.ivrs.findByName(name);
    reconcile({
      entity: 'ivr',
      key: name,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.ivrFromDb(current), desired),
      create: () => s.ivrs.create(name, definition),
      update: () => s.ivrs.update(current?.id as number, { definition }),
    });
  }
  for (const t of file.time_conditions ?? []) {
    const desired = canon.canonicalTimeCondition(t);
    const current = s.timeConditions.findByName(t.name);
    reconcile({
      entity: 'time_condition',
      key: t.name,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.timeConditionFromDb(current), desired),
      create: () => s.timeConditions.create(desired),
      update: () => s.timeConditions.update(current?.id as number, desired),
    });
  }
  for (const r of file.inbound_routes ?? []) {
    const desired = canon.canonicalInbound(r);
    const current = s.routes.findInbound(desired.did, desired.caller, desired.area);
    reconcile({
      entity: 'inbound_route',
      key: [desired.did, desired.caller, desired.area].filter((k) => k !== '').join('/'),
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.inboundFromDb(current), desired),
      create: () => s.routes.saveInbound(desired),
      update: () => s.routes.saveInbound(desired, current?.id),
    });
  }
  for (const r of file.outbound_routes ?? []) {
    const desired = canon.canonicalOutbound(r);
    const current = s.routes.findOutbound(desired.pattern);
    reconcile({
      entity: 'outbound_route',
      key: desired.pattern,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.outboundFromDb(current), desired),
      create: () => s.routes.saveOutbound(desired),
      update: () => s.routes.saveOutbound(desired, current?.id),
    });
  }
  for (const b of file.blacklist ?? []) {
    const desired = canon.canonicalBlacklistEntry(b);
    const current = s.blacklist.findByNumber(b.number);
    reconcile({
      entity: 'blacklist_entry',
      key: b.number,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.blacklistFromDb(current), desired),
      create: () => s.blacklist.create(desired),
      update: () => s.blacklist.update(current?.id as number, desired),
    });
  }
  if (file.recording) tally('setting', 'recording', s.settings.set('recording', file.recording) ? 'updated' : 'unchanged');
  if (file.sip_security) tally('setting', 'sip_security', s.settings.set('sip_security', file.sip_security) ? 'updated' : 'unchanged');
  if (file.sip_registrar) tally('setting', 'sip_registrar', s.settings.set('sip_registrar', file.sip_registrar) ? 'updated' : 'unchanged');
  if (file.routing) tally('setting', 'routing', s.settings.set('routing', file.routing) ? 'updated' : 'unchanged');
  if (file.acd) tally('setting', 'acd', s.settings.set('acd', file.acd) ? 'updated' : 'unchanged');
  for (const c of file.customers ?? []) {
    const desired = canon.canonicalCustomer(c);
    const current = s.customers.byNumber(c.number);
    reconcile({
      entity: 'customer',
      key: c.number,
      exists: current !== null,
      same: current !== null && canon.sameCanonical(canon.canonicalCustomer(current), desired),
      create: () => s.customers.create(desired),
      update: () => s.customers.update(current?.id as number, desired),
    });
  }
}

/**
 * Turns `admin` and `users` into canonical users with password hashes. A
 * plain password that already matches the stored hash keeps that hash, so a
 * re-apply does not rewrite the row.
 */
async function resolveUsers(s: Services, file: ProvisionFile, issues: FieldIssue[]): Promise<canon.CanonicalUser[]> {
  const specs: UserSpec[] = [
    ...(file.admin ? [{ ...file.admin, path: 'admin', role: 'admin', enabled: true }] : []),
    ...(file.users ?? []).map((u, i) => ({ ...u, path: `users[${i}]` })),
  ];
  const out: canon.CanonicalUser[] = [];
  for (const spec of specs) {
    const current = s.users.findByUsername(spec.username);
    const hash = await resolveHash(spec, current?.password_hash ?? null, issues);
    if (hash === null) continue;
    out.push({
      username: current?.username ?? spec.username,
      display_name: spec.display_name ?? current?.display_name ?? spec.username,
      role: spec.role,
      enabled: spec.enabled ?? true,
      password_hash: hash,
    });
  }
  return out;
}

async function resolveHash(spec: UserSpec, currentHash: string | null, issues: FieldIssue[]): Promise<string | null> {
  if (spec.password !== undefined && spec.password_hash !== undefined) {
    issues.push({ path: spec.path, message: 'give password or password_hash, not both' });
    return null;
  }
  if (spec.password_hash !== undefined) {
    if (isPasswordHash(spec.password_hash)) return spec.password_hash;
    issues.push({ path: `${spec.path}.password_hash`, message: 'not an argon2id hash' });
    return null;
  }
  if (spec.password === undefined) {
    if (currentHash) return currentHash;
    issues.push({ path: `${spec.path}.password`, message: 'required for a new user' });
    return null;
  }
  try {
    checkPasswordStrength(spec.password, spec.username, `${spec.path}.password`);
  } catch (error) {
    if (error instanceof ValidationError) issues.push(...error.issues);
    return null;
  }
  if (currentHash && (await verifyPassword(spec.password, currentHash))) return currentHash;
  return hashPassword(spec.password);
}
