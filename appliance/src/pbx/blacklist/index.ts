/** The blacklist: numbers, prefixes and patterns refused in, out or both; CSV import and export. */
export * from './blacklist-entry.ts';
export * from './blacklist-matcher.ts';
export * from './blacklist-csv.ts';
export * from './blacklist-repository.ts';
