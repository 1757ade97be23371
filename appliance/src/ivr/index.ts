/** IVR flows: storage with versions, validation, and the runner calls go through. */
export * from './ivr-schema.ts';
export * from './ivrs-repository.ts';
export * from './check-ivr.ts';
export * from './ivr-engine.ts';
export { FlowRunner, DEFAULT_MAX_STEPS } from './flow/flow-runner.ts';
export type { FetchFn, FlowOutcome, FlowRunnerDeps, FlowSource, LoadedFlow } from './flow/flow-session.ts';
export { Flow, FlowNode, FlowPrompt, IvrFlowDefinition, NODE_TYPES, type NodeType } from './flow/flow-schema.ts';
export { type FlowIssue, type FlowLookups, validateFlow } from './flow/validate-flow.ts';
export { menuToFlow } from './flow/menu-to-flow.ts';
export * from './speech/index.ts';
