/** Callback requests (回呼): a caller's number kept with their place in line until an agent calls back. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';

export const Callback = T.Object({
  id: T.Integer(),
  queue: T.String(),
  number: T.String(),
  call_id: T.String(),
  entered_at: T.String(),
  requested_at: T.String(),
  state: T.String({ description: 'waiting, dialing, done, failed, cancelled' }),
  agent: T.Union([T.String(), T.Null()]),
  attempts: T.Integer(),
  updated_at: T.String(),
});
export type Callback = Static<typeof Callback>;
export type CallbackState = 'waiting' | 'dialing' | 'done' | 'failed' | 'cancelled';

export class CallbacksRepository {
  constructor(private readonly db: Database) {}

  create(c: { queue: string; number: string; call_id: string; entered_at: string; requested_at: string }): number {
    const row = this.db
      .query('INSERT INTO acd_callbacks (queue, number, call_id, entered_at, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .get(c.queue, c.number, c.call_id, c.entered_at, c.requested_at, c.requested_at) as { id: number };
    return row.id;
  }

  /** Not yet made: waiting, or being dialled when the box stopped. */
  waiting(): Callback[] {
    return this.db.query("SELECT * FROM acd_callbacks WHERE state IN ('waiting', 'dialing') ORDER BY entered_at").all() as Callback[];
  }

  update(id: number, changes: { state?: CallbackState; agent?: string; attempts?: number }, at: string): void {
    this.db
      .query('UPDATE acd_callbacks SET state = COALESCE(?, state), agent = COALESCE(?, agent), attempts = COALESCE(?, attempts), updated_at = ? WHERE id = ?')
      .run(changes.state ?? null, changes.agent ?? null, changes.attempts ?? null, at, id);
  }

  list(limit = 500): Callback[] {
    return this.db.query('SELECT * FROM acd_callbacks ORDER BY id DESC LIMIT ?').all(Math.min(limit, 10_000)) as Callback[];
  }
}
