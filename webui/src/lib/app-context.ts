import { createContext } from 'svelte';
import type { I18n } from '../i18n/i18n.svelte';
import type { ApplianceApi } from './api/appliance-api';
import type { EventStream } from './events/event-stream.svelte';
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
  /** The one WebSocket to /api/events, open while the signed-in user may subscribe. */
  eventStream: EventStream;
}

export const [getApp, setApp] = createContext<AppContext>();
