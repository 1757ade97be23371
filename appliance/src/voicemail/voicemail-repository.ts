/**
 * Mailboxes and messages in SQLite. A mailbox is named by its extension's
 * number; an extension without a `voicemail_boxes` row has the defaults
 * (enabled, no PIN, no greeting). Files are not touched here: the message
 * store keeps them in step with the rows.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';
import { type Clock, isoTime } from '../system/index.ts';

export const MessageState = T.Union([T.Literal('new'), T.Literal('saved')]);
export type MessageState = Static<typeof MessageState>;

export const VoicemailMessage = T.Object({
  id: T.Integer(),
  mailbox: T.String({ description: 'extension number' }),
  caller_number: T.String({ description: 'empty when the caller withheld the number' }),
  caller_name: T.Union([T.String(), T.Null()]),
  called_at: T.String(),
  duration_ms: T.Integer(),
  state: MessageState,
  heard_at: T.Union([T.String(), T.Null()]),
});
export type VoicemailMessage = Static<typeof VoicemailMessage>;

export const Mailbox = T.Object({
  extension: T.String(),
  name: T.String(),
  enabled: T.Boolean(),
  has_pin: T.Boolean(),
  has_greeting: T.Boolean(),
  /** Where message emails go; null: the extension's own email, if any. */
  email: T.Union([T.String(), T.Null()]),
  attach_audio: T.Boolean(),
  /** Until when wrong PINs have locked the mailbox; null when open. */
  locked_until: T.Union([T.String(), T.Null()]),
  new_messages: T.Integer(),
  saved_messages: T.Integer(),
});
export type Mailbox = Static<typeof Mailbox>;

/** Everything the call flows need of one mailbox. */
export interface MailboxRecord {
  extensionId: number;
  number: string;
  name: string;
  enabled: boolean;
  pinHash: string | null;
  pinSalt: string | null;
  failedPins: number;
  /** Epoch ms, or null. */
  lockedUntil: number | null;
  /** Relative to the voicemail directory. */
  greetingPath: string | null;
  /** The mailbox's own address, else the extension's. */
  email: string | null;
  attachAudio: boolean;
}

export interface MailboxChanges {
  enabled?: boolean;
  email?: string | null;
  attach_audio?: boolean;
}

export interface NewMessage {
  mailbox: string;
  caller_number: string;
  caller_name: string | null;
  called_at: string;
  duration_ms: number;
  /** Relative to the voicemail directory. */
  path: string;
  call_id: string | null;
}

export interface MessageCounts {
  new: number;
  saved: number;
}

interface BoxRow {
  extension_id: number;
  number: string;
  name: string;
  ext_email: string | null;
  enabled: number | null;
  pin_hash: string | null;
  pin_salt: string | null;
  failed_pins: number | null;
  locked_until: string | null;
  greeting_path: string | null;
  email: string | null;
  attach_audio: number | null;
}

const BOX_SELECT = `SELECT e.id AS extension_id, e.number, e.name, e.email AS ext_email, b.enabled, b.pin_hash, b.pin_salt,
  b.failed_pins, b.locked_until, b.greeting_path, b.email, b.attach_audio
  FROM extensions e LEFT JOIN voicemail_boxes b ON b.extension_id = e.id`;

const MESSAGE_SELECT = `SELECT m.id, e.number AS mailbox, m.caller_number, m.caller_name, m.called_at, m.duration_ms, m.state, m.heard_at
  FROM voicemail_messages m JOIN extensions e ON e.id = m.extension_id`;

export class VoicemailRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The mailbox of extension `number`, or null when there is no such extension. */
  find(number: string): MailboxRecord | null {
    const row = this.db.query(`${BOX_SELECT} WHERE e.number = ?`).get(number) as BoxRow | null;
    return row ? toRecord(row) : null;
  }

  /**
   * Whether the extension's mailbox was set up (a row saved by an administrator or its owner) and is on.
   * Only those take the extension's unanswered calls: a box without voicemail set up keeps the
   * caller's busy / no-answer outcome, as phones and forwarding rules expect.
   */
  isSetUp(number: string): boolean {
    const row = this.db
      .query('SELECT b.enabled FROM voicemail_boxes b JOIN extensions e ON e.id = b.extension_id WHERE e.number = ?')
      .get(number) as { enabled: number } | null;
    return row !== null && row.enabled !== 0;
  }

  /** The mailbox as the API shows it; NotFoundError for an unknown extension. */
  get(number: string): Mailbox {
    const row = this.db.query(`${BOX_SELECT} WHERE e.number = ?`).get(number) as BoxRow | null;
    if (!row) throw new NotFoundError(`mailbox ${number}`);
    return this.toMailbox(row, this.counts(number));
  }

  list(): Mailbox[] {
    const counts = new Map<number, MessageCounts>();
    const rows = this.db.query('SELECT extension_id, state, count(*) AS n FROM voicemail_messages GROUP BY extension_id, state').all() as {
      extension_id: number;
      state: MessageState;
      n: number;
    }[];
    for (const r of rows) {
      const c = counts.get(r.extension_id) ?? { new: 0, saved: 0 };
      c[r.state] = r.n;
      counts.set(r.extension_id, c);
    }
    return (this.db.query(`${BOX_SELECT} ORDER BY e.number`).all() as BoxRow[]).map((row) =>
      this.toMailbox(row, counts.get(row.extension_id) ?? { new: 0, saved: 0 }),
    );
  }

  update(number: string, changes: MailboxChanges): Mailbox {
    const id = this.ensureRow(number);
    const row = this.db.query('SELECT enabled, email, attach_audio FROM voicemail_boxes WHERE extension_id = ?').get(id) as {
      enabled: number;
      email: string | null;
      attach_audio: number;
    };
    this.db
      .query('UPDATE voicemail_boxes SET enabled = ?, email = ?, attach_audio = ?, updated_at = ? WHERE extension_id = ?')
      .run(
        changes.enabled === undefined ? row.enabled : changes.enabled ? 1 : 0,
        changes.email === undefined ? row.email : changes.email,
        changes.attach_audio === undefined ? row.attach_audio : changes.attach_audio ? 1 : 0,
        isoTime(this.clock),
        id,
      );
    return this.get(number);
  }

  /** A new PIN (already hashed) or none; either way the failure count and any lock are cleared. */
  setPin(number: string, pin: { hash: string; salt: string } | null): void {
    const id = this.ensureRow(number);
    this.db
      .query('UPDATE voicemail_boxes SET pin_hash = ?, pin_salt = ?, failed_pins = 0, locked_until = NULL, updated_at = ? WHERE extension_id = ?')
      .run(pin?.hash ?? null, pin?.salt ?? null, isoTime(this.clock), id);
  }

  /** Counts a wrong PIN; the `max`-th in a row locks the box for `lockoutMs`. Returns whether it is now locked. */
  recordPinFailure(number: string, max: number, lockoutMs: number): boolean {
    const id = this.ensureRow(number);
    const row = this.db.query('UPDATE voicemail_boxes SET failed_pins = failed_pins + 1 WHERE extension_id = ? RETURNING failed_pins').get(id) as {
      failed_pins: number;
    };
    if (row.failed_pins < max) return false;
    const until = new Date(this.clock.now() + lockoutMs).toISOString();
    this.db.query('UPDATE voicemail_boxes SET failed_pins = 0, locked_until = ? WHERE extension_id = ?').run(until, id);
    return true;
  }

  clearPinFailures(number: string): void {
    this.db
      .query('UPDATE voicemail_boxes SET failed_pins = 0, locked_until = NULL WHERE extension_id = (SELECT id FROM extensions WHERE number = ?)')
      .run(number);
  }

  /** Sets the greeting file (or none); returns the previous one so the caller can remove it. */
  setGreeting(number: string, path: string | null): string | null {
    const id = this.ensureRow(number);
    const previous = this.db.query('SELECT greeting_path FROM voicemail_boxes WHERE extension_id = ?').get(id) as { greeting_path: string | null };
    this.db.query('UPDATE voicemail_boxes SET greeting_path = ?, updated_at = ? WHERE extension_id = ?').run(path, isoTime(this.clock), id);
    return previous.greeting_path;
  }

  counts(number: string): MessageCounts {
    const rows = this.db
      .query(
        `SELECT m.state, count(*) AS n FROM voicemail_messages m JOIN extensions e ON e.id = m.extension_id
         WHERE e.number = ? GROUP BY m.state`,
      )
      .all(number) as { state: MessageState; n: number }[];
    return { new: rows.find((r) => r.state === 'new')?.n ?? 0, saved: rows.find((r) => r.state === 'saved')?.n ?? 0 };
  }

  /**
   * Stores a message row. `beforeCommit` runs inside the transaction (the
   * message store moves the file into place there): when it throws, the row
   * is not kept, so a row never points at a file that is not there.
   */
  insertMessage(m: NewMessage, beforeCommit: () => void = () => {}): VoicemailMessage {
    const id = this.extensionId(m.mailbox);
    const inserted = this.db.transaction(() => {
      const row = this.db
        .query(
          `INSERT INTO voicemail_messages (extension_id, caller_number, caller_name, called_at, duration_ms, path, call_id)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(id, m.caller_number, m.caller_name, m.called_at, m.duration_ms, m.path, m.call_id) as { id: number };
      beforeCommit();
      return row.id;
    })();
    return this.message(inserted);
  }

  messageCount(number: string): number {
    const c = this.counts(number);
    return c.new + c.saved;
  }

  message(id: number): VoicemailMessage {
    const row = this.db.query(`${MESSAGE_SELECT} WHERE m.id = ?`).get(id) as VoicemailMessage | null;
    if (!row) throw new NotFoundError(`voicemail message ${id}`);
    return row;
  }

  /** Newest first, for the API. */
  messages(number: string, options: { state?: MessageState; limit: number; beforeId?: number }): VoicemailMessage[] {
    this.extensionId(number);
    return this.db
      .query(`${MESSAGE_SELECT} WHERE e.number = ?1 AND (?2 IS NULL OR m.state = ?2) AND (?3 IS NULL OR m.id < ?3) ORDER BY m.id DESC LIMIT ?4`)
      .all(number, options.state ?? null, options.beforeId ?? null, options.limit) as VoicemailMessage[];
  }

  /** The order a mailbox owner hears them in: new ones, then saved ones, oldest first in each. */
  listening(number: string): VoicemailMessage[] {
    return this.db
      .query(`${MESSAGE_SELECT} WHERE e.number = ? ORDER BY m.state = 'saved', m.called_at, m.id`)
      .all(number) as VoicemailMessage[];
  }

  /** The file of a message, relative to the voicemail directory. */
  pathOf(id: number): string {
    const row = this.db.query('SELECT path FROM voicemail_messages WHERE id = ?').get(id) as { path: string } | null;
    if (!row) throw new NotFoundError(`voicemail message ${id}`);
    return row.path;
  }

  markHeard(id: number): void {
    this.db.query('UPDATE voicemail_messages SET heard_at = coalesce(heard_at, ?) WHERE id = ?').run(isoTime(this.clock), id);
  }

  /** Returns false when the message was already in that state. */
  setState(id: number, state: MessageState): boolean {
    this.message(id);
    return this.db.query('UPDATE voicemail_messages SET state = ? WHERE id = ? AND state != ?').run(state, id, state).changes > 0;
  }

  deleteMessage(id: number): void {
    this.db.query('DELETE FROM voicemail_messages WHERE id = ?').run(id);
  }

  /** Messages left before `beforeIso`, oldest first (retention). */
  olderThan(beforeIso: string, limit: number): { id: number; mailbox: string; path: string }[] {
    return this.db
      .query(
        `SELECT m.id, e.number AS mailbox, m.path FROM voicemail_messages m JOIN extensions e ON e.id = m.extension_id
         WHERE m.called_at < ? ORDER BY m.called_at LIMIT ?`,
      )
      .all(beforeIso, limit) as { id: number; mailbox: string; path: string }[];
  }

  /** Every file a row points at (messages and greetings), for removing files left behind. */
  referencedPaths(): Set<string> {
    const rows = this.db
      .query('SELECT path FROM voicemail_messages UNION ALL SELECT greeting_path FROM voicemail_boxes WHERE greeting_path IS NOT NULL')
      .all() as { path: string }[];
    return new Set(rows.map((r) => r.path));
  }

  private extensionId(number: string): number {
    const row = this.db.query('SELECT id FROM extensions WHERE number = ?').get(number) as { id: number } | null;
    if (!row) throw new NotFoundError(`mailbox ${number}`);
    return row.id;
  }

  private ensureRow(number: string): number {
    const id = this.extensionId(number);
    this.db.query('INSERT OR IGNORE INTO voicemail_boxes (extension_id, updated_at) VALUES (?, ?)').run(id, isoTime(this.clock));
    return id;
  }

  private toMailbox(row: BoxRow, counts: MessageCounts): Mailbox {
    const locked = row.locked_until !== null && Date.parse(row.locked_until) > this.clock.now() ? row.locked_until : null;
    return {
      extension: row.number,
      name: row.name,
      enabled: row.enabled !== 0,
      has_pin: row.pin_hash !== null,
      has_greeting: row.greeting_path !== null,
      email: row.email,
      attach_audio: row.attach_audio !== 0,
      locked_until: locked,
      new_messages: counts.new,
      saved_messages: counts.saved,
    };
  }
}

function toRecord(row: BoxRow): MailboxRecord {
  return {
    extensionId: row.extension_id,
    number: row.number,
    name: row.name,
    enabled: row.enabled !== 0,
    pinHash: row.pin_hash,
    pinSalt: row.pin_salt,
    failedPins: row.failed_pins ?? 0,
    lockedUntil: row.locked_until === null ? null : Date.parse(row.locked_until),
    greetingPath: row.greeting_path,
    email: row.email ?? row.ext_email,
    attachAudio: row.attach_audio !== 0,
  };
}
