/** Customers (a minimal table until the CRM). */
export * from './customers-repository.ts';
