/**
 * Bindings on disk. Writes come in batches from the write-behind queue: at
 * thousands of REGISTERs per second a commit per request would be the
 * bottleneck, and a binding lost in the last flush interval of a crash is
 * only a phone that re-registers at its next refresh.
 */
import type { Database } from 'bun:sqlite';
import type { Binding } from './binding.ts';

interface BindingRow {
  aor: string;
  contact: string;
  call_id: string;
  cseq: number;
  q: number | null;
  expires_at: number;
  registered_at: number;
  source_protocol: Binding['source']['protocol'];
  source_address: string;
  source_port: number;
  user_agent: string | null;
}

export type BindingWrite = { kind: 'upsert'; binding: Binding } | { kind: 'delete'; aor: string; contact: string };

export class BindingsRepository {
  constructor(private readonly db: Database) {}

  /** Bindings still valid at `now`; expired rows are removed on the way. */
  loadLive(now: number): Binding[] {
    this.db.query('DELETE FROM registrations WHERE expires_at <= ?').run(now);
    const rows = this.db.query('SELECT * FROM registrations').all() as BindingRow[];
    return rows.map((r) => ({
      aor: r.aor,
      contact: r.contact,
      callId: r.call_id,
      cseq: r.cseq,
      q: r.q,
      expiresAt: r.expires_at,
      registeredAt: r.registered_at,
      source: { protocol: r.source_protocol, address: r.source_address, port: r.source_port },
      connectionId: null,
      userAgent: r.user_agent,
    }));
  }

  /** Applies a batch in one transaction; later writes to the same binding win. */
  write(batch: readonly BindingWrite[]): void {
    if (batch.length === 0) return;
    const upsert = this.db.query(
      `INSERT INTO registrations (aor, contact, call_id, cseq, q, expires_at, registered_at, source_protocol, source_address, source_port, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(aor, contact) DO UPDATE SET call_id = excluded.call_id, cseq = excluded.cseq, q = excluded.q,
         expires_at = excluded.expires_at, registered_at = excluded.registered_at, source_protocol = excluded.source_protocol,
         source_address = excluded.source_address, source_port = excluded.source_port, user_agent = excluded.user_agent`,
    );
    const remove = this.db.query('DELETE FROM registrations WHERE aor = ? AND contact = ?');
    this.db.transaction(() => {
      for (const w of batch) {
        if (w.kind === 'delete') {
          remove.run(w.aor, w.contact);
          continue;
        }
        const b = w.binding;
        upsert.run(b.aor, b.contact, b.callId, b.cseq, b.q, b.expiresAt, b.registeredAt, b.source.protocol, b.source.address, b.source.port, b.userAgent);
      }
    })();
  }
}
