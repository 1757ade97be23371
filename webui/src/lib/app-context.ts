import { createContext } from 'svelte';
import type { I18n } from '../i18n/i18n.svelte';
import type { ApplianceApi } from './api/appliance-api';
import type { Notices } from './notices.svelte';
import type { Router } from './router/router.svelte';
import type { Session } from './session/session.svelte';

/** What every page needs; created once in App.svelte and handed down by context. */
export interface AppContext {
  i18n: I18n;
  router: Router;
  api: ApplianceApi;
  session: Session;
  notices: Notices;
}

export const [getApp, setApp] = createContext<AppContext>();
