/**
 * Login sessions. The browser holds a random token; the database holds only
 * its SHA-256, so a leaked database file cannot be replayed as a cookie.
 */
import type { Database } from 'bun:sqlite';
import { createHash, randomBytes } from 'node:crypto';
import { type Clock, isoTime } from '../system/index.ts';

export interface SessionRow {
  user_id: number;
  expires_at: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Creates a session and returns its token (shown once, to the client). */
  create(userId: number, ttlMs: number, source: string | null): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    this.db
      .query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, source) VALUES (?, ?, ?, ?, ?)')
      .run(hashToken(token), userId, new Date(now).toISOString(), new Date(now + ttlMs).toISOString(), source);
    return token;
  }

  /** The live session for a token, or null when unknown or expired. */
  find(token: string): SessionRow | null {
    const row = this.db
      .query('SELECT user_id, expires_at FROM sessions WHERE token_hash = ?')
      .get(hashToken(token)) as SessionRow | null;
    if (!row || row.expires_at <= isoTime(this.clock)) return null;
    return row;
  }

  delete(token: string): void {
    this.db.query('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }

  deleteForUser(userId: number): void {
    this.db.query('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  purgeExpired(): number {
    return this.db.query('DELETE FROM sessions WHERE expires_at <= ?').run(isoTime(this.clock)).changes;
  }
}
