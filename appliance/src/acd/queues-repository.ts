/**
 * Queues (技能组/队列) and their members: extensions (CONTRACT.md's `agents`,
 * always logged in at themselves) and agents by work number (`members`, with
 * penalty, skill and a time condition), kept in ring order. The waiting
 * experience and ringing options live in the row's `options` JSON, with
 * defaults filled in on read.
 */
import type { Database } from 'bun:sqlite';
import { type Static, type TOptional, Type as T } from '@sinclair/typebox';
import { type FieldIssue, NotFoundError, ValidationError } from '../errors.ts';
import { Destination } from '../pbx/index.ts';
import { STRATEGY_NAMES } from './core/strategies.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';

/** The strategy names a queue may take: the distributor's table (core/strategies.ts) is the one list. */
export const STRATEGIES = STRATEGY_NAMES;

const Digit = T.Union([T.String({ pattern: '^[0-9*#]$' }), T.Null()]);

export const QueueMemberSpec = T.Object(
  {
    agent: T.String({ pattern: '^[0-9]{2,8}$', description: 'work number (工号)' }),
    penalty: T.Optional(T.Integer({ minimum: 0, maximum: 10, description: 'lower is rung first' })),
    skill: T.Optional(T.Integer({ minimum: 1, maximum: 10, description: 'higher is preferred by skills_weighted' })),
    time_condition: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 64 }), T.Null()])),
  },
  { additionalProperties: false },
);
export type QueueMemberSpec = Static<typeof QueueMemberSpec>;

/** Queue options kept in `options`; each has a default (QUEUE_OPTION_DEFAULTS). */
const QueueOptionFields = {
  members: T.Array(QueueMemberSpec),
  music_on_hold: T.Union([T.String({ pattern: '^[A-Za-z0-9._-]{1,64}\\.wav$' }), T.Null()]),
  announce_interval: T.Integer({ minimum: 0, maximum: 3600 }),
  announce_position: T.Boolean(),
  max_length: T.Integer({ minimum: 0, maximum: 10_000 }),
  overflow: T.Union([Destination, T.Null()]),
  join_empty: T.Boolean(),
  leave_when_empty: T.Boolean(),
  message_key: Digit,
  message_mailbox: T.Union([T.String({ pattern: '^[0-9]{2,8}$' }), T.Null()]),
  callback_key: Digit,
  auto_pause: T.Boolean(),
  caller_id_prefix: T.String({ maxLength: 16 }),
  alert_info: T.Union([T.String({ minLength: 1, maxLength: 200 }), T.Null()]),
  preferred_wait: T.Integer({ minimum: 0, maximum: 3600 }),
  vip_numbers: T.Array(T.String({ pattern: '^\\+?[0-9]{3,20}$' }), { maxItems: 10_000 }),
  service_level: T.Integer({ minimum: 1, maximum: 3600 }),
  supervisors: T.Array(T.String({ minLength: 1, maxLength: 64 }), { description: 'usernames who supervise this queue; empty: every supervisor' }),
};

export type QueueOptions = { [K in keyof typeof QueueOptionFields]: Static<(typeof QueueOptionFields)[K]> };

export const QUEUE_OPTION_DEFAULTS: QueueOptions = {
  members: [],
  music_on_hold: null,
  announce_interval: 60,
  announce_position: true,
  max_length: 0,
  overflow: null,
  join_empty: true,
  leave_when_empty: false,
  message_key: null,
  message_mailbox: null,
  callback_key: null,
  auto_pause: true,
  caller_id_prefix: '',
  alert_info: null,
  preferred_wait: 20,
  vip_numbers: [],
  service_level: 20,
  supervisors: [],
};
const OPTION_KEYS = Object.keys(QUEUE_OPTION_DEFAULTS) as (keyof QueueOptions)[];

const optional = Object.fromEntries(Object.entries(QueueOptionFields).map(([k, v]) => [k, T.Optional(v)])) as unknown as {
  [K in keyof typeof QueueOptionFields]: TOptional<(typeof QueueOptionFields)[K]>;
};

export const QueueCreate = T.Object(
  {
    number: T.String({ pattern: '^[0-9]{2,8}$' }),
    name: T.String({ minLength: 1, maxLength: 64 }),
    strategy: T.Union(STRATEGIES.map((s) => T.Literal(s))),
    agents: T.Optional(T.Array(T.String({ pattern: '^[0-9]{2,8}$' }), { uniqueItems: true })),
    ring_timeout: T.Optional(T.Integer({ minimum: 5, maximum: 300 })),
    max_wait: T.Optional(T.Integer({ minimum: 0, maximum: 86_400 })),
    wrap_up: T.Optional(T.Integer({ minimum: 0, maximum: 3_600 })),
    ...optional,
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
  ...QueueOptionFields,
  created_at: T.String(),
  updated_at: T.String(),
});
export type Queue = Static<typeof Queue>;

type QueueRow = Omit<Queue, 'agents' | keyof QueueOptions> & { options: string };

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
              `INSERT INTO queues (number, name, strategy, ring_timeout, max_wait, wrap_up, options, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
            )
            .get(
              input.number,
              input.name,
              input.strategy,
              input.ring_timeout ?? 15,
              input.max_wait ?? 300,
              input.wrap_up ?? 0,
              JSON.stringify(this.options(QUEUE_OPTION_DEFAULTS, input)),
              now,
              now,
            ),
        `queue number ${input.number} is already used`,
      ) as { id: number };
      this.writeMembers(id, input.agents ?? []);
      this.writeAgents(id, input.members ?? []);
      return this.get(id);
    })();
  }

  update(id: number, changes: QueueUpdate): Queue {
    return this.db.transaction(() => {
      const c = this.get(id);
      uniquely(
        () =>
          this.db
            .query('UPDATE queues SET number = ?, name = ?, strategy = ?, ring_timeout = ?, max_wait = ?, wrap_up = ?, options = ?, updated_at = ? WHERE id = ?')
            .run(
              changes.number ?? c.number,
              changes.name ?? c.name,
              changes.strategy ?? c.strategy,
              changes.ring_timeout ?? c.ring_timeout,
              changes.max_wait ?? c.max_wait,
              changes.wrap_up ?? c.wrap_up,
              JSON.stringify(this.options(c, changes)),
              isoTime(this.clock),
              id,
            ),
        `queue number ${changes.number} is already used`,
      );
      if (changes.agents) this.writeMembers(id, changes.agents);
      if (changes.members) this.writeAgents(id, changes.members);
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

  /** The options to store: `base` with what `changes` sets (members live in their own table). */
  private options(base: Partial<QueueOptions>, changes: Partial<QueueOptions>): Omit<QueueOptions, 'members'> {
    const out: Record<string, unknown> = {};
    for (const key of OPTION_KEYS) if (key !== 'members') out[key] = changes[key] !== undefined ? changes[key] : (base[key] ?? QUEUE_OPTION_DEFAULTS[key]);
    return out as Omit<QueueOptions, 'members'>;
  }

  private writeAgents(queueId: number, members: readonly QueueMemberSpec[]): void {
    this.db.query('DELETE FROM queue_agents WHERE queue_id = ?').run(queueId);
    const insert = this.db.query(
      'INSERT INTO queue_agents (queue_id, agent_id, penalty, skill, time_condition, position) SELECT ?, id, ?, ?, ?, ? FROM agents WHERE work_number = ?',
    );
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    members.forEach((m, index) => {
      if (seen.has(m.agent)) issues.push({ path: `members[${index}].agent`, message: `agent ${m.agent} listed twice` });
      else if (insert.run(queueId, m.penalty ?? 0, m.skill ?? 5, m.time_condition ?? null, index, m.agent).changes !== 1) {
        issues.push({ path: `members[${index}].agent`, message: `no agent ${m.agent}` });
      }
      seen.add(m.agent);
    });
    if (issues.length > 0) throw new ValidationError(issues);
  }

  private hydrate(row: QueueRow): Queue {
    const agents = (
      this.db
        .query('SELECT e.number FROM queue_members m JOIN extensions e ON e.id = m.extension_id WHERE m.queue_id = ? ORDER BY m.position')
        .all(row.id) as { number: string }[]
    ).map((a) => a.number);
    const members = (
      this.db
        .query(
          `SELECT a.work_number AS agent, m.penalty, m.skill, m.time_condition FROM queue_agents m JOIN agents a ON a.id = m.agent_id
           WHERE m.queue_id = ? ORDER BY m.position`,
        )
        .all(row.id) as { agent: string; penalty: number; skill: number; time_condition: string | null }[]
    ).map((m) => ({ agent: m.agent, penalty: m.penalty, skill: m.skill, time_condition: m.time_condition }));
    const { options, ...rest } = row;
    let stored: Partial<QueueOptions> = {};
    try {
      stored = JSON.parse(options) as Partial<QueueOptions>;
    } catch {
      // A row written before the options existed reads as the defaults.
    }
    return { ...rest, ...QUEUE_OPTION_DEFAULTS, ...stored, agents, members };
  }
}
