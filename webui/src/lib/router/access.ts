import type { SessionPhase } from '../session/session.svelte';
import { safeNextPath } from './navigation';

/**
 * Where to send the user when the page does not fit the session: setup first,
 * then login (remembering where they were going), and away from login once signed in.
 * `pagePhase` is the phase the page is for; null while the session is still starting.
 */
export function accessRedirect(options: {
  phase: SessionPhase;
  pagePhase: Exclude<SessionPhase, 'starting'>;
  path: string;
  search: string;
}): string | null {
  const { phase, pagePhase, path, search } = options;
  if (phase === 'starting' || phase === pagePhase) return null;
  if (phase === 'needs-setup') return `/setup${pagePhase === 'needs-setup' ? '' : tokenQuery(search)}`;
  if (phase === 'signed-out') {
    const here = path + search;
    return here === '/' || pagePhase !== 'signed-in' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
  }
  return safeNextPath(new URLSearchParams(search).get('next'));
}

/** A `?token=` given on another page still reaches the setup form. */
function tokenQuery(search: string): string {
  const token = new URLSearchParams(search).get('token');
  return token ? `?token=${encodeURIComponent(token)}` : '';
}
