/** Queues and agents. */
export * from './queues-repository.ts';
