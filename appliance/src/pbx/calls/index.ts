/** Calls through the box: the B2BUA, its legs, features, transfers, recording and records. */
export type { CallContext, CallTimers } from './call-context.ts';
export { CallFeatures, CallFeaturesRepository, CallFeaturesUpdate, DEFAULT_CALL_FEATURES } from './call-features-repository.ts';
export { CallRecorder, type CallRecorderDeps, type ExtensionRecording } from './call-recorder.ts';
export { CallService, type CallServiceDeps, type LiveCall } from './call-service.ts';
export { FEATURE_CODES, type FeatureCode } from './feature-codes.ts';
export { DigestInviteAuthenticator, type InviteAuthenticator } from './invite-authenticator.ts';
export * from './caller-port.ts';
export * from './queue-ports.ts';
export type { RingOutcome } from './ring-outcome.ts';
