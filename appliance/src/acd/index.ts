/** Queues and agents. */
export * from './queues-repository.ts';
export * from './core/index.ts';
export { AcdService, type AcdServiceDeps } from './runtime/acd-service.ts';
export { AcdCommands, type Actor } from './runtime/acd-commands.ts';
export type { AcdStatus } from './runtime/acd-status.ts';
export { AgentKeypad } from './runtime/agent-keypad.ts';
export { trackAgentCalls } from './runtime/call-tracker.ts';
export type * from './runtime/acd-ports.ts';
export * from './agents-repository.ts';
export * from './agent-state-log.ts';
export * from './queue-log.ts';
export * from './callbacks-repository.ts';
