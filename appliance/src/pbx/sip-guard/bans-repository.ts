/** SIP bans on disk, so a scanner banned before a restart stays banned after it. */
import type { Database } from 'bun:sqlite';

export interface SipBan {
  address: string;
  reason: string;
  bannedAt: number;
  until: number;
}

export class BansRepository {
  constructor(private readonly db: Database) {}

  live(now: number): SipBan[] {
    this.db.query('DELETE FROM sip_bans WHERE until <= ?').run(now);
    return (this.db.query('SELECT address, reason, banned_at, until FROM sip_bans').all() as { address: string; reason: string; banned_at: number; until: number }[]).map(
      (r) => ({ address: r.address, reason: r.reason, bannedAt: r.banned_at, until: r.until }),
    );
  }

  save(ban: SipBan): void {
    this.db
      .query('INSERT INTO sip_bans (address, reason, banned_at, until) VALUES (?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET reason = excluded.reason, banned_at = excluded.banned_at, until = excluded.until')
      .run(ban.address, ban.reason, ban.bannedAt, ban.until);
  }

  delete(address: string): boolean {
    return this.db.query('DELETE FROM sip_bans WHERE address = ?').run(address).changes > 0;
  }
}
