/**
 * Where a call from outside goes, as a pure decision:
 *   1. the blacklist (calls in) before anything else — no IVR, no queue;
 *   2. the inbound route: routes for the exact DID before the `_`
 *      catch-all; among those, a caller pattern beats a caller area, a
 *      city or area code beats a province, and any condition beats none;
 *      between two caller patterns the more specific one wins;
 *   3. the route's time condition: open (or none) → its destination;
 *      closed → its after-hours destinations, to be tried in turn.
 * A time condition that no longer exists counts as open: a call is better
 * delivered than dropped over a configuration slip.
 */
import type { BlacklistAction, BlacklistEntry } from '../blacklist/blacklist-entry.ts';
import type { Destination } from '../destination.ts';
import type { CompiledTimeCondition } from '../time-conditions/evaluate-time-condition.ts';
import { type Region, areaMatch } from './area-lookup.ts';
import { compareSpecificity, compileDialPattern, type CompiledDialPattern } from './dial-pattern.ts';
import { numberForms } from './national-number.ts';

export interface InboundRule {
  id: number;
  did: string;
  /** Caller pattern; '' for any caller. */
  caller: string;
  /** Caller region: area code, city or province; '' for any. */
  area: string;
  destination: Destination;
  time_condition: string | null;
  after_hours: readonly Destination[];
  announce_recording: boolean;
}

export interface InboundRequest {
  did: string;
  caller: string;
  at: Date;
}

export interface InboundContext {
  routes: readonly InboundRule[];
  homeAreaCode: string | null;
  /** The blacklist entry for calls in that blocks this caller, or null. */
  blacklisted(caller: string): BlacklistEntry | null;
  region(caller: string): Region | null;
  timeCondition(name: string): CompiledTimeCondition | null;
}

export type InboundResult =
  | {
      kind: 'blocked';
      action: BlacklistAction;
      /** The SIP final response for `reject` (603 Decline); null when the call is answered first. */
      sipStatus: 603 | null;
      /** A message text of the entry's own; null → the standard notice. */
      prompt: string | null;
      entry: BlacklistEntry;
    }
  | {
      kind: 'route';
      routeId: number;
      /** Tried in turn: the route's destination, or its after-hours list when closed. */
      destinations: Destination[];
      /** null when the route has no time condition. */
      open: boolean | null;
      timeCondition: string | null;
      announceRecording: boolean;
      region: Region | null;
    }
  | { kind: 'none'; region: Region | null };

interface Candidate {
  rule: InboundRule;
  exactDid: boolean;
  caller: CompiledDialPattern | null;
  areaLevel: 0 | 1 | 2;
}

export function routeInbound(req: InboundRequest, ctx: InboundContext): InboundResult {
  const entry = ctx.blacklisted(req.caller);
  if (entry) return { kind: 'blocked', action: entry.action, sipStatus: entry.action === 'reject' ? 603 : null, prompt: null, entry };

  const didForms = numberForms(req.did, null);
  const callerForms = numberForms(req.caller, ctx.homeAreaCode);
  const region = ctx.routes.some((r) => r.area !== '') ? ctx.region(req.caller) : null;
  const candidates: Candidate[] = [];
  for (const rule of ctx.routes) {
    const exactDid = didForms.includes(rule.did);
    if (!exactDid && rule.did !== '_') continue;
    const caller = rule.caller === '' ? null : compileDialPattern(rule.caller);
    if (caller && !callerForms.some((f) => caller.matches(f))) continue;
    const areaLevel = rule.area === '' ? 0 : areaMatch(region, rule.area);
    if (rule.area !== '' && areaLevel === 0) continue;
    candidates.push({ rule, exactDid, caller, areaLevel });
  }
  const best = candidates.sort(bySpecificity)[0];
  if (!best) return { kind: 'none', region };

  const { rule } = best;
  const condition = rule.time_condition === null ? null : ctx.timeCondition(rule.time_condition);
  const open = rule.time_condition === null ? null : (condition?.isOpen(req.at) ?? true);
  return {
    kind: 'route',
    routeId: rule.id,
    destinations: open === false ? [...rule.after_hours] : [rule.destination],
    open,
    timeCondition: rule.time_condition,
    announceRecording: rule.announce_recording,
    region,
  };
}

/** Most specific first; the id settles what the rules do not, so the choice is stable. */
function bySpecificity(a: Candidate, b: Candidate): number {
  if (a.exactDid !== b.exactDid) return a.exactDid ? -1 : 1;
  if ((a.caller === null) !== (b.caller === null)) return a.caller ? -1 : 1;
  if (a.caller && b.caller) {
    const c = compareSpecificity(a.caller, b.caller);
    if (c !== 0) return c;
  }
  if (a.areaLevel !== b.areaLevel) return b.areaLevel - a.areaLevel;
  return a.rule.id - b.rule.id;
}
