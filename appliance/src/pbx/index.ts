/** The call model; for now the configuration of extensions, trunks and routes. */
export * from './destination.ts';
export * from './extensions-repository.ts';
export * from './routes-repository.ts';
export * from './routing/index.ts';
export * from './time-conditions/index.ts';
export * from './blacklist/index.ts';
export * from './trunks-repository.ts';
export * from './trunks/index.ts';
export * from './registrar/index.ts';
export * from './sip-endpoint/index.ts';
export * from './sip-guard/index.ts';
export * from './calls/index.ts';
