/** Metadata of call recordings; the audio itself is a WAV file under the data directory. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';

export const Recording = T.Object({
  id: T.Integer(),
  call_id: T.String(),
  state: T.Union([T.Literal('recording'), T.Literal('complete'), T.Literal('recovered')]),
  caller: T.Union([T.String(), T.Null()]),
  callee: T.Union([T.String(), T.Null()]),
  agent: T.Union([T.String(), T.Null()]),
  started_at: T.String(),
  ended_at: T.Union([T.String(), T.Null()]),
  duration_ms: T.Union([T.Integer(), T.Null()]),
  size_bytes: T.Union([T.Integer(), T.Null()]),
});
export type Recording = Static<typeof Recording>;

export class RecordingsRepository {
  constructor(private readonly db: Database) {}

  list(options: { limit: number; beforeId?: number }): Recording[] {
    return this.db
      .query(
        `SELECT id, call_id, state, caller, callee, agent, started_at, ended_at, duration_ms, size_bytes
         FROM recordings WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2`,
      )
      .all(options.beforeId ?? null, options.limit) as Recording[];
  }

  /** The file path of a recording, relative to the recordings directory. */
  pathOf(id: number): string {
    const row = this.db.query('SELECT path FROM recordings WHERE id = ?').get(id) as { path: string } | null;
    if (!row) throw new NotFoundError(`recording ${id}`);
    return row.path;
  }
}
