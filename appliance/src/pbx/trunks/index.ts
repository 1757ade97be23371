/** SIP trunks at run time: registration to carriers, OPTIONS health, source-address identification, channels, status. */
export { ChannelCounter } from './channel-counter.ts';
export { afterPing, OptionsMonitor, type OptionsMonitorDeps, type PingOutcome, type PingTarget, type Reachability } from './options-monitor.ts';
export {
  RegistrationClient,
  type RegistrationAccount,
  type RegistrationClientDeps,
  type RegistrationView,
  type RequestSender,
} from './registration-client.ts';
export {
  DEFAULT_REGISTRATION_POLICY,
  type RegistrationFailure,
  type RegistrationPolicy,
  type RegistrationState,
  type RegistrationStatus,
} from './registration-machine.ts';
export { normalizeAddress, parseSourceRule, type SourceRule } from './source-rules.ts';
export {
  dnsResolver,
  type HostResolver,
  hostPort,
  type TrunkAccessView,
  TrunkDirectory,
  type TrunkDirectoryDeps,
  type TrunkLineView,
  type TrunkStore,
  trunkDomain,
} from './trunk-directory.ts';
export { DEFAULT_OPTIONS_INTERVAL_S, DEFAULT_REGISTER_EXPIRES, TrunkRuntime, type TrunkRuntimeDeps } from './trunk-runtime.ts';
export { type TrunkProblem, TrunkStatus } from './trunk-status.ts';
