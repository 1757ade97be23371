import type { Migration } from '../migrate.ts';

/**
 * Per-extension call features a user changes from the phone (feature codes)
 * or the web: do-not-disturb, forwarding and call waiting. Kept apart from
 * the provisioned extension row, since they are the user's state, not the
 * administrator's configuration. No row means the defaults.
 */
export const callFeatures: Migration = {
  version: 3,
  name: 'call-features',
  sql: `
CREATE TABLE extension_features (
  extension_id INTEGER PRIMARY KEY REFERENCES extensions(id) ON DELETE CASCADE,
  dnd INTEGER NOT NULL DEFAULT 0,
  forward_always TEXT,
  forward_busy TEXT,
  forward_no_answer TEXT,
  no_answer_s INTEGER NOT NULL DEFAULT 25,
  call_waiting INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
`,
};
