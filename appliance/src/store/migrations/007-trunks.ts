import type { Migration } from '../migrate.ts';

/**
 * What trunks need beyond where they are: the caller number presented on
 * each (the business number), the domain a carrier wants in From/To when it
 * differs from its host, the REGISTER expiry asked for, the OPTIONS ping
 * interval, and further source addresses a peer trunk's calls come from (a
 * JSON array of address[:port], a.b.c.d/n or host names). NULL means the
 * built-in default.
 */
export const trunkOptions: Migration = {
  version: 7,
  name: 'trunks',
  sql: `
ALTER TABLE trunks ADD COLUMN caller_id TEXT;
ALTER TABLE trunks ADD COLUMN from_domain TEXT;
ALTER TABLE trunks ADD COLUMN register_expires INTEGER;
ALTER TABLE trunks ADD COLUMN options_interval_s INTEGER;
ALTER TABLE trunks ADD COLUMN match TEXT NOT NULL DEFAULT '[]';
`,
};
