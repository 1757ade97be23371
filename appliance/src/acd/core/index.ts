/**
 * The pure core of the ACD: the agent state machine, the distribution
 * strategies, the waiting list, the distributor and wait estimates. No I/O,
 * no clock, no randomness of its own; acd/runtime is the shell around it.
 */
export * from './agent-state.ts';
export * from './distributor.ts';
export * from './estimate-wait.ts';
export * from './strategies.ts';
export * from './waiting-list.ts';
