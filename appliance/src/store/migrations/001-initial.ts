import type { Migration } from '../migrate.ts';

/**
 * The first schema: access control, audit, configuration of the telephony
 * domains, and the history tables (CDR, recordings) that later issues fill.
 * Times are ISO 8601 UTC text; JSON columns hold small structured values.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE permissions (
  name TEXT PRIMARY KEY
);
CREATE TABLE role_permissions (
  role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  permission TEXT NOT NULL REFERENCES permissions(name) ON DELETE CASCADE,
  PRIMARY KEY (role_id, permission)
) WITHOUT ROWID;
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE RESTRICT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  source TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT,
  source TEXT,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE extensions (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  secret_enc TEXT NOT NULL,
  email TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  recording TEXT NOT NULL DEFAULT 'inherit',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE trunks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL DEFAULT 'sip',
  host TEXT NOT NULL,
  port INTEGER NOT NULL DEFAULT 5060,
  transport TEXT NOT NULL DEFAULT 'udp',
  username TEXT,
  secret_enc TEXT,
  register INTEGER NOT NULL DEFAULT 0,
  max_channels INTEGER,
  codecs TEXT NOT NULL DEFAULT '["PCMA","PCMU","telephone-event"]',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE queues (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  strategy TEXT NOT NULL,
  ring_timeout INTEGER NOT NULL DEFAULT 15,
  max_wait INTEGER NOT NULL DEFAULT 300,
  wrap_up INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE queue_members (
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  extension_id INTEGER NOT NULL REFERENCES extensions(id) ON DELETE RESTRICT,
  position INTEGER NOT NULL,
  penalty INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (queue_id, extension_id)
) WITHOUT ROWID;
CREATE TABLE ivrs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE inbound_routes (
  id INTEGER PRIMARY KEY,
  did TEXT NOT NULL,
  caller_pattern TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (did, caller_pattern)
);
CREATE TABLE outbound_routes (
  id INTEGER PRIMARY KEY,
  pattern TEXT NOT NULL UNIQUE,
  strip INTEGER NOT NULL DEFAULT 0,
  prepend TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE outbound_route_trunks (
  route_id INTEGER NOT NULL REFERENCES outbound_routes(id) ON DELETE CASCADE,
  trunk_id INTEGER NOT NULL REFERENCES trunks(id) ON DELETE RESTRICT,
  position INTEGER NOT NULL,
  PRIMARY KEY (route_id, trunk_id)
) WITHOUT ROWID;

CREATE TABLE recordings (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL,
  path TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'recording' CHECK (state IN ('recording', 'complete', 'recovered')),
  caller TEXT,
  callee TEXT,
  agent TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  duration_ms INTEGER,
  size_bytes INTEGER
);
CREATE INDEX recordings_call ON recordings(call_id);
CREATE TABLE cdr (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL UNIQUE,
  start TEXT NOT NULL,
  answer TEXT,
  end TEXT NOT NULL,
  from_number TEXT NOT NULL,
  to_number TEXT NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('answered', 'no_answer', 'busy', 'failed', 'abandoned')),
  agent TEXT,
  queue TEXT,
  recording_id INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
  hangup_cause TEXT,
  legs TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX cdr_start ON cdr(start);
CREATE INDEX cdr_agent_start ON cdr(agent, start);
CREATE INDEX cdr_queue_start ON cdr(queue, start);
`,
};
