/** Queues (技能组/队列) and their members. Members are extensions, kept in ring order. */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';

export const STRATEGIES = [
  'ring_all',
  'round_robin',
  'sequential',
  'fewest_calls',
  'least_talk_time',
  'longest_idle',
  'random',
  'skills_weighted',
  'last_agent',
  'customer_owner',
] as const;

export const QueueCreate = T.Object(
  {
    number: T.String({ pattern: '^[0-9]{2,8}$' }),
    name: T.String({ minLength: 1, maxLength: 64 }),
    strategy: T.Union(STRATEGIES.map((s) => T.Literal(s))),
    agents: T.Optional(T.Array(T.String({ pattern: '^[0-9]{2,8}$' }), { uniqueItems: true })),
    ring_timeout: T.Optional(T.Integer({ minimum: 5, maximum: 300 })),
    max_wait: T.Optional(T.Integer({ minimum: 0, maximum: 86_400 })),
    wrap_up: T.Optional(T.Integer({ minimum: 0, maximum: 3_600 })),
  },
  { additionalProperties: false },
);
export type QueueCreate = Static<typeof QueueCreate>;
export const QueueUpdate = T.Partial(QueueCreate, { additionalProperties: false });
export type QueueUpdate = Static<typeof QueueUpdate>;

export const Queue = T.Object({
  id: T.Integer(),
  number: T.String(),
  name: T.String(),
  strategy: T.String(),
  agents: T.Array(T.String()),
  ring_timeout: T.Integer(),
  max_wait: T.Integer(),
  wrap_up: T.Integer(),
  created_at: T.String(),
  updated_at: T.String(),
});
export type Queue = Static<typeof Queue>;

type QueueRow = Omit<Queue, 'agents'>;

export class QueuesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): Queue[] {
    return (this.db.query('SELECT * FROM queues ORDER BY number').all() as QueueRow[]).map((r) => this.hydrate(r));
  }

  get(id: number): Queue {
    const row = this.db.query('SELECT * FROM queues WHERE id = ?').get(id) as QueueRow | null;
    if (!row) throw new NotFoundError(`queue ${id}`);
    return this.hydrate(row);
  }

  findByNumber(number: string): Queue | null {
    const row = this.db.query('SELECT * FROM queues WHERE number = ?').get(number) as QueueRow | null;
    return row ? this.hydrate(row) : null;
  }

  create(input: QueueCreate): Queue {
    return this.db.transaction(() => {
      const now = isoTime(this.clock);
      const { id } = uniquely(
        () =>
          this.db
            .query(
              `INSERT INTO queues (number, name, strategy, ring_timeout, max_wait, wrap_up, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
            )
            .get(input.number, input.name, input.strategy, input.ring_timeout ?? 15, input.max_wait ?? 300, input.wrap_up ?? 0, now, now),
        `queue number ${input.number} is already used`,
      ) as { id: number };
      this.writeMembers(id, input.agents ?? []);
      return this.get(id);
    })();
  }

  update(id: number, changes: QueueUpdate): Queue {
    return this.db.transaction(() => {
      const c = this.get(id);
      uniquely(
        () =>
          this.db
            .query('UPDATE queues SET number = ?, name = ?, strategy = ?, ring_timeout = ?, max_wait = ?, wrap_up = ?, updated_at = ? WHERE id = ?')
            .run(
              changes.number ?? c.number,
              changes.name ?? c.name,
              changes.strategy ?? c.strategy,
              changes.ring_timeout ?? c.ring_timeout,
              changes.max_wait ?? c.max_wait,
              changes.wrap_up ?? c.wrap_up,
              isoTime(this.clock),
              id,
            ),
        `queue number ${changes.number} is already used`,
      );
      if (changes.agents) this.writeMembers(id, changes.agents);
      return this.get(id);
    })();
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM queues WHERE id = ?').run(id);
  }

  private writeMembers(queueId: number, agents: readonly string[]): void {
    this.db.query('DELETE FROM queue_members WHERE queue_id = ?').run(queueId);
    const insert = this.db.query(
      'INSERT INTO queue_members (queue_id, extension_id, position) SELECT ?, id, ? FROM extensions WHERE number = ?',
    );
    agents.forEach((number, index) => {
      if (insert.run(queueId, index, number).changes !== 1) {
        throw new ValidationError([{ path: `agents[${index}]`, message: `no extension ${number}` }]);
      }
    });
  }

  private hydrate(row: QueueRow): Queue {
    const agents = (
      this.db
        .query('SELECT e.number FROM queue_members m JOIN extensions e ON e.id = m.extension_id WHERE m.queue_id = ? ORDER BY m.position')
        .all(row.id) as { number: string }[]
    ).map((a) => a.number);
    return { ...row, agents };
  }
}
