/**
 * The audit log: who did what to which object, from where. Written for every
 * admin action and login attempt, and published so the UI can show it live.
 */
import type { Database } from 'bun:sqlite';
import type { EventBus } from '../events/index.ts';
import { type Clock, isoTime } from '../system/index.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  source: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditInput {
  actor: string | null;
  source?: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

interface AuditRow extends Omit<AuditEntry, 'details'> {
  details: string | null;
}

export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  record(input: AuditInput): number {
    const row = this.db
      .query('INSERT INTO audit_log (at, actor, source, action, target, details) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .get(
        isoTime(this.clock),
        input.actor,
        input.source ?? null,
        input.action,
        input.target ?? null,
        input.details ? JSON.stringify(input.details) : null,
      ) as { id: number };
    this.bus.publish('audit.recorded', { id: row.id, actor: input.actor, action: input.action, target: input.target ?? null });
    return row.id;
  }

  /** Newest first; `beforeId` pages backwards. */
  list(options: { limit: number; beforeId?: number; action?: string }): AuditEntry[] {
    const rows = this.db
      .query(
        `SELECT id, at, actor, source, action, target, details FROM audit_log
         WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR action = ?2)
         ORDER BY id DESC LIMIT ?3`,
      )
      .all(options.beforeId ?? null, options.action ?? null, options.limit) as AuditRow[];
    return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
  }
}
