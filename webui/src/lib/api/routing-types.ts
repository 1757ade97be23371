/** The server's JSON shapes for call routing: routes, destinations, time conditions, the blacklist. */

export const DESTINATION_KINDS = ['extension', 'queue', 'ivr', 'voicemail', 'hangup', 'external'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Where a call goes: an object with exactly one key, e.g. `{ "queue": "6001" }` or `{ "hangup": true }`. */
export interface Destination {
  extension?: string;
  queue?: string;
  ivr?: string;
  voicemail?: string;
  hangup?: true;
  external?: string;
}

/** An inbound route (呼入路由) as the server returns it. */
export interface InboundRoute {
  id: number;
  /** The called number, or `_` for any. */
  did: string;
  /** A caller pattern; empty for any caller. */
  caller: string;
  /** An area code, city or province of the caller; empty for any. */
  area: string;
  destination: Destination;
  time_condition: string | null;
  /** Tried in turn while the time condition is closed. */
  after_hours: Destination[];
  announce_recording: boolean;
}

/** What POST and PUT take: the whole route; left-out optional fields are cleared. */
export interface InboundRouteBody {
  did: string;
  caller?: string;
  area?: string;
  destination: Destination;
  time_condition?: string;
  after_hours?: Destination[];
  announce_recording?: boolean;
}

/** An outbound route (呼出路由): a dial pattern to trunks in failover order. */
export interface OutboundRoute {
  id: number;
  pattern: string;
  trunks: string[];
  strip: number;
  prepend: string;
}

export interface OutboundRouteBody {
  pattern: string;
  trunks: string[];
  strip?: number;
  prepend?: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A day off, or a run of days off from `date` to `end`. */
export interface Holiday {
  date: string;
  end?: string;
  name?: string;
}

/** A weekend day worked like a weekday (调休); without `hours` it has Monday's. */
export interface MakeUpWorkday {
  date: string;
  name?: string;
  hours?: string[];
}

/** A time condition (时间条件): when a business is open. Hours are "HH:MM-HH:MM" ranges. */
export interface TimeCondition {
  id: number;
  name: string;
  time_zone: string;
  weekly: Partial<Record<Weekday, string[]>>;
  holidays: Holiday[];
  workdays: MakeUpWorkday[];
  created_at: string;
  updated_at: string;
}

export interface TimeConditionBody {
  name: string;
  time_zone?: string;
  weekly: Partial<Record<Weekday, string[]>>;
  holidays?: Holiday[];
  workdays?: MakeUpWorkday[];
}

export const BLACKLIST_DIRECTIONS = ['inbound', 'outbound', 'both'] as const;
export type BlacklistDirection = (typeof BLACKLIST_DIRECTIONS)[number];
export const BLACKLIST_ACTIONS = ['reject', 'play', 'hangup'] as const;
export type BlacklistAction = (typeof BLACKLIST_ACTIONS)[number];

/** A blacklist (黑名单) entry: a number, a prefix ending in `*`, or a pattern starting with `_`. */
export interface BlacklistEntry {
  id: number;
  number: string;
  kind: 'number' | 'prefix' | 'pattern';
  direction: BlacklistDirection;
  action: BlacklistAction;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface BlacklistEntryBody {
  number: string;
  direction?: BlacklistDirection;
  action?: BlacklistAction;
  note?: string;
}

/** The box's own area code, which tells local from long-distance numbers, and the mobile ranges imported. */
export interface RoutingSettings {
  home_area_code: string | null;
  mobile_prefixes: number;
}

/** A queue, as far as the routing pages name one. */
export interface QueueSummary {
  id: number;
  number: string;
  name: string;
}

/** Words the server sends in both languages. */
export interface BilingualText {
  zh: string;
  en: string;
}

export type NumberKind = 'internal' | 'emergency' | 'service' | 'local' | 'mobile' | 'long_distance' | 'international' | 'premium' | 'unknown';

export interface NumberClass {
  kind: NumberKind;
  requires: CallPermission | null;
  premium: boolean;
  areaCode: string | null;
}

export const CALL_PERMISSIONS = ['internal', 'local', 'long_distance', 'international'] as const;
export type CallPermission = (typeof CALL_PERMISSIONS)[number];

/** Where a caller is from, as far as the number tells. */
export interface Region {
  source: 'fixed' | 'mobile';
  code: string | null;
  province: string | null;
  city: string | null;
}

export interface RoutingTestRequest {
  direction: 'inbound' | 'outbound';
  /** Outbound: the calling extension (none: trusted); inbound: the caller number. */
  from?: string;
  /** Outbound: the number dialled; inbound: the DID called. */
  to: string;
}

export type OutboundPlan =
  | { ok: true; number: string; trunks: string[]; routeId: number; pattern: string; numberClass: NumberClass }
  | {
      ok: false;
      reason: 'no_route' | 'not_permitted' | 'blacklisted';
      sipStatus: number;
      message: BilingualText;
      routeId: number | null;
      numberClass: NumberClass | null;
    };

export type InboundPlan =
  | { kind: 'blocked'; action: BlacklistAction; entry: { number: string } }
  | {
      kind: 'route';
      routeId: number;
      destinations: Destination[];
      open: boolean | null;
      timeCondition: string | null;
      announceRecording: boolean;
    }
  | { kind: 'none' };

/** The answer of POST /api/routing/test. */
export type RoutingTestResult =
  | { direction: 'outbound'; decision: OutboundPlan }
  | { direction: 'inbound'; region: Region | null; decision: InboundPlan };
