import type { Migration } from '../migrate.ts';

/**
 * Registrar state that must survive a restart: the location service's
 * bindings (so phones stay reachable) and the SIP bans (so a scanner stays
 * out). Times are epoch milliseconds: these rows are read by code, not people.
 */
export const registrations: Migration = {
  version: 2,
  name: 'registrations',
  sql: `
CREATE TABLE registrations (
  aor TEXT NOT NULL,
  contact TEXT NOT NULL,
  call_id TEXT NOT NULL,
  cseq INTEGER NOT NULL,
  q REAL,
  expires_at INTEGER NOT NULL,
  registered_at INTEGER NOT NULL,
  source_protocol TEXT NOT NULL,
  source_address TEXT NOT NULL,
  source_port INTEGER NOT NULL,
  user_agent TEXT,
  PRIMARY KEY (aor, contact)
) WITHOUT ROWID;
CREATE INDEX registrations_expiry ON registrations(expires_at);
CREATE TABLE sip_bans (
  address TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  banned_at INTEGER NOT NULL,
  until INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
