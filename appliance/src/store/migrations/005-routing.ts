import type { Migration } from '../migrate.ts';

/**
 * Routing rules beyond DID and caller pattern: time conditions (business
 * hours, holidays, make-up working days) as JSON definitions; the
 * blacklist; the imported mobile range table for caller regions; and per
 * extension the call permission class and the premium-number allowance
 * (toll-fraud guard: long distance, no premium, unless changed).
 *
 * inbound_routes is rebuilt because its uniqueness now includes the caller
 * area: one DID may send Zhejiang callers one way and Beijing callers
 * another. Ids are kept.
 */
export const routing: Migration = {
  version: 5,
  name: 'routing',
  sql: `
CREATE TABLE time_conditions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE blacklist (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL DEFAULT 'both' CHECK (direction IN ('inbound', 'outbound', 'both')),
  action TEXT NOT NULL DEFAULT 'reject' CHECK (action IN ('reject', 'play', 'hangup')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE mobile_prefixes (
  prefix TEXT PRIMARY KEY,
  region TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE inbound_routes_v5 (
  id INTEGER PRIMARY KEY,
  did TEXT NOT NULL,
  caller_pattern TEXT NOT NULL DEFAULT '',
  area TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL,
  time_condition_id INTEGER REFERENCES time_conditions(id) ON DELETE RESTRICT,
  after_hours TEXT NOT NULL DEFAULT '[]',
  announce_recording INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (did, caller_pattern, area)
);
INSERT INTO inbound_routes_v5 (id, did, caller_pattern, destination, created_at, updated_at)
  SELECT id, did, caller_pattern, destination, created_at, updated_at FROM inbound_routes;
DROP TABLE inbound_routes;
ALTER TABLE inbound_routes_v5 RENAME TO inbound_routes;
CREATE INDEX inbound_routes_time_condition ON inbound_routes(time_condition_id);

ALTER TABLE extensions ADD COLUMN call_permission TEXT NOT NULL DEFAULT 'long_distance'
  CHECK (call_permission IN ('internal', 'local', 'long_distance', 'international'));
ALTER TABLE extensions ADD COLUMN allow_premium INTEGER NOT NULL DEFAULT 0;
`,
};
