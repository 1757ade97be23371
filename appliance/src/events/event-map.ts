/**
 * The typed event map shared by the server's event bus and the web UI.
 * Every domain publishes through these names; the WebSocket at /api/events
 * forwards them as `BusEvent` JSON frames to browsers allowed to see them.
 */

export type ConfigEntity =
  | 'extension'
  | 'trunk'
  | 'queue'
  | 'ivr'
  | 'inbound_route'
  | 'outbound_route'
  | 'user'
  | 'role'
  | 'setting';

export interface EventMap {
  /** A configuration object was created, changed or removed (API or provisioning). */
  'config.changed': {
    entity: ConfigEntity;
    action: 'created' | 'updated' | 'deleted';
    /** Row id; 0 when the change came from a provisioning file. */
    id: number;
    /** The object's natural key as people name it: extension number, trunk name, … */
    label: string;
    actor: string | null;
  };
  /** An admin action was written to the audit log. */
  'audit.recorded': { id: number; actor: string | null; action: string; target: string | null };
  /** A provisioning file was applied. */
  'provisioning.applied': { source: string; created: number; updated: number; unchanged: number };
  /** A phone registered at a new contact (refreshes of a known contact are not announced). */
  'extension.registered': {
    extension: string;
    contact: string;
    /** `address:port` the REGISTER came from. */
    source: string;
    transport: 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';
    user_agent: string | null;
    expires: number;
  };
  /** A contact of an extension went away: removed by the phone, expired, or cleared by an admin. */
  'extension.unregistered': { extension: string; contact: string; reason: 'removed' | 'expired' | 'admin' };
  /** The SIP port banned a source address. */
  'sip.source_banned': { address: string; reason: string; until: string };
  /** An admin lifted a SIP ban (bans that run out are not announced). */
  'sip.ban_lifted': { address: string };
  /** A system condition that needs an operator (disk low, service degraded). */
  'system.alarm': { code: string; severity: 'info' | 'warning' | 'critical'; message: string };
}

export type EventName = keyof EventMap;

export interface BusEvent<N extends EventName = EventName> {
  /** Monotonic per process, so a client can spot gaps. */
  seq: number;
  name: N;
  /** ISO 8601 time of publication. */
  at: string;
  data: EventMap[N];
}
