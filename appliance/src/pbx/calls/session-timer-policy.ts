/**
 * RFC 4028 session timers as a pure decision: how long a session lasts
 * without a refresh, and which side refreshes. The box uses them to reap
 * calls whose far end vanished (power cut, crashed softphone, NAT gone):
 * without a refresh before expiry the call is torn down and its CDR says so.
 */
import type { SipMessage } from '../../sip/index.ts';

export type Refresher = 'uac' | 'uas';

export interface SessionTimerDecision {
  intervalS: number;
  /** Which side of this dialog refreshes. */
  refresher: Refresher;
  /** Headers for our 2xx (UAS) or null when the peer does not do timers and we say nothing. */
  headers: [string, string][];
}

export type UasTimerResult = { ok: true; decision: SessionTimerDecision } | { ok: false; status: 422; minSe: number };

export function parseSessionExpires(message: SipMessage): { intervalS: number; refresher: Refresher | null } | null {
  const raw = message.get('session-expires');
  if (raw === undefined) return null;
  const m = /^\s*(\d{1,10})\s*(?:;(.*))?$/.exec(raw);
  if (!m) return null;
  const refresher = /(?:^|;)\s*refresher\s*=\s*(uac|uas)\b/i.exec(m[2] ?? '')?.[1]?.toLowerCase() as Refresher | undefined;
  return { intervalS: Number(m[1]), refresher: refresher ?? null };
}

export function supportsTimer(message: SipMessage): boolean {
  return [...message.getAll('supported'), ...message.getAll('require')].some((v) =>
    v.split(',').some((t) => t.trim().toLowerCase() === 'timer'),
  );
}

/** §9: the box as UAS of an INVITE. */
export function decideAsUas(request: SipMessage, options: { intervalS: number; minSeS: number }): UasTimerResult {
  const asked = parseSessionExpires(request);
  const peerSupports = supportsTimer(request);
  if (asked !== null && asked.intervalS < options.minSeS) return { ok: false, status: 422, minSe: options.minSeS };
  const intervalS = asked === null ? options.intervalS : Math.min(asked.intervalS, options.intervalS);
  const refresher: Refresher = asked?.refresher ?? (peerSupports ? 'uac' : 'uas');
  const headers: [string, string][] = peerSupports
    ? [
        ['Session-Expires', `${intervalS};refresher=${refresher}`],
        ['Require', 'timer'],
      ]
    : [];
  return { ok: true, decision: { intervalS, refresher, headers } };
}

/** §7.2: the box as UAC, from the 2xx. Without a Session-Expires in it the peer does not do timers and the box refreshes. */
export function decideAsUac(response: SipMessage, offeredS: number): SessionTimerDecision {
  const given = parseSessionExpires(response);
  return { intervalS: given?.intervalS ?? offeredS, refresher: given?.refresher ?? 'uac', headers: [] };
}

/** When the side that does not refresh gives up (§10: the interval minus a third, at most 32 s). */
export function expiryMs(intervalS: number): number {
  return (intervalS - Math.min(32, intervalS / 3)) * 1000;
}

/** When the refresher sends its refresh: half the interval (§7.4, §9). */
export function refreshMs(intervalS: number): number {
  return (intervalS * 1000) / 2;
}
