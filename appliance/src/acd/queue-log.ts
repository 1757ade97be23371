/**
 * The queue log: what happened to every call in a queue — entered,
 * ringing an agent, answered (wait), abandoned (wait and position: the 呼损
 * record), timed out, completed (talk time) and the rest. Reports and
 * last-agent routing read it. Written in batches: `writeMany` is one
 * transaction.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { logFilter } from './log-filter.ts';

export const QUEUE_LOG_EVENTS = [
  'entered',
  'ringing',
  'ring_failed',
  'answered',
  'abandoned',
  'timeout',
  'overflow',
  'transferred',
  'completed',
  'callback_requested',
  'callback_dialed',
  'message',
  'moved',
] as const;

export const QueueLogRow = T.Object({
  id: T.Integer(),
  at: T.String(),
  queue: T.String(),
  call_id: T.String(),
  event: T.String({ description: QUEUE_LOG_EVENTS.join(', ') }),
  caller: T.String(),
  agent: T.Union([T.String(), T.Null()]),
  position: T.Union([T.Integer(), T.Null()]),
  wait_ms: T.Union([T.Integer(), T.Null()]),
  talk_ms: T.Union([T.Integer(), T.Null()]),
  detail: T.Union([T.String(), T.Null()]),
});
export type QueueLogRow = Static<typeof QueueLogRow>;
export type NewQueueLogRow = Omit<QueueLogRow, 'id'>;

export interface QueueLogQuery {
  queue?: string;
  event?: string;
  callId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export class QueueLog {
  constructor(private readonly db: Database) {}

  write(row: NewQueueLogRow): void {
    this.writeMany([row]);
  }

  writeMany(rows: readonly NewQueueLogRow[]): void {
    const insert = this.db.query(
      'INSERT INTO queue_log (at, queue, call_id, event, caller, agent, position, wait_ms, talk_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const r of rows) insert.run(r.at, r.queue, r.call_id, r.event, r.caller, r.agent, r.position, r.wait_ms, r.talk_ms, r.detail);
    })();
  }

  /** Oldest first, so a call's story reads in order; `limit` keeps the newest. */
  list(q: QueueLogQuery = {}): QueueLogRow[] {
    const { where, args } = logFilter([
      ['queue = ?', q.queue],
      ['event = ?', q.event],
      ['call_id = ?', q.callId],
      ['at >= ?', q.from],
      ['at < ?', q.to],
    ]);
    const rows = this.db.query(`SELECT * FROM queue_log ${where} ORDER BY id DESC LIMIT ?`).all(...args, Math.min(q.limit ?? 1000, 10_000)) as QueueLogRow[];
    return rows.reverse();
  }

  /** The agent who last answered this caller since `sinceIso` (last-agent routing), or null. */
  lastAgentFor(caller: string, sinceIso: string): string | null {
    const row = this.db
      .query("SELECT agent FROM queue_log WHERE caller = ? AND event = 'answered' AND at >= ? ORDER BY id DESC LIMIT 1")
      .get(caller, sinceIso) as { agent: string | null } | null;
    return row?.agent ?? null;
  }
}
