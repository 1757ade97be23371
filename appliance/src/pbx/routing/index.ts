/** Routing decisions: dial patterns, number classes and call permissions, caller regions, the inbound and outbound routers. */
export { type AreaCode, builtinAreaCodes } from './area-codes.ts';
export { AreaLookup, areaMatch, type MobileRegions, type Region } from './area-lookup.ts';
export { type CsvResult, type CsvRow, decodeCsv, parseCsv, toCsv } from './csv.ts';
export { type CompiledDialPattern, compareSpecificity, compileDialPattern, mostSpecific, type PatternResult, parseDialPattern } from './dial-pattern.ts';
export { type InboundContext, type InboundRequest, type InboundResult, type InboundRule, routeInbound } from './inbound-router.ts';
export { MobilePrefixesRepository } from './mobile-prefixes-repository.ts';
export { nationalForm, numberForms } from './national-number.ts';
export {
  CALL_PERMISSIONS,
  type CallPermission,
  type CallRights,
  type ClassifyContext,
  classifyNumber,
  type NumberClass,
  type NumberKind,
  permits,
} from './number-class.ts';
export { type Message, type OutboundContext, type OutboundRequest, type OutboundResult, type OutboundRule, routeOutbound, TRUSTED_RIGHTS } from './outbound-router.ts';
export { type InboundDecision, type OutboundDecision, RoutingService, type RoutingServiceDeps } from './routing-service.ts';
