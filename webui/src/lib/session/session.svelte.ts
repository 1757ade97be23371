import type { Permission } from '../../../../appliance/src/auth/permissions';
import type { ApplianceApi } from '../api/appliance-api';
import type { Me, SetupRequest } from '../api/types';
import type { SessionPhase } from './session-phase';


/** Who is signed in, and what they may do. One instance per app, shared by context. */
export class Session {
  me = $state<Me | null>(null);
  phase = $state<SessionPhase>('starting');
  /** Signed out by the user's own choice (not a lapsed session): the next login starts at home. */
  leftOnPurpose = $state(false);
  readonly #api: ApplianceApi;

  constructor(api: ApplianceApi) {
    this.#api = api;
  }

  /** Asks the server whether first-run setup is due, then who we are. Throws on network trouble. */
  async start(): Promise<void> {
    if (await this.#api.setupRequired()) {
      this.phase = 'needs-setup';
      return;
    }
    this.#signIn(await this.#api.me());
  }

  async login(username: string, password: string): Promise<void> {
    this.#signIn(await this.#api.login(username, password));
  }

  async setup(request: SetupRequest): Promise<void> {
    this.#signIn(await this.#api.setup(request));
  }

  async logout(): Promise<void> {
    try {
      await this.#api.logout();
    } finally {
      this.#signIn(null);
      this.leftOnPurpose = true;
    }
  }

  /** The server said 401: the session is gone. */
  expire(): void {
    if (this.phase === 'signed-in') this.#signIn(null);
  }

  can(permission: Permission): boolean {
    return this.me?.permissions.includes(permission) ?? false;
  }

  #signIn(me: Me | null): void {
    this.me = me;
    this.phase = me ? 'signed-in' : 'signed-out';
    this.leftOnPurpose = false;
  }
}
