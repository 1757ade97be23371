export { type SipBan, BansRepository } from './bans-repository.ts';
export { isScannerAgent } from './scanner-agents.ts';
export { type GuardStats, SipGuard, type SipGuardDeps } from './sip-guard.ts';
