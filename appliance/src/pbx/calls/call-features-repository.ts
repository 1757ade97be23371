/** Do-not-disturb, forwarding and call waiting per extension (设置免打扰 / 呼叫转移 / 呼叫等待). */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { type Clock, isoTime } from '../../system/index.ts';

const Target = T.Union([T.String({ pattern: '^[0-9*#+]{2,32}$', description: 'extension or external number' }), T.Null()]);

export const CallFeatures = T.Object(
  {
    dnd: T.Boolean(),
    forward_always: Target,
    forward_busy: Target,
    forward_no_answer: Target,
    no_answer_s: T.Integer({ minimum: 5, maximum: 300, description: 'seconds of ringing before forward-on-no-answer' }),
    call_waiting: T.Boolean(),
  },
  { additionalProperties: false },
);
export type CallFeatures = Static<typeof CallFeatures>;
export const CallFeaturesUpdate = T.Partial(CallFeatures, { additionalProperties: false });
export type CallFeaturesUpdate = Static<typeof CallFeaturesUpdate>;

export const DEFAULT_CALL_FEATURES: CallFeatures = {
  dnd: false,
  forward_always: null,
  forward_busy: null,
  forward_no_answer: null,
  no_answer_s: 25,
  call_waiting: true,
};

interface Row {
  dnd: number;
  forward_always: string | null;
  forward_busy: string | null;
  forward_no_answer: string | null;
  no_answer_s: number;
  call_waiting: number;
}

export class CallFeaturesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  get(extensionId: number): CallFeatures {
    const row = this.db.query('SELECT * FROM extension_features WHERE extension_id = ?').get(extensionId) as Row | null;
    if (!row) return { ...DEFAULT_CALL_FEATURES };
    return {
      dnd: row.dnd === 1,
      forward_always: row.forward_always,
      forward_busy: row.forward_busy,
      forward_no_answer: row.forward_no_answer,
      no_answer_s: row.no_answer_s,
      call_waiting: row.call_waiting === 1,
    };
  }

  update(extensionId: number, changes: CallFeaturesUpdate): CallFeatures {
    const next = { ...this.get(extensionId), ...changes };
    this.db
      .query(
        `INSERT INTO extension_features (extension_id, dnd, forward_always, forward_busy, forward_no_answer, no_answer_s, call_waiting, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (extension_id) DO UPDATE SET dnd = ?2, forward_always = ?3, forward_busy = ?4, forward_no_answer = ?5,
           no_answer_s = ?6, call_waiting = ?7, updated_at = ?8`,
      )
      .run(
        extensionId,
        next.dnd ? 1 : 0,
        next.forward_always,
        next.forward_busy,
        next.forward_no_answer,
        next.no_answer_s,
        next.call_waiting ? 1 : 0,
        isoTime(this.clock),
      );
    return next;
  }
}
