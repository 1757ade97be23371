/**
 * The routing decisions over the stored configuration: reads routes,
 * rights, blacklist, time conditions and the home area code, and hands them
 * to the pure routers. `outbound` / `inbound` answer in the shape the call
 * layer asks for (pbx/calls CallRouting); `planOutbound` / `planInbound`
 * give the full decision, for the API's "test a number".
 */
import type { BlacklistRepository } from '../blacklist/blacklist-repository.ts';
import type { Destination } from '../destination.ts';
import type { ExtensionsRepository } from '../extensions-repository.ts';
import type { RoutesRepository } from '../routes-repository.ts';
import type { TimeConditionsRepository } from '../time-conditions/time-conditions-repository.ts';
import type { Clock, SettingsRepository } from '../../system/index.ts';
import { AreaLookup, type MobileRegions } from './area-lookup.ts';
import { type InboundResult, routeInbound } from './inbound-router.ts';
import { type OutboundResult, routeOutbound } from './outbound-router.ts';

export interface RoutingServiceDeps {
  routes: RoutesRepository;
  extensions: ExtensionsRepository;
  blacklist: BlacklistRepository;
  timeConditions: TimeConditionsRepository;
  mobilePrefixes: MobileRegions;
  settings: SettingsRepository;
  clock: Clock;
}

/** A number dialled out, as the call layer needs it. */
export type OutboundDecision =
  | { ok: true; number: string; trunks: string[]; routeId: number }
  | { ok: false; status: 403 | 404; reason: 'no_route' | 'not_permitted' | 'blacklisted'; message: { zh: string; en: string } };

/** A call in, as the call layer needs it. */
export type InboundDecision =
  | { kind: 'blocked'; action: 'reject' | 'hangup' | 'play'; prompt: string | null }
  | { kind: 'route'; destinations: Destination[]; announceRecording: boolean; routeId: number }
  | { kind: 'none' };

export class RoutingService {
  private readonly areas: AreaLookup;

  constructor(private readonly deps: RoutingServiceDeps) {
    this.areas = new AreaLookup(deps.mobilePrefixes);
  }

  homeAreaCode(): string | null {
    return this.deps.settings.get('routing').home_area_code;
  }

  /**
   * A number dialled by an extension (its rights apply; an unknown caller
   * gets the lowest class), or with callerExtension null a destination an
   * administrator configured, which is trusted.
   */
  planOutbound(dialled: string, callerExtension: string | null): OutboundResult {
    const home = this.homeAreaCode();
    const rights = callerExtension === null ? null : (this.deps.extensions.rightsOf(callerExtension) ?? { call_permission: 'internal', allow_premium: false });
    return routeOutbound(
      { dialled, rights, caller: callerExtension },
      {
        routes: this.deps.routes.listOutbound(),
        classify: { homeAreaCode: home, isExtension: (n) => this.deps.extensions.findByNumber(n) !== null },
        blacklisted: (n) => this.deps.blacklist.check(n, 'outbound', home),
      },
    );
  }

  planInbound(did: string, caller: string, at: Date = new Date(this.deps.clock.now())): InboundResult {
    const home = this.homeAreaCode();
    return routeInbound(
      { did, caller, at },
      {
        routes: this.deps.routes.listInbound(),
        homeAreaCode: home,
        blacklisted: (n) => this.deps.blacklist.check(n, 'inbound', home),
        region: (n) => this.areas.lookup(n, home),
        timeCondition: (name) => this.deps.timeConditions.compiled(name),
      },
    );
  }

  /** The region a caller number is from, or null. */
  region(caller: string) {
    return this.areas.lookup(caller, this.homeAreaCode());
  }

  outbound(dialled: string, callerExtension: string | null): OutboundDecision {
    const r = this.planOutbound(dialled, callerExtension);
    return r.ok
      ? { ok: true, number: r.number, trunks: r.trunks, routeId: r.routeId }
      : { ok: false, status: r.sipStatus, reason: r.reason, message: r.message };
  }

  inbound(did: string, caller: string): InboundDecision {
    const r = this.planInbound(did, caller);
    if (r.kind === 'blocked') return { kind: 'blocked', action: r.action, prompt: r.prompt };
    if (r.kind === 'route') return { kind: 'route', destinations: r.destinations, announceRecording: r.announceRecording, routeId: r.routeId };
    return { kind: 'none' };
  }
}
