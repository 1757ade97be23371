
export * from './config.ts';
