/**
 * The canonical form of each provisioned object: every default filled in,
 * keys in a fixed order. Apply compares the file's canonical form with the
 * database's to decide created / updated / unchanged, and export writes the
 * database's canonical form, so export → apply → export is a fixed point.
 */
import { type Agent, type AgentCreate, QUEUE_OPTION_DEFAULTS, type Queue, type QueueCreate, type QueueOptions } from '../acd/index.ts';
import type { CustomerCreate } from '../crm/index.ts';
import type { Role } from '../auth/index.ts';
import type { UserRecord } from '../auth/index.ts';
import type { Ivr, IvrCreate } from '../ivr/index.ts';
import type { Extension, ExtensionCreate } from '../pbx/index.ts';
import type { InboundRoute, InboundRouteCreate, OutboundRoute } from '../pbx/index.ts';
import { type BlacklistEntry, canonicalBlacklistEntry, canonicalTimeCondition, type TimeCondition } from '../pbx/index.ts';
import { DEFAULT_CODECS, type Trunk, type TrunkCreate } from '../pbx/index.ts';
import type { ProvisionFile } from './schema.ts';

type Item<K extends keyof ProvisionFile> = NonNullable<ProvisionFile[K]> extends (infer I)[] ? I : never;

export const canonicalExtension = (e: ExtensionCreate) => ({
  number: e.number,
  name: e.name,
  secret: e.secret,
  email: e.email ?? null,
  enabled: e.enabled ?? true,
  call_permission: e.call_permission ?? 'long_distance',
  allow_premium: e.allow_premium ?? false,
});
export const extensionFromDb = (e: Extension, secret: string) => canonicalExtension({ ...e, secret });

export const canonicalTrunk = (t: TrunkCreate) => ({
  name: t.name,
  type: 'sip' as const,
  host: t.host,
  port: t.port ?? 5060,
  transport: t.transport ?? 'udp',
  username: t.username ?? null,
  secret: t.secret ?? null,
  register: t.register ?? false,
  max_channels: t.max_channels ?? null,
  codecs: t.codecs ?? (DEFAULT_CODECS as TrunkCreate['codecs'] & string[]),
  enabled: t.enabled ?? true,
  caller_id: t.caller_id ?? null,
  from_domain: t.from_domain ?? null,
  register_expires: t.register_expires ?? null,
  options_interval_s: t.options_interval_s ?? null,
  match: t.match ?? [],
});
export const trunkFromDb = (t: Trunk, secret: string | null) =>
  canonicalTrunk({ ...t, secret, codecs: t.codecs as TrunkCreate['codecs'] });

export const canonicalQueue = (q: QueueCreate) => {
  const options = Object.fromEntries(
    (Object.keys(QUEUE_OPTION_DEFAULTS) as (keyof QueueOptions)[]).map((k) => [k, q[k] !== undefined ? q[k] : QUEUE_OPTION_DEFAULTS[k]]),
  ) as QueueOptions;
  return {
    number: q.number,
    name: q.name,
    strategy: q.strategy,
    agents: q.agents ?? [],
    ring_timeout: q.ring_timeout ?? 15,
    max_wait: q.max_wait ?? 300,
    wrap_up: q.wrap_up ?? 0,
    ...options,
    members: options.members.map((m) => ({ agent: m.agent, penalty: m.penalty ?? 0, skill: m.skill ?? 5, time_condition: m.time_condition ?? null })),
  };
};
export const queueFromDb = (q: Queue) => canonicalQueue({ ...q, strategy: q.strategy as QueueCreate['strategy'] } as QueueCreate);

/** An agent as the file and the export write it; the PIN as its stored hash (a plain PIN in a file is checked against it). */
export const canonicalAgent = (a: AgentCreate) => ({
  work_number: a.work_number,
  name: a.name,
  user: a.user ?? null,
  auto_answer: a.auto_answer ?? false,
  enabled: a.enabled ?? true,
});
export const agentFromDb = (a: Agent, pinHash: string | null) => ({ ...canonicalAgent({ ...a }), ...(pinHash ? { pin_hash: pinHash } : {}) });

export const canonicalCustomer = (c: CustomerCreate) => ({ name: c.name, number: c.number, owner: c.owner ?? null, level: c.level ?? null, notes: c.notes ?? null });

export const canonicalIvr = (i: IvrCreate): IvrCreate => sortKeys(i) as IvrCreate;
export const ivrFromDb = (i: Ivr) => canonicalIvr({ name: i.name, ...i.definition });

export const canonicalInbound = (r: InboundRouteCreate) => ({
  did: r.did,
  caller: r.caller ?? '',
  area: r.area ?? '',
  destination: r.destination,
  time_condition: r.time_condition,
  after_hours: r.after_hours ?? [],
  announce_recording: r.announce_recording ?? false,
});
export const inboundFromDb = (r: InboundRoute) => canonicalInbound({ ...r, time_condition: r.time_condition ?? undefined });

export { canonicalTimeCondition };
export const timeConditionFromDb = (t: TimeCondition) => canonicalTimeCondition(t);

export { canonicalBlacklistEntry };
export const blacklistFromDb = (e: BlacklistEntry) => canonicalBlacklistEntry(e);

export const canonicalOutbound = (r: Item<'outbound_routes'>) => ({
  pattern: r.pattern,
  trunks: r.trunks ?? (r.trunk ? [r.trunk] : []),
  strip: r.strip ?? 0,
  prepend: r.prepend ?? '',
});
export const outboundFromDb = (r: OutboundRoute) => canonicalOutbound(r);

export const canonicalRole = (r: Item<'roles'>) => ({
  name: r.name,
  description: r.description ?? '',
  permissions: [...r.permissions].sort(),
});
export const roleFromDb = (r: Role) => canonicalRole(r);

/** A user with the password already resolved to a hash. */
export interface CanonicalUser {
  username: string;
  display_name: string;
  role: string;
  enabled: boolean;
  password_hash: string;
}
export const userFromDb = (u: UserRecord): CanonicalUser => ({
  username: u.username,
  display_name: u.display_name,
  role: u.role,
  enabled: u.enabled,
  password_hash: u.password_hash,
});

/** Deep equality through a key-sorted JSON form. */
export function sameCanonical(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
