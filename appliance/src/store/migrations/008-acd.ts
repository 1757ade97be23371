import type { Migration } from '../migrate.ts';

/**
 * The ACD: agents (people with a work number, 工号), their logins that must
 * survive a restart, queue membership of agents (with penalty, skill and a
 * time condition for membership by time of day), the agent state log and
 * the queue log the reports are built from, callback requests, and a
 * minimal customer table (owner agent for customer-owner routing) until
 * the CRM comes.
 */
export const acd: Migration = {
  version: 8,
  name: 'acd',
  sql: `
CREATE TABLE agents (
  id INTEGER PRIMARY KEY,
  work_number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  pin_hash TEXT,
  user_id INTEGER UNIQUE REFERENCES users(id) ON DELETE SET NULL,
  auto_answer INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE agent_sessions (
  agent_id INTEGER PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
  extension TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('available', 'paused')),
  pause_reason TEXT,
  logged_in_at TEXT NOT NULL,
  since TEXT NOT NULL
);
CREATE TABLE queue_agents (
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE RESTRICT,
  penalty INTEGER NOT NULL DEFAULT 0,
  skill INTEGER NOT NULL DEFAULT 5,
  time_condition TEXT,
  position INTEGER NOT NULL,
  PRIMARY KEY (queue_id, agent_id)
) WITHOUT ROWID;
CREATE TABLE agent_state_log (
  id INTEGER PRIMARY KEY,
  agent TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  queue TEXT,
  call_id TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  duration_ms INTEGER
);
CREATE INDEX agent_state_log_agent ON agent_state_log(agent, started_at);
CREATE INDEX agent_state_log_start ON agent_state_log(started_at);
CREATE TABLE queue_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  queue TEXT NOT NULL,
  call_id TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('entered', 'ringing', 'ring_failed', 'answered', 'abandoned', 'timeout', 'overflow',
    'transferred', 'completed', 'callback_requested', 'callback_dialed', 'message', 'moved')),
  caller TEXT NOT NULL,
  agent TEXT,
  position INTEGER,
  wait_ms INTEGER,
  talk_ms INTEGER,
  detail TEXT
);
CREATE INDEX queue_log_queue ON queue_log(queue, at);
CREATE INDEX queue_log_at ON queue_log(at);
CREATE INDEX queue_log_caller ON queue_log(caller, id);
CREATE TABLE acd_callbacks (
  id INTEGER PRIMARY KEY,
  queue TEXT NOT NULL,
  number TEXT NOT NULL,
  call_id TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'dialing', 'done', 'failed', 'cancelled')),
  agent TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE INDEX acd_callbacks_state ON acd_callbacks(state, queue);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  number TEXT NOT NULL,
  owner TEXT,
  level TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX customers_number ON customers(number);
`,
};
