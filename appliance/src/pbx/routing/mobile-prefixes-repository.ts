/**
 * The imported mobile range table (号段 → region). Imported whole from a CSV
 * `prefix,region` (a header line is optional); a new import replaces the
 * table, and a file with any bad line changes nothing.
 */
import type { Database } from 'bun:sqlite';
import { type FieldIssue, ValidationError } from '../../errors.ts';
import { decodeCsv, parseCsv } from './csv.ts';
import type { MobileRegions } from './area-lookup.ts';

const PREFIX = /^1[3-9][0-9]{1,6}$/;

export class MobilePrefixesRepository implements MobileRegions {
  constructor(private readonly db: Database) {}

  regionOf(mobile: string): string | null {
    const prefixes = [];
    for (let n = 3; n <= 8 && n <= mobile.length; n++) prefixes.push(mobile.slice(0, n));
    const row = this.db
      .query(`SELECT region FROM mobile_prefixes WHERE prefix IN (${prefixes.map(() => '?').join(',')}) ORDER BY length(prefix) DESC LIMIT 1`)
      .get(...prefixes) as { region: string } | null;
    return row?.region ?? null;
  }

  count(): number {
    return (this.db.query('SELECT count(*) AS n FROM mobile_prefixes').get() as { n: number }).n;
  }

  /** Replaces the table; returns how many ranges were imported. Issues name the line (`line 7: …`). */
  importCsv(input: string | Uint8Array): number {
    const parsed = parseCsv(decodeCsv(input));
    if (!parsed.ok) throw new ValidationError([{ path: `line ${parsed.line}`, message: parsed.reason }]);
    const rows = parsed.rows.filter((r, i) => !(i === 0 && r.cells[0]?.trim().toLowerCase() === 'prefix'));
    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    const ranges: [string, string][] = [];
    for (const { line, cells } of rows) {
      const [prefix = '', region = '', ...extra] = cells.map((c) => c.trim());
      const first = seen.get(prefix);
      if (extra.some((e) => e !== '')) issues.push({ path: `line ${line}`, message: 'expected two columns: prefix,region' });
      else if (!PREFIX.test(prefix)) issues.push({ path: `line ${line}`, message: `prefix ${JSON.stringify(prefix)} is not the start of a mobile number (3 to 8 digits, 13-19…)` });
      else if (region === '' || region.length > 64) issues.push({ path: `line ${line}`, message: 'region must be 1 to 64 characters' });
      else if (first !== undefined) issues.push({ path: `line ${line}`, message: `prefix ${prefix} already on line ${first}` });
      else {
        seen.set(prefix, line);
        ranges.push([prefix, region]);
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
    this.db.transaction(() => {
      this.db.run('DELETE FROM mobile_prefixes');
      const insert = this.db.query('INSERT INTO mobile_prefixes (prefix, region) VALUES (?, ?)');
      for (const [prefix, region] of ranges) insert.run(prefix, region);
    })();
    return ranges.length;
  }
}
