/**
 * Agents (坐席): people with a work number (工号), a phone PIN for logging in
 * from a keypad, and optionally the web account that works as them. The
 * PIN is write-only (scrypt with a salt, like voicemail PINs: agent-pin.ts).
 * An agent's open login —
 * the extension and the chosen status — is kept here too, so a restart
 * leaves agents at their phones.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { AGENT_PIN_HASH_PATTERN, AGENT_PIN_PATTERN, agentPinMatches, hashAgentPin } from './agent-pin.ts';

const PIN = T.String({ pattern: AGENT_PIN_PATTERN, description: 'phone login PIN, 4–12 digits (write-only)' });

export const AgentCreate = T.Object(
  {
    work_number: T.String({ pattern: '^[0-9]{2,8}$', description: 'work number (工号)' }),
    name: T.String({ minLength: 1, maxLength: 64 }),
    pin: T.Optional(PIN),
    /** A stored hash, as an export carries it (provisioning round trip). */
    pin_hash: T.Optional(T.String({ pattern: AGENT_PIN_HASH_PATTERN, description: 'the stored PIN hash, as an export writes it' })),
    user: T.Optional(T.Union([T.String({ minLength: 1, maxLength: 64 }), T.Null()], { description: 'username of the web account that works as this agent' })),
    auto_answer: T.Optional(T.Boolean({ description: 'headset agent: the phone answers queue calls at once' })),
    enabled: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
export type AgentCreate = Static<typeof AgentCreate>;
export const AgentUpdate = T.Partial(AgentCreate, { additionalProperties: false });
export type AgentUpdate = Static<typeof AgentUpdate>;

export const Agent = T.Object({
  id: T.Integer(),
  work_number: T.String(),
  name: T.String(),
  user: T.Union([T.String(), T.Null()]),
  has_pin: T.Boolean(),
  auto_answer: T.Boolean(),
  enabled: T.Boolean(),
  created_at: T.String(),
  updated_at: T.String(),
});
export type Agent = Static<typeof Agent>;

export interface AgentSessionRow {
  agent_id: number;
  work_number: string;
  extension: string;
  state: 'available' | 'paused';
  pause_reason: string | null;
  logged_in_at: string;
  since: string;
}

interface AgentRow {
  id: number;
  work_number: string;
  name: string;
  pin_hash: string | null;
  username: string | null;
  auto_answer: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

const SELECT = 'SELECT a.*, u.username FROM agents a LEFT JOIN users u ON u.id = a.user_id';

export class AgentsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): Agent[] {
    return (this.db.query(`${SELECT} ORDER BY a.work_number`).all() as AgentRow[]).map(toAgent);
  }

  get(id: number): Agent {
    const row = this.db.query(`${SELECT} WHERE a.id = ?`).get(id) as AgentRow | null;
    if (!row) throw new NotFoundError(`agent ${id}`);
    return toAgent(row);
  }

  findByWorkNumber(work: string): Agent | null {
    const row = this.db.query(`${SELECT} WHERE a.work_number = ?`).get(work) as AgentRow | null;
    return row ? toAgent(row) : null;
  }

  /** The agent the web account `userId` works as, or null. */
  findByUser(userId: number): Agent | null {
    const row = this.db.query(`${SELECT} WHERE a.user_id = ?`).get(userId) as AgentRow | null;
    return row ? toAgent(row) : null;
  }

  /** The stored PIN hash (for export); null when none is set. */
  pinHashOf(work: string): string | null {
    return (this.db.query('SELECT pin_hash FROM agents WHERE work_number = ?').get(work) as { pin_hash: string | null } | null)?.pin_hash ?? null;
  }

  create(input: AgentCreate): Agent {
    const now = isoTime(this.clock);
    const { id } = uniquely(
      () =>
        this.db
          .query(
            'INSERT INTO agents (work_number, name, pin_hash, user_id, auto_answer, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
          )
          .get(input.work_number, input.name, this.pinHash(input), this.userId(input.user ?? null), input.auto_answer ? 1 : 0, input.enabled === false ? 0 : 1, now, now),
      `work number ${input.work_number} is already used, or that user works as another agent`,
    ) as { id: number };
    return this.get(id);
  }

  update(id: number, changes: AgentUpdate): Agent {
    const current = this.get(id);
    const pinHash = changes.pin !== undefined || changes.pin_hash !== undefined ? this.pinHash(changes) : this.pinHashOf(current.work_number);
    uniquely(
      () =>
        this.db
          .query('UPDATE agents SET work_number = ?, name = ?, pin_hash = ?, user_id = ?, auto_answer = ?, enabled = ?, updated_at = ? WHERE id = ?')
          .run(
            changes.work_number ?? current.work_number,
            changes.name ?? current.name,
            pinHash,
            this.userId(changes.user !== undefined ? changes.user : current.user),
            (changes.auto_answer ?? current.auto_answer) ? 1 : 0,
            (changes.enabled ?? current.enabled) ? 1 : 0,
            isoTime(this.clock),
            id,
          ),
      `work number ${changes.work_number} is already used, or that user works as another agent`,
    );
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM agents WHERE id = ?').run(id);
  }

  verifyPin(work: string, pin: string): boolean {
    const hash = this.pinHashOf(work);
    return hash !== null && agentPinMatches(pin, hash);
  }

  /** Records (or replaces) the agent's open login; `logged_in_at` is kept from the first save of a login. */
  saveSession(s: { agentId: number; extension: string; state: 'available' | 'paused'; pauseReason: string | null; since: string }): void {
    this.db
      .query(
        `INSERT INTO agent_sessions (agent_id, extension, state, pause_reason, logged_in_at, since) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(agent_id) DO UPDATE SET extension = excluded.extension, state = excluded.state, pause_reason = excluded.pause_reason, since = excluded.since`,
      )
      .run(s.agentId, s.extension, s.state, s.pauseReason, s.since, s.since);
  }

  clearSession(agentId: number): void {
    this.db.query('DELETE FROM agent_sessions WHERE agent_id = ?').run(agentId);
  }

  sessions(): AgentSessionRow[] {
    return this.db
      .query('SELECT s.agent_id, a.work_number, s.extension, s.state, s.pause_reason, s.logged_in_at, s.since FROM agent_sessions s JOIN agents a ON a.id = s.agent_id ORDER BY a.work_number')
      .all() as AgentSessionRow[];
  }

  private pinHash(input: { pin?: string; pin_hash?: string }): string | null {
    if (input.pin !== undefined) return hashAgentPin(input.pin);
    return input.pin_hash ?? null;
  }

  private userId(username: string | null): number | null {
    if (username === null) return null;
    const row = this.db.query('SELECT id FROM users WHERE username = ?').get(username) as { id: number } | null;
    if (!row) throw new ValidationError([{ path: 'user', message: `no user ${username}` }]);
    return row.id;
  }
}

function toAgent(r: AgentRow): Agent {
  return {
    id: r.id,
    work_number: r.work_number,
    name: r.name,
    user: r.username,
    has_pin: r.pin_hash !== null,
    auto_answer: r.auto_answer === 1,
    enabled: r.enabled === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
