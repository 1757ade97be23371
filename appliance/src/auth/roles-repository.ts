/** Roles and their permission sets. Built-in roles are kept in step with the catalogue at start. */
import type { Database } from 'bun:sqlite';
import { ConflictError, NotFoundError } from '../errors.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { BUILTIN_ROLES, PERMISSIONS, type Permission } from './permissions.ts';

export interface Role {
  id: number;
  name: string;
  description: string;
  builtin: boolean;
  permissions: Permission[];
}

export interface RoleInput {
  name: string;
  description?: string;
  permissions: Permission[];
}

interface RoleRow {
  id: number;
  name: string;
  description: string;
  builtin: number;
}

export class RolesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Makes the permission table and the built-in roles match this software's catalogue. */
  syncCatalogue(): void {
    this.db.transaction(() => {
      const insertPermission = this.db.query('INSERT OR IGNORE INTO permissions (name) VALUES (?)');
      for (const p of PERMISSIONS) insertPermission.run(p);
      const placeholders = PERMISSIONS.map(() => '?').join(',');
      this.db.query(`DELETE FROM permissions WHERE name NOT IN (${placeholders})`).run(...PERMISSIONS);
      for (const [name, role] of Object.entries(BUILTIN_ROLES)) {
        const existing = this.findByName(name);
        if (existing && !existing.builtin) continue;
        if (existing) this.writePermissions(existing.id, role.permissions);
        else this.insert({ name, description: role.description, permissions: [...role.permissions] }, true);
      }
    })();
  }

  list(): Role[] {
    const rows = this.db.query('SELECT id, name, description, builtin FROM roles ORDER BY id').all() as RoleRow[];
    return rows.map((r) => this.hydrate(r));
  }

  get(id: number): Role {
    const row = this.db.query('SELECT id, name, description, builtin FROM roles WHERE id = ?').get(id) as RoleRow | null;
    if (!row) throw new NotFoundError(`role ${id}`);
    return this.hydrate(row);
  }

  findByName(name: string): Role | null {
    const row = this.db.query('SELECT id, name, description, builtin FROM roles WHERE name = ?').get(name) as RoleRow | null;
    return row ? this.hydrate(row) : null;
  }

  create(input: RoleInput): Role {
    return this.db.transaction(() => this.get(this.insert(input, false)))();
  }

  update(id: number, input: Partial<RoleInput>): Role {
    const role = this.get(id);
    if (role.builtin) throw new ConflictError(`built-in role ${role.name} cannot be changed`);
    return this.db.transaction(() => {
      try {
        this.db
          .query('UPDATE roles SET name = ?, description = ?, updated_at = ? WHERE id = ?')
          .run(input.name ?? role.name, input.description ?? role.description, isoTime(this.clock), id);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`role ${input.name} already exists`);
        throw error;
      }
      if (input.permissions) this.writePermissions(id, input.permissions);
      return this.get(id);
    })();
  }

  delete(id: number): void {
    const role = this.get(id);
    if (role.builtin) throw new ConflictError(`built-in role ${role.name} cannot be deleted`);
    try {
      this.db.query('DELETE FROM roles WHERE id = ?').run(id);
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ConflictError(`role ${role.name} is still given to users`);
      throw error;
    }
  }

  private insert(input: RoleInput, builtin: boolean): number {
    const now = isoTime(this.clock);
    let id: number;
    try {
      id = (
        this.db
          .query('INSERT INTO roles (name, description, builtin, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
          .get(input.name, input.description ?? '', builtin ? 1 : 0, now, now) as { id: number }
      ).id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`role ${input.name} already exists`);
      throw error;
    }
    this.writePermissions(id, input.permissions);
    return id;
  }

  private writePermissions(roleId: number, permissions: readonly Permission[]): void {
    this.db.query('DELETE FROM role_permissions WHERE role_id = ?').run(roleId);
    const insert = this.db.query('INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)');
    for (const p of new Set(permissions)) insert.run(roleId, p);
  }

  private hydrate(row: RoleRow): Role {
    const permissions = (
      this.db.query('SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission').all(row.id) as {
        permission: Permission;
      }[]
    ).map((p) => p.permission);
    return { id: row.id, name: row.name, description: row.description, builtin: row.builtin === 1, permissions };
  }
}
