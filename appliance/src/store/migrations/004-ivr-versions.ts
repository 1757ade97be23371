import type { Migration } from '../migrate.ts';

/**
 * Every saved version of every IVR. A call keeps the flow it started with,
 * so the versions a call may still be running, and the ones an
 * administrator may want to compare or return to, stay readable. The rows
 * that exist already become their IVR's first recorded version.
 */
export const ivrVersions: Migration = {
  version: 4,
  name: 'ivr-versions',
  sql: `
CREATE TABLE ivr_versions (
  ivr_id INTEGER NOT NULL REFERENCES ivrs(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ivr_id, version)
) WITHOUT ROWID;
INSERT INTO ivr_versions (ivr_id, version, definition, created_at)
  SELECT id, version, definition, updated_at FROM ivrs;
`,
};
