/** Metadata of call recordings; the audio itself is a WAV file under the recordings directory. */
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

export interface NewRecording {
  call_id: string;
  /** Relative to the recordings directory. */
  path: string;
  caller: string | null;
  callee: string | null;
  agent: string | null;
  started_at: string;
}

export interface FinishedRecording {
  ended_at: string;
  duration_ms: number;
  size_bytes: number;
}

const COLUMNS = 'id, call_id, state, caller, callee, agent, started_at, ended_at, duration_ms, size_bytes';

export class RecordingsRepository {
  constructor(private readonly db: Database) {}

  list(options: { limit: number; beforeId?: number }): Recording[] {
    return this.db
      .query(`SELECT ${COLUMNS} FROM recordings WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2`)
      .all(options.beforeId ?? null, options.limit) as Recording[];
  }

  get(id: number): Recording {
    const row = this.db.query(`SELECT ${COLUMNS} FROM recordings WHERE id = ?`).get(id) as Recording | null;
    if (!row) throw new NotFoundError(`recording ${id}`);
    return row;
  }

  /** The file path of a recording, relative to the recordings directory. */
  pathOf(id: number): string {
    const row = this.db.query('SELECT path FROM recordings WHERE id = ?').get(id) as { path: string } | null;
    if (!row) throw new NotFoundError(`recording ${id}`);
    return row.path;
  }

  /** A recording that has started: the row exists before the first byte, so a crash leaves a trace to recover. */
  start(recording: NewRecording): number {
    const row = this.db
      .query(
        `INSERT INTO recordings (call_id, path, state, caller, callee, agent, started_at)
         VALUES (?, ?, 'recording', ?, ?, ?, ?) RETURNING id`,
      )
      .get(recording.call_id, recording.path, recording.caller, recording.callee, recording.agent, recording.started_at) as { id: number };
    return row.id;
  }

  finish(id: number, done: FinishedRecording, state: 'complete' | 'recovered' = 'complete'): void {
    this.db
      .query('UPDATE recordings SET state = ?, ended_at = ?, duration_ms = ?, size_bytes = ? WHERE id = ?')
      .run(state, done.ended_at, done.duration_ms, done.size_bytes, id);
  }

  /** Recordings a crash interrupted: still 'recording' when the box starts. */
  unfinished(): { id: number; path: string; started_at: string }[] {
    return this.db.query("SELECT id, path, started_at FROM recordings WHERE state = 'recording'").all() as {
      id: number;
      path: string;
      started_at: string;
    }[];
  }

  /** Finished recordings that started before `beforeIso`, oldest first (retention). */
  olderThan(beforeIso: string, limit: number): { id: number; path: string }[] {
    return this.db
      .query("SELECT id, path FROM recordings WHERE state != 'recording' AND started_at < ? ORDER BY id LIMIT ?")
      .all(beforeIso, limit) as { id: number; path: string }[];
  }

  delete(id: number): void {
    this.db.query('DELETE FROM recordings WHERE id = ?').run(id);
  }
}
