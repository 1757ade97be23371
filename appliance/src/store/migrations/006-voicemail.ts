import type { Migration } from '../migrate.ts';

/**
 * Voicemail (语音信箱). A mailbox belongs to an extension; an extension
 * without a row has an enabled mailbox with no PIN, so creating an
 * extension needs nothing here. The PIN is kept as a salted scrypt hash;
 * since PINs are short, failed attempts are counted and lock the box for a
 * while. Messages are WAV files under `<data>/voicemail/`, `path` relative
 * to it. Both tables follow their extension out (ON DELETE CASCADE); files
 * left behind are removed by the voicemail sweep.
 */
export const voicemail: Migration = {
  version: 6,
  name: 'voicemail',
  sql: `
CREATE TABLE voicemail_boxes (
  extension_id INTEGER PRIMARY KEY REFERENCES extensions(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL DEFAULT 1,
  pin_hash TEXT,
  pin_salt TEXT,
  failed_pins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  greeting_path TEXT,
  email TEXT,
  attach_audio INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE TABLE voicemail_messages (
  id INTEGER PRIMARY KEY,
  extension_id INTEGER NOT NULL REFERENCES extensions(id) ON DELETE CASCADE,
  caller_number TEXT NOT NULL DEFAULT '',
  caller_name TEXT,
  called_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  path TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'saved')),
  heard_at TEXT,
  call_id TEXT
);
CREATE INDEX voicemail_messages_box ON voicemail_messages(extension_id, state, called_at);
CREATE INDEX voicemail_messages_called_at ON voicemail_messages(called_at);
`,
};
