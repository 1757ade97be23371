/**
 * The agent state log: one row per state an agent was in, opened when the
 * state began and closed (end time, duration) when the next began, so the
 * agent reports sum durations without pairing rows up. Written in batches
 * (the ACD queues entries behind a short timer): `writeMany` is one
 * transaction.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { logFilter } from './log-filter.ts';

export interface AgentStateEntry {
  agent: string;
  state: string;
  reason: string | null;
  queue: string | null;
  callId: string | null;
  /** ISO time the state began. */
  at: string;
}

export const AgentStateRow = T.Object({
  id: T.Integer(),
  agent: T.String(),
  state: T.String(),
  reason: T.Union([T.String(), T.Null()]),
  queue: T.Union([T.String(), T.Null()]),
  call_id: T.Union([T.String(), T.Null()]),
  started_at: T.String(),
  ended_at: T.Union([T.String(), T.Null()]),
  duration_ms: T.Union([T.Integer(), T.Null()]),
});
export type AgentStateRow = Static<typeof AgentStateRow>;

export interface AgentStateQuery {
  agent?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export class AgentStateLog {
  constructor(private readonly db: Database) {}

  open(entry: AgentStateEntry): void {
    this.writeMany([entry]);
  }

  writeMany(entries: readonly AgentStateEntry[]): void {
    const close = this.db.query(
      `UPDATE agent_state_log SET ended_at = ?1, duration_ms = CAST(ROUND((julianday(?1) - julianday(started_at)) * 86400000) AS INTEGER)
       WHERE agent = ?2 AND ended_at IS NULL`,
    );
    const insert = this.db.query('INSERT INTO agent_state_log (agent, state, reason, queue, call_id, started_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const e of entries) {
        close.run(e.at, e.agent);
        insert.run(e.agent, e.state, e.reason, e.queue, e.callId, e.at);
      }
    })();
  }

  list(q: AgentStateQuery = {}): AgentStateRow[] {
    const { where, args } = logFilter([
      ['agent = ?', q.agent],
      ['started_at >= ?', q.from],
      ['started_at < ?', q.to],
    ]);
    return this.db
      .query(`SELECT * FROM agent_state_log ${where} ORDER BY id DESC LIMIT ?`)
      .all(...args, Math.min(q.limit ?? 500, 10_000)) as AgentStateRow[];
  }
}
