/** The server's JSON shapes, as documented in the API contract. */

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
}

export type TrunkUpdate = Partial<TrunkCreate>;

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
