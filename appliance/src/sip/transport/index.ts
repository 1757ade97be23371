export * from './transport-types.ts';
