/**
 * Stored blacklist entries, one per `number` spelling. The compiled matcher
 * is kept until the next write through this repository, since every call
 * in and every call out asks it.
 */
import type { Database } from 'bun:sqlite';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { uniquely } from '../../store/index.ts';
import { type Clock, isoTime } from '../../system/index.ts';
import { type BlacklistEntry, type BlacklistEntryCreate, canonicalBlacklistEntry, parseBlacklistNumber } from './blacklist-entry.ts';
import { type BlacklistMatcher, type CallDirection, compileBlacklist } from './blacklist-matcher.ts';

type Row = Omit<BlacklistEntry, 'kind'>;

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export class BlacklistRepository {
  private cache: { homeAreaCode: string | null; matcher: BlacklistMatcher } | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): BlacklistEntry[] {
    return (this.db.query('SELECT * FROM blacklist ORDER BY number').all() as Row[]).map(toEntry);
  }

  get(id: number): BlacklistEntry {
    const row = this.db.query('SELECT * FROM blacklist WHERE id = ?').get(id) as Row | null;
    if (!row) throw new NotFoundError(`blacklist entry ${id}`);
    return toEntry(row);
  }

  findByNumber(number: string): BlacklistEntry | null {
    const row = this.db.query('SELECT * FROM blacklist WHERE number = ?').get(number) as Row | null;
    return row ? toEntry(row) : null;
  }

  /** The entry that blocks `number` in this direction, or null. */
  check(number: string, direction: CallDirection, homeAreaCode: string | null): BlacklistEntry | null {
    if (this.cache?.homeAreaCode !== homeAreaCode) this.cache = { homeAreaCode, matcher: compileBlacklist(this.list(), homeAreaCode) };
    return this.cache.matcher.check(number, direction);
  }

  create(input: BlacklistEntryCreate): BlacklistEntry {
    const e = checked(input);
    const now = isoTime(this.clock);
    const { id } = uniquely(
      () =>
        this.db
          .query('INSERT INTO blacklist (number, direction, action, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
          .get(e.number, e.direction, e.action, e.note, now, now),
      `${e.number} is already on the blacklist`,
    ) as { id: number };
    this.cache = null;
    return this.get(id);
  }

  update(id: number, input: BlacklistEntryCreate): BlacklistEntry {
    this.get(id);
    const e = checked(input);
    uniquely(
      () =>
        this.db
          .query('UPDATE blacklist SET number = ?, direction = ?, action = ?, note = ?, updated_at = ? WHERE id = ?')
          .run(e.number, e.direction, e.action, e.note, isoTime(this.clock), id),
      `${e.number} is already on the blacklist`,
    );
    this.cache = null;
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM blacklist WHERE id = ?').run(id);
    this.cache = null;
  }

  /** Adds or updates each entry by its number, in one transaction; entries not listed stay. */
  importEntries(entries: readonly BlacklistEntryCreate[]): ImportSummary {
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const input of entries) {
        const current = this.findByNumber(input.number);
        const e = canonicalBlacklistEntry(input);
        if (!current) {
          this.create(e);
          summary.created++;
        } else if (current.direction !== e.direction || current.action !== e.action || current.note !== e.note) {
          this.update(current.id, e);
          summary.updated++;
        } else summary.unchanged++;
      }
    })();
    this.cache = null;
    return summary;
  }
}

function checked(input: BlacklistEntryCreate): ReturnType<typeof canonicalBlacklistEntry> {
  const parsed = parseBlacklistNumber(input.number);
  if (!parsed.ok) throw new ValidationError([{ path: 'number', message: parsed.reason }]);
  return canonicalBlacklistEntry(input);
}

function toEntry(row: Row): BlacklistEntry {
  const parsed = parseBlacklistNumber(row.number);
  return { ...row, kind: parsed.ok ? parsed.kind : 'number' };
}
