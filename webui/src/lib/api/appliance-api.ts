import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import type { Ivr, IvrBody, IvrCheck, IvrVersion } from './ivr-types';
import { ResourceApi } from './resource-api';
import type {
  BlacklistEntry,
  BlacklistEntryBody,
  InboundRoute,
  InboundRouteBody,
  OutboundRoute,
  OutboundRouteBody,
  QueueSummary,
  RoutingSettings,
  RoutingTestRequest,
  RoutingTestResult,
  TimeCondition,
  TimeConditionBody,
} from './routing-types';
import { VoicemailApi } from './voicemail-api';
import type {
  CallFeatures,
  CallRecord,
  Extension,
  ExtensionCreate,
  ExtensionUpdate,
  FeatureCode,
  Health,
  LiveCall,
  Me,
  Registration,
  Role,
  SetupRequest,
  SipBan,
  Trunk,
  TrunkCreate,
  TrunkStatus,
  TrunkUpdate,
  User,
  UserCreate,
  UserUpdate,
} from './types';

/** The appliance's REST API, one method or collection per documented route. */
export class ApplianceApi {
  readonly extensions: ResourceApi<Extension, ExtensionCreate, ExtensionUpdate>;
  readonly trunks: ResourceApi<Trunk, TrunkCreate, TrunkUpdate>;
  readonly users: ResourceApi<User, UserCreate, UserUpdate>;
  readonly inboundRoutes: ResourceApi<InboundRoute, InboundRouteBody, InboundRouteBody>;
  readonly outboundRoutes: ResourceApi<OutboundRoute, OutboundRouteBody, OutboundRouteBody>;
  readonly timeConditions: ResourceApi<TimeCondition, TimeConditionBody, TimeConditionBody>;
  readonly blacklist: ResourceApi<BlacklistEntry, BlacklistEntryBody, BlacklistEntryBody>;
  readonly ivrs: ResourceApi<Ivr, IvrBody, IvrBody>;
  /** Read only here: the routing pages offer queues as destinations. */
  readonly queues: ResourceApi<QueueSummary, never, never>;
  readonly voicemail: VoicemailApi;
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
    this.extensions = new ResourceApi(api, '/api/extensions');
    this.trunks = new ResourceApi(api, '/api/trunks');
    this.users = new ResourceApi(api, '/api/users');
    this.inboundRoutes = new ResourceApi(api, '/api/inbound-routes');
    this.outboundRoutes = new ResourceApi(api, '/api/outbound-routes');
    this.timeConditions = new ResourceApi(api, '/api/time-conditions');
    this.blacklist = new ResourceApi(api, '/api/blacklist');
    this.ivrs = new ResourceApi(api, '/api/ivrs');
    this.queues = new ResourceApi(api, '/api/queues');
    this.voicemail = new VoicemailApi(api);
  }

  health(): Promise<Health> {
    return this.#api.get<Health>('/api/health', { sessionRequired: false });
  }

  async setupRequired(): Promise<boolean> {
    return (await this.#api.get<{ required: boolean }>('/api/auth/setup', { sessionRequired: false })).required;
  }

  async setup(body: SetupRequest): Promise<Me> {
    return (await this.#api.post<{ user: Me }>('/api/auth/setup', body, { sessionRequired: false })).user;
  }

  async login(username: string, password: string): Promise<Me> {
    const body = { username, password };
    return (await this.#api.post<{ user: Me }>('/api/auth/login', body, { sessionRequired: false })).user;
  }

  logout(): Promise<void> {
    return this.#api.post<void>('/api/auth/logout', undefined, { sessionRequired: false });
  }

  /** The signed-in user, or null when there is no session. */
  async me(): Promise<Me | null> {
    try {
      return (await this.#api.get<{ user: Me }>('/api/auth/me', { sessionRequired: false })).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async roles(): Promise<Role[]> {
    return (await this.#api.get<{ items: Role[] }>('/api/roles')).items;
  }

  /** Extensions with at least one live registration, and where they are reachable. */
  async registrations(): Promise<Registration[]> {
    return (await this.#api.get<{ items: Registration[] }>('/api/registrations')).items;
  }

  async sipBans(): Promise<SipBan[]> {
    return (await this.#api.get<{ items: SipBan[] }>('/api/sip/bans')).items;
  }

  /** Lets a banned address reach the SIP port again; a 404 means it was not banned (any more). */
  liftSipBan(address: string): Promise<void> {
    return this.#api.delete(`/api/sip/bans/${encodeURIComponent(address)}`);
  }

  /** Calls in progress with their legs. */
  async calls(): Promise<LiveCall[]> {
    return (await this.#api.get<{ items: LiveCall[] }>('/api/calls')).items;
  }

  /** Ends a call in progress; a 404 means it had already ended. */
  async hangupCall(id: string): Promise<void> {
    await this.#api.post<{ ok: boolean }>(`/api/calls/${encodeURIComponent(id)}/hangup`);
  }

  /** The newest call records first. */
  async callRecords(limit: number): Promise<CallRecord[]> {
    return (await this.#api.get<{ items: CallRecord[] }>(`/api/cdr?limit=${limit}`)).items;
  }

  /** Where the browser fetches a recording's WAV audio (an <audio> src or a download link). */
  recordingAudioUrl(id: number): string {
    return `/api/recordings/${id}/audio`;
  }

  async featureCodes(): Promise<FeatureCode[]> {
    return (await this.#api.get<{ items: FeatureCode[] }>('/api/feature-codes')).items;
  }

  callFeatures(extensionId: number | string): Promise<CallFeatures> {
    return this.#api.get<CallFeatures>(`/api/extensions/${encodeURIComponent(String(extensionId))}/features`);
  }

  updateCallFeatures(extensionId: number | string, body: Partial<CallFeatures>): Promise<CallFeatures> {
    return this.#api.put<CallFeatures>(`/api/extensions/${encodeURIComponent(String(extensionId))}/features`, body);
  }

  /** Registration, reachability and channels of each trunk, as the box sees them now. */
  async trunkStatus(): Promise<TrunkStatus[]> {
    return (await this.#api.get<{ items: TrunkStatus[] }>('/api/trunks/status')).items;
  }

  /** What would happen to a call, without placing one. */
  routingTest(body: RoutingTestRequest): Promise<RoutingTestResult> {
    return this.#api.post<RoutingTestResult>('/api/routing/test', body);
  }

  /** Imports a CSV file as it is; a 422 names each bad line and nothing is imported. */
  importBlacklist(file: Blob): Promise<{ created: number; updated: number; unchanged: number }> {
    return this.#api.postRaw('/api/blacklist/import', file, 'text/csv');
  }

  routingSettings(): Promise<RoutingSettings> {
    return this.#api.get<RoutingSettings>('/api/routing/settings');
  }

  /** Sets the box's area code (null: none, every 0-prefixed number then counts as long distance). */
  updateRoutingSettings(homeAreaCode: string | null): Promise<RoutingSettings> {
    return this.#api.put<RoutingSettings>('/api/routing/settings', { home_area_code: homeAreaCode });
  }

  /** Replaces the mobile range table with a CSV file (prefix,region); a 422 names each bad line. */
  importMobilePrefixes(file: Blob): Promise<{ imported: number }> {
    return this.#api.postRaw('/api/routing/mobile-prefixes/import', file, 'text/csv');
  }

  /** Where the browser downloads the blacklist as CSV. */
  blacklistExportUrl(): string {
    return '/api/blacklist/export';
  }

  /** Every saved version of an IVR, newest first. */
  async ivrVersions(id: number | string): Promise<IvrVersion[]> {
    return (await this.#api.get<{ items: IvrVersion[] }>(`/api/ivrs/${encodeURIComponent(String(id))}/versions`)).items;
  }

  /** Checks an IVR without saving it. */
  validateIvr(body: IvrBody): Promise<IvrCheck> {
    return this.#api.post<IvrCheck>('/api/ivrs/validate', body);
  }
}
