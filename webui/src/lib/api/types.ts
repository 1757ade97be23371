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
