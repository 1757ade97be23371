/**
 * Call detail records, one per call, in the shape CONTRACT.md promises.
 * Calls write them (a later issue); this module reads and writes rows.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';

export const DISPOSITIONS = ['answered', 'no_answer', 'busy', 'failed', 'abandoned'] as const;
const nullable = <S extends ReturnType<typeof T.String>>(s: S) => T.Union([s, T.Null()]);

export const CallLeg = T.Object({
  channel: T.String(),
  peer: T.String(),
  start: T.String(),
  answer: nullable(T.String()),
  end: T.String(),
});

export const Cdr = T.Object({
  id: T.Integer(),
  call_id: T.String(),
  start: T.String(),
  answer: nullable(T.String()),
  end: T.String(),
  from: T.String(),
  to: T.String(),
  disposition: T.Union([T.Literal('answered'), T.Literal('no_answer'), T.Literal('busy'), T.Literal('failed'), T.Literal('abandoned')]),
  agent: nullable(T.String()),
  queue: nullable(T.String()),
  recording: T.Union([T.Integer(), T.Null()]),
  hangup_cause: nullable(T.String()),
  legs: T.Array(CallLeg),
});
export type Cdr = Static<typeof Cdr>;
export type NewCdr = Omit<Cdr, 'id'>;
export type Disposition = Cdr['disposition'];

interface CdrRow {
  id: number;
  call_id: string;
  start: string;
  answer: string | null;
  end: string;
  from_number: string;
  to_number: string;
  disposition: Cdr['disposition'];
  agent: string | null;
  queue: string | null;
  recording_id: number | null;
  hangup_cause: string | null;
  legs: string;
}

export class CdrRepository {
  constructor(private readonly db: Database) {}

  insert(cdr: NewCdr): number {
    const row = this.db
      .query(
        `INSERT INTO cdr (call_id, start, answer, end, from_number, to_number, disposition, agent, queue, recording_id, hangup_cause, legs)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        cdr.call_id,
        cdr.start,
        cdr.answer,
        cdr.end,
        cdr.from,
        cdr.to,
        cdr.disposition,
        cdr.agent,
        cdr.queue,
        cdr.recording,
        cdr.hangup_cause,
        JSON.stringify(cdr.legs),
      ) as { id: number };
    return row.id;
  }

  /** Several records in one transaction: one disk flush for all the calls that ended together. */
  insertMany(cdrs: readonly NewCdr[]): number[] {
    return this.db.transaction(() => cdrs.map((c) => this.insert(c)))();
  }

  get(id: number): Cdr {
    const row = this.db.query('SELECT * FROM cdr WHERE id = ?').get(id) as CdrRow | null;
    if (!row) throw new NotFoundError(`call record ${id}`);
    return toCdr(row);
  }

  /** Newest first. */
  list(options: { limit: number; beforeId?: number }): Cdr[] {
    const rows = this.db
      .query('SELECT * FROM cdr WHERE (?1 IS NULL OR id < ?1) ORDER BY start DESC, id DESC LIMIT ?2')
      .all(options.beforeId ?? null, options.limit) as CdrRow[];
    return rows.map(toCdr);
  }
}

function toCdr(r: CdrRow): Cdr {
  return {
      id: r.id,
      call_id: r.call_id,
      start: r.start,
      answer: r.answer,
      end: r.end,
      from: r.from_number,
      to: r.to_number,
      disposition: r.disposition,
      agent: r.agent,
      queue: r.queue,
      recording: r.recording_id,
      hangup_cause: r.hangup_cause,
      legs: JSON.parse(r.legs) as Cdr['legs'],
  };
}
