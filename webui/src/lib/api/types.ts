/** The server's JSON shapes, as documented in the API contract. */
import type { CallPermission } from './routing-types';

export interface Me {
  id: number;
  username: string;
  display_name: string;
  role: string;
  permissions: string[];
}

export interface Health {
  status: string;
  version: string;
  uptime_s: number;
}

export interface Extension {
  id: number;
  number: string;
  name: string;
  email: string | null;
  enabled: boolean;
  /** What the extension may dial out. */
  call_permission: CallPermission;
  /** May dial premium-rate (声讯) numbers. */
  allow_premium: boolean;
  has_secret: boolean;
  created_at: string;
  updated_at: string;
}

export interface ExtensionCreate {
  number: string;
  name: string;
  secret: string;
  email?: string | null;
  enabled?: boolean;
  call_permission?: CallPermission;
  allow_premium?: boolean;
}

export type ExtensionUpdate = Partial<ExtensionCreate>;

export const TRANSPORTS = ['udp', 'tcp'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const CODECS = ['PCMU', 'PCMA', 'G722', 'opus', 'telephone-event'] as const;
export type Codec = (typeof CODECS)[number];
export const DEFAULT_CODECS: readonly Codec[] = ['PCMA', 'PCMU', 'telephone-event'];

export interface Trunk {
  id: number;
  name: string;
  type: 'sip';
  host: string;
  port: number;
  transport: Transport;
  username: string | null;
  has_secret: boolean;
  register: boolean;
  max_channels: number | null;
  codecs: string[];
  enabled: boolean;
  /** The number presented as caller on this trunk; null: the extension's number. */
  caller_id: string | null;
  /** The domain in From/To and the REGISTER Request-URI when it is not the host. */
  from_domain: string | null;
  /** Seconds asked for in each REGISTER; null: the default (3600). */
  register_expires: number | null;
  /** Seconds between OPTIONS pings; 0: no pings; null: the default (30). */
  options_interval_s: number | null;
  /** Further source addresses whose calls are trusted as this trunk's. */
  match: string[];
  created_at: string;
  updated_at: string;
}

export interface TrunkCreate {
  name: string;
  host: string;
  port?: number;
  transport?: Transport;
  username?: string | null;
  secret?: string;
  register?: boolean;
  max_channels?: number | null;
  codecs?: string[];
  enabled?: boolean;
  caller_id?: string | null;
  from_domain?: string | null;
  register_expires?: number | null;
  options_interval_s?: number | null;
  match?: string[];
}

export type TrunkUpdate = Partial<TrunkCreate>;

export const TRUNK_REGISTRATIONS = ['unregistered', 'registering', 'registered', 'failed'] as const;
export type TrunkRegistration = (typeof TRUNK_REGISTRATIONS)[number];

/** What the box can say about a trunk right now (GET /api/trunks/status). */
export interface TrunkStatus {
  name: string;
  enabled: boolean;
  register: boolean;
  /** 'unregistered' also for a trunk that does not register. */
  registration: TrunkRegistration;
  registered_until: string | null;
  /** Answers OPTIONS pings; null before the first verdict or without pings. */
  reachable: boolean | null;
  latency_ms: number | null;
  channels_in_use: number;
  max_channels: number | null;
  /** timeout, forbidden, credentials_rejected, unresolved_host, …; newer reasons are shown as sent. */
  last_error: string | null;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: string;
  enabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface UserCreate {
  username: string;
  display_name?: string;
  password: string;
  role: string;
  enabled?: boolean;
}

export type UserUpdate = Partial<Omit<UserCreate, 'username'>>;

export interface Role {
  id: number;
  name: string;
  description: string;
  permissions: string[];
  builtin: boolean;
}

/** One place a registered extension can be reached (GET /api/registrations). */
export interface RegistrationContact {
  /** The Contact URI the phone registered. */
  contact: string;
  /** Where the REGISTER came from, "ip:port"; requests to the phone go there. */
  source: string;
  transport: Transport;
  user_agent: string | null;
  registered_at: string;
  expires_at: string;
}

/** An extension with at least one live registration. */
export interface Registration {
  extension: string;
  contacts: RegistrationContact[];
}

/** A source address the SIP port refuses (GET /api/sip/bans). */
export interface SipBan {
  address: string;
  /** The server's own words, e.g. "repeated authentication failures". */
  reason: string;
  banned_at: string;
  until: string;
}

export interface SetupRequest {
  token: string;
  username: string;
  password: string;
  display_name?: string;
}

/** One side of a call in progress, as the box holds it (GET /api/calls). */
export interface LiveCallLeg {
  id: string;
  number: string;
  /** inbound: the caller's side (the box answered); outbound: a side the box called. */
  direction: 'inbound' | 'outbound';
  /** offered, calling, early, answering, up, ending or ended; newer states are shown as sent. */
  state: string;
  rtp_port: number;
}

/** A call in progress (GET /api/calls). */
export interface LiveCall {
  id: string;
  from: string;
  to: string;
  state: 'ringing' | 'answered';
  started_at: string;
  answered_at: string | null;
  legs: LiveCallLeg[];
}

export const DISPOSITIONS = ['answered', 'no_answer', 'busy', 'failed', 'abandoned'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** A call detail record (GET /api/cdr, /api/cdr/:id). */
export interface CallRecord {
  id: number;
  call_id: string;
  start: string;
  answer: string | null;
  end: string;
  from: string;
  to: string;
  disposition: Disposition;
  agent: string | null;
  queue: string | null;
  /** The recording's id, or null when the call was not recorded. */
  recording: number | null;
  hangup_cause: string | null;
  legs: { channel: string; peer: string; start: string; answer: string | null; end: string }[];
}

/** A code dialled from a phone to change the extension's own features (GET /api/feature-codes). */
export interface FeatureCode {
  code: string;
  /** Whether a number follows the code (a forwarding target). */
  takes_number: boolean;
  description: { 'zh-CN': string; en: string };
}

/** Do-not-disturb, forwarding and call waiting of one extension (GET/PUT /api/extensions/:id/features). */
export interface CallFeatures {
  dnd: boolean;
  forward_always: string | null;
  forward_busy: string | null;
  forward_no_answer: string | null;
  /** Seconds of ringing before forward-on-no-answer, 5–300. */
  no_answer_s: number;
  call_waiting: boolean;
}
