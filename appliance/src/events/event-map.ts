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
  | 'setting'
  | 'time_condition'
  | 'blacklist_entry'
  | 'agent'
  | 'customer';

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
  /** A call reached the box and was routed (the caller's phone is waiting). */
  'call.started': { call_id: string; from: string; to: string };
  /** A phone is ringing for a call. */
  'call.ringing': { call_id: string; extension: string };
  /** The call was answered; `agent` is the extension that picked up. */
  'call.answered': { call_id: string; from: string; to: string; agent: string };
  /** One side put the other on hold, or resumed. */
  'call.hold': { call_id: string; extension: string; held: boolean };
  /** A party was transferred: `kind` blind (REFER) or attended (REFER with Replaces). */
  'call.transferred': { call_id: string; by: string; to: string; kind: 'blind' | 'attended' };
  /** A key pressed during a call (RFC 4733 or SIP INFO). */
  'call.dtmf': { call_id: string; extension: string; digit: string };
  /** The call ended and its record is stored. */
  'call.ended': { call_id: string; cdr_id: number; disposition: string; cause: string };
  /** A trunk's registration or reachability changed (or the trunk was stopped: unregistered, reachable null). */
  'trunk.status': {
    trunk: string;
    registration: 'unregistered' | 'registering' | 'registered' | 'failed';
    /** Answers OPTIONS pings; null before the first verdict or without pings. */
    reachable: boolean | null;
    latency_ms: number | null;
    /** Why registration failed or the trunk cannot be used (timeout, forbidden, unresolved_host, …). */
    reason: string | null;
  };
  /** A caller left a voicemail message (stored with its file). */
  'voicemail.message': { mailbox: string; message_id: number; caller: string; caller_name: string | null; duration_ms: number };
  /** A mailbox's message counts changed: a message left, heard, saved or deleted (message-waiting lamps follow this). */
  'voicemail.mailbox': { mailbox: string; new: number; saved: number };
  /** An agent's state changed (签入, 示闲, 振铃, 通话, 话后处理, 示忙, 签出); `by` is the supervisor who forced it, if any. */
  'agent.state': {
    agent: string;
    name: string;
    extension: string | null;
    state: 'logged_out' | 'available' | 'paused' | 'reserved' | 'ringing' | 'on_call' | 'wrap_up';
    previous: string;
    reason: string | null;
    queue: string | null;
    call_id: string | null;
    by: string | null;
  };
  /** A caller joined a queue (position 1 = next to be served). */
  'queue.entered': { queue: string; call_id: string; caller: string; position: number; priority: number };
  /** An agent's phone rings for a queue call. */
  'queue.ringing': { queue: string; call_id: string; agent: string; extension: string };
  /** An agent answered a queue call after `wait_ms` in the queue. */
  'queue.answered': { queue: string; call_id: string; caller: string; agent: string; extension: string; wait_ms: number };
  /** A caller left the queue without an agent: hung up (abandoned, a 呼损), waited too long, chose a message or callback, or moved. */
  'queue.left': {
    queue: string;
    call_id: string;
    caller: string;
    reason: 'abandoned' | 'timeout' | 'overflow' | 'message' | 'callback' | 'moved' | 'empty';
    wait_ms: number;
    position: number;
  };
  /** A queue call an agent took has ended. */
  'queue.completed': { queue: string; call_id: string; agent: string; talk_ms: number };
  /** A supervisor acted on an agent or a call. */
  'supervisor.action': { supervisor: string; action: string; agent: string | null; call_id: string | null; queue: string | null };
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
