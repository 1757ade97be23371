import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { ResourceApi } from './resource-api';
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
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
    this.extensions = new ResourceApi(api, '/api/extensions');
    this.trunks = new ResourceApi(api, '/api/trunks');
    this.users = new ResourceApi(api, '/api/users');
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
}
