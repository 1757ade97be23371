/** Call history: CDR and recordings. */
export * from './cdr-repository.ts';
export * from './recordings-repository.ts';
export * from './cdr-writer.ts';
