/** People who log in to the web UI and API. Password hashes never leave this module except for export. */
import type { Database } from 'bun:sqlite';
import { ConflictError, NotFoundError } from '../errors.ts';
import { isUniqueViolation } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: string;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface UserRecord extends User {
  password_hash: string;
  role_id: number;
}

export interface NewUser {
  username: string;
  display_name: string;
  password_hash: string;
  role_id: number;
  enabled: boolean;
}

export type UserChanges = Partial<Omit<NewUser, 'username'>>;

interface UserRow extends Omit<UserRecord, 'enabled'> {
  enabled: number;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.password_hash, u.role_id, r.name AS role, u.enabled,
  u.created_at, u.updated_at, u.last_login_at FROM users u JOIN roles r ON r.id = u.role_id`;

export function publicUser(record: UserRecord): User {
  const { password_hash: _hash, role_id: _role, ...user } = record;
  return user;
}

export class UsersRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  count(): number {
    return (this.db.query('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): UserRecord[] {
    return (this.db.query(`${SELECT} ORDER BY u.username`).all() as UserRow[]).map(hydrate);
  }

  get(id: number): UserRecord {
    const row = this.db.query(`${SELECT} WHERE u.id = ?`).get(id) as UserRow | null;
    if (!row) throw new NotFoundError(`user ${id}`);
    return hydrate(row);
  }

  findByUsername(username: string): UserRecord | null {
    const row = this.db.query(`${SELECT} WHERE u.username = ?`).get(username) as UserRow | null;
    return row ? hydrate(row) : null;
  }

  create(input: NewUser): UserRecord {
    const now = isoTime(this.clock);
    try {
      const { id } = this.db
        .query(
          `INSERT INTO users (username, display_name, password_hash, role_id, enabled, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(input.username, input.display_name, input.password_hash, input.role_id, input.enabled ? 1 : 0, now, now) as {
        id: number;
      };
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`user ${input.username} already exists`);
      throw error;
    }
  }

  update(id: number, changes: UserChanges): UserRecord {
    const current = this.get(id);
    this.db
      .query(
        'UPDATE users SET display_name = ?, password_hash = ?, role_id = ?, enabled = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        changes.display_name ?? current.display_name,
        changes.password_hash ?? current.password_hash,
        changes.role_id ?? current.role_id,
        (changes.enabled ?? current.enabled) ? 1 : 0,
        isoTime(this.clock),
        id,
      );
    return this.get(id);
  }

  markLogin(id: number): void {
    this.db.query('UPDATE users SET last_login_at = ? WHERE id = ?').run(isoTime(this.clock), id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM users WHERE id = ?').run(id);
  }

  /** Enabled users holding a role that grants this permission. */
  countWithPermission(permission: string): number {
    return (
      this.db
        .query(
          `SELECT count(*) AS n FROM users u JOIN role_permissions rp ON rp.role_id = u.role_id
           WHERE u.enabled = 1 AND rp.permission = ?`,
        )
        .get(permission) as { n: number }
    ).n;
  }
}

function hydrate(row: UserRow): UserRecord {
  return { ...row, enabled: row.enabled === 1 };
}
