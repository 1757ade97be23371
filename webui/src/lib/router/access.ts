import type { SessionPhase } from '../session/session-phase';
import { safeNextPath } from './navigation';

/**
 * Where to send the user when the page does not fit the session: setup first,
 * then login (remembering where they were going), and away from login once signed in.
 * `pagePhase` is the phase the page is for; `rememberPage` is false after an explicit logout.
 */
export function accessRedirect(options: {
  phase: SessionPhase;
  pagePhase: Exclude<SessionPhase, 'starting'>;
  path: string;
  search: string;
  rememberPage?: boolean;
}): string | null {
  const { phase, pagePhase, path, search, rememberPage = true } = options;
  if (phase === 'starting' || phase === pagePhase) return null;
  if (phase === 'needs-setup') return `/setup${pagePhase === 'needs-setup' ? '' : tokenQuery(search)}`;
  if (phase === 'signed-out') {
    const here = path + search;
    const remember = rememberPage && here !== '/' && pagePhase === 'signed-in';
    return remember ? `/login?next=${encodeURIComponent(here)}` : '/login';
  }
  return safeNextPath(new URLSearchParams(search).get('next'));
}

/** A `?token=` given on another page still reaches the setup form. */
function tokenQuery(search: string): string {
  const token = new URLSearchParams(search).get('token');
  return token ? `?token=${encodeURIComponent(token)}` : '';
}
